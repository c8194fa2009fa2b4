// Properties of the word splitter: any text gives words or a UsageError, and quoting the words
// back gives the same words (a round trip).
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import { quoteWord, splitWords } from '../../src/parse/words.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';

const shellish = fc
  .array(fc.constantFrom('a', 'Z', '=', ' ', '\t', "'", '"', '\\', '$', '-', 'é', '\n'), {
    maxLength: 40,
  })
  .map((cs) => cs.join(''));

export const properties = [
  parserProperty({
    name: 'splitWords: any text gives words or a UsageError; quoted back, the same words',
    input: fc.oneof(shellish, fc.string({ maxLength: 60 })),
    parse: (text: string) => splitWords(text),
    errors: [UsageError],
    check: (words) => {
      const again = splitWords(words.map(quoteWord).join(' '));
      if (JSON.stringify(again) !== JSON.stringify(words))
        throw new Error(`round trip: ${JSON.stringify(words)} -> ${JSON.stringify(again)}`);
    },
  }),
];

fuzzTests(import.meta.url, properties);

// Properties of the /proc/meminfo parser (see test/support/fuzz.ts for the contract).
import fc from 'fast-check';
import { parseMeminfo } from '../../src/parse/meminfo.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';
import { finiteOrNull, probeTexts } from '../support/probe-texts.js';

const TOKENS = ['MemTotal:', 'MemAvailable:', 'kB', 'MB'];

export const properties = [
  parserProperty({
    name: '/proc/meminfo: damaged text gives sizes or null, never an error',
    input: fc.oneof(mutatedText(probeTexts('meminfo'), TOKENS), tokenSoup(TOKENS)),
    parse: (text: string) => parseMeminfo(text),
    errors: [],
    check: (m) => {
      finiteOrNull(m.totalBytes, 'totalBytes', 0);
      finiteOrNull(m.availableBytes, 'availableBytes', 0);
    },
  }),
];

fuzzTests(import.meta.url, properties);

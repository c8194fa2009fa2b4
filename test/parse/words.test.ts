// The shell-style word splitter of --config (and sweep --cmd): quoting as sh does, no expansion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { quoteWord, splitWords } from '../../src/parse/words.js';

test('words are split at whitespace; quotes keep spaces; nothing is expanded', () => {
  assert.deepEqual(splitWords(`  GOGC=50   p=2\tx `), ['GOGC=50', 'p=2', 'x']);
  assert.deepEqual(splitWords(`ldflags='-s -w' trimpath=true`), ['ldflags=-s -w', 'trimpath=true']);
  assert.deepEqual(splitWords(`GODEBUG="gctrace=1 x=\\"y\\"" $HOME`), [
    'GODEBUG=gctrace=1 x="y"',
    '$HOME',
  ]);
  assert.deepEqual(splitWords(`a\\ b 'it'\\''s' "a\\nb" ''`), ['a b', "it's", 'a\\nb', '']);
  assert.deepEqual(splitWords(''), []);
  assert.deepEqual(splitWords('   '), []);
});

test('an unterminated quote or a trailing backslash is one line of bad usage', () => {
  for (const text of [`ldflags='-s -w`, `X="a`, `a\\`]) {
    assert.throws(
      () => splitWords(text),
      (err: unknown) => {
        assert.ok(err instanceof UsageError);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      },
    );
  }
});

test('quoteWord gives words back unchanged through splitWords', () => {
  const words = ['plain', 'ldflags=-s -w', "it's", '', 'a"b\\c', '$X `y`', 'tab\there'];
  assert.deepEqual(splitWords(words.map(quoteWord).join(' ')), words);
  assert.equal(quoteWord('GOGC=50'), 'GOGC=50');
  assert.equal(quoteWord('ldflags=-s -w'), `'ldflags=-s -w'`);
});

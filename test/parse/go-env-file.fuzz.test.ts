// Properties of the go env file parser (see test/support/fuzz.ts for the contract).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseGoEnvFile } from '../../src/parse/go-env-file.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';

const sample =
  'GOFLAGS=-mod=mod\nGOPROXY=https://proxy.example,direct\n# comment\nGOTOOLCHAIN=local\n';
const TOKENS = ['GOCACHE=', 'GOMODCACHE=', '#', '=', 'GOENV=off'];
const key = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/);
// `go env -w` writes values on one line; the parser trims them.
const value = fc.string({ maxLength: 30 }).map((v) => v.replace(/[\r\n]/g, '').trim());

export const properties = [
  parserProperty({
    name: 'go env file: damaged text gives settings, never an error',
    input: fc.oneof(mutatedText([sample], TOKENS), tokenSoup(TOKENS)),
    parse: (text: string) => parseGoEnvFile(text),
    errors: [],
  }),
  parserProperty({
    name: 'go env file: KEY=VALUE lines as go env -w writes them read back',
    input: fc.uniqueArray(fc.tuple(key, value), { maxLength: 8, selector: ([k]) => k }),
    parse: (pairs: [string, string][]) =>
      parseGoEnvFile(pairs.map(([k, v]) => `${k}=${v}\n`).join('')),
    errors: [],
    check: (parsed, pairs) => assert.deepEqual(parsed, Object.fromEntries(pairs)),
  }),
];

fuzzTests(import.meta.url, properties);

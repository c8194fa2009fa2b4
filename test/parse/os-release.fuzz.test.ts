// Properties of the /etc/os-release and /proc/version parsers (see test/support/fuzz.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { distroName, parseOsRelease, parseProcVersion } from '../../src/parse/os-release.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';
import { probeTexts } from '../support/probe-texts.js';

const TOKENS = [
  'PRETTY_NAME=',
  'NAME="',
  'VERSION=',
  'Linux version ',
  'microsoft-standard',
  'WSL2',
];

const key = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/);
const value = fc.string({ maxLength: 30 }).map((v) => v.replace(/[\n\r]/g, ' '));
/** A value as os-release(5) writes it: double quotes, with \, ", $ and ` escaped. */
const quote = (v: string): string => `"${v.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;

export const properties = [
  parserProperty({
    name: '/etc/os-release and /proc/version: damaged text gives values, never an error',
    input: fc.oneof(
      mutatedText([...probeTexts('os-release'), ...probeTexts('version')], TOKENS),
      tokenSoup(TOKENS),
    ),
    parse: (text: string) => ({
      name: distroName(parseOsRelease(text)),
      version: parseProcVersion(text),
    }),
    errors: [],
  }),
  parserProperty({
    name: '/etc/os-release: quoted values read back as written',
    input: fc.uniqueArray(fc.tuple(key, value), { maxLength: 8, selector: ([k]) => k }),
    parse: (pairs: [string, string][]) =>
      parseOsRelease(pairs.map(([k, v]) => `${k}=${quote(v)}`).join('\n')),
    errors: [],
    check: (parsed, pairs) => assert.deepEqual(parsed, Object.fromEntries(pairs)),
  }),
];

fuzzTests(import.meta.url, properties);

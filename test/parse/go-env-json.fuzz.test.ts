// Properties of the `go env -json` parser (see test/support/fuzz.ts for the contract).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { GoEnvJsonError, parseGoEnvJson } from '../../src/parse/go-env-json.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedJson, tokenSoup } from '../support/mutations.js';
import { fixturePath } from '../support/paths.js';

// Captured from the real go 1.26.8 with private GOCACHE, GOMODCACHE, GOPATH and HOME.
const captured = JSON.parse(
  readFileSync(fixturePath('probe/go-env-json-go1.26.8.json'), 'utf8'),
) as Record<string, string>;
const TOKENS = ['"GOROOT"', '"GOOS"', '"GOVERSION"', '"__proto__"', 'null', '[]', '{}'];

export const properties = [
  parserProperty({
    name: 'go env -json: damaged output gives string settings, or fails with GoEnvJsonError',
    input: fc.oneof(
      { arbitrary: mutatedJson([captured], 4, TOKENS), weight: 9 },
      { arbitrary: tokenSoup(TOKENS), weight: 1 },
    ),
    parse: (text: string) => parseGoEnvJson(text),
    errors: [GoEnvJsonError],
    check: (env) => {
      for (const value of Object.values(env)) assert.equal(typeof value, 'string');
      assert.equal(Object.getPrototypeOf(env), Object.prototype);
    },
  }),
  parserProperty({
    name: 'go env -json: settings as go prints them read back',
    input: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), {
      maxKeys: 8,
    }),
    parse: (env: Record<string, string>) => parseGoEnvJson(JSON.stringify(env, null, '\t')),
    errors: [],
    // Spread: fast-check may build the dictionary without a prototype.
    check: (parsed, env) => assert.deepEqual(parsed, { ...env }),
  }),
];

fuzzTests(import.meta.url, properties);

// Properties of the `go build -x` output parser (see test/support/fuzz.ts for the contract).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseActionGraph } from '../../src/parse/actiongraph.js';
import { compareWithBuildX } from '../../src/analyze/build-x-agreement.js';
import { compiledPackagesFromBuildX } from '../../src/parse/build-x.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';
import { fixturePath } from '../support/paths.js';

const buildX = readFileSync(
  fixturePath('buildx-encoding-json-primed-net-url-go1.26.8.txt'),
  'utf8',
);
const actions = parseActionGraph(
  readFileSync(fixturePath('actiongraph-encoding-json-primed-net-url-go1.26.8.json'), 'utf8'),
);
const TOKENS = [
  '/compile',
  ' -p ',
  "<< 'EOF'",
  'EOF',
  '"',
  "'",
  '\\',
  '-toolexec',
  '# import config',
];

// A package path with what the go command quotes: spaces, quotes, backslashes.
const pkg = fc.stringMatching(/^[a-zA-Z0-9_./ "'\\-]{1,20}$/);
/** A word as the go command prints it: bare when it can be, else in double quotes (Go syntax). */
const word = (w: string): string =>
  /^[a-zA-Z0-9_./-]+$/.test(w) ? w : `"${w.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export const properties = [
  parserProperty({
    name: 'go build -x: damaged output gives compiled packages, never an error',
    input: fc.oneof(mutatedText([buildX], TOKENS), tokenSoup(TOKENS)),
    parse: (text: string) => compareWithBuildX(actions, compiledPackagesFromBuildX(text)),
    errors: [],
    runs: 1000,
  }),
  parserProperty({
    name: 'go build -x: the -p of every compile line reads back, however it is quoted',
    input: fc.array(pkg, { maxLength: 8 }),
    parse: (pkgs: string[]) =>
      compiledPackagesFromBuildX(
        pkgs
          .map(
            (p) =>
              `/usr/local/go/pkg/tool/linux_amd64/compile -o $WORK/b001/_pkg_.a -trimpath "$WORK/b001=>" -p ${word(p)} -lang=go1.26 -complete`,
          )
          .join('\n'),
      ),
    errors: [],
    check: (got, pkgs) => assert.deepEqual(got, pkgs),
  }),
];

fuzzTests(import.meta.url, properties);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseActionGraph } from '../../src/analyze/actiongraph.js';
import {
  compareWithBuildX,
  compiledPackagesFromBuildX,
  splitCommandWords,
} from '../../src/analyze/build-x.js';
import { fixturePath } from '../support/paths.js';

const xOutput = readFileSync(
  fixturePath('buildx-encoding-json-primed-net-url-go1.26.8.txt'),
  'utf8',
);
const graph = parseActionGraph(
  readFileSync(fixturePath('actiongraph-encoding-json-primed-net-url-go1.26.8.json'), 'utf8'),
);

test('go build -x (captured): the compiler ran for 4 packages; importcfg bodies are skipped', () => {
  assert.deepEqual(compiledPackagesFromBuildX(xOutput), [
    'encoding',
    'encoding/base64',
    'unicode/utf16',
    'encoding/json',
  ]);
});

test('the captured graph and -x output of the same cache state agree: 62 hits, 62 not run', () => {
  const v = compareWithBuildX(graph, compiledPackagesFromBuildX(xOutput));
  assert.equal(v.compileActions, 66);
  assert.equal(v.graphHits, 62);
  assert.equal(v.xCompiles, 4);
  assert.equal(v.xNotRun, 62);
  assert.deepEqual(v.onlyInGraph, []);
  assert.deepEqual(v.onlyInX, []);
  assert.equal(v.agrees, true);
});

test('a disagreement is reported with the packages on each side', () => {
  const v = compareWithBuildX(graph, ['encoding', 'encoding/json', 'unicode/utf16', 'fmt', 'fmt']);
  assert.equal(v.agrees, false);
  assert.deepEqual(v.onlyInGraph, ['encoding/base64']);
  assert.deepEqual(v.onlyInX, ['fmt', 'fmt']);
  assert.equal(v.xNotRun, 61);
});

test('command words: Go-style double quotes, shell single quotes, -toolexec wrappers, main', () => {
  assert.deepEqual(splitCommandWords('a -trimpath "$WORK/b001=>" -p x'), [
    'a',
    '-trimpath',
    '$WORK/b001=>',
    '-p',
    'x',
  ]);
  assert.deepEqual(splitCommandWords(`echo 'a b' "c\\"d"  e`), ['echo', 'a b', 'c"d', 'e']);
  assert.deepEqual(splitCommandWords(''), []);
  const text = [
    'WORK=/tmp/go-build1',
    '"/opt/my go/pkg/tool/linux_amd64/compile" -o $WORK/b001/_pkg_.a -p example.com/m/lib -lang=go1.22',
    '/usr/bin/toolexec-wrapper /usr/local/go/pkg/tool/linux_amd64/compile -o x -p main -complete',
    '/usr/local/go/pkg/tool/linux_amd64/asm -p runtime -trimpath "$WORK/b010=>" -I $WORK/b010/',
    "cat >/tmp/go-build1/b001/importcfg << 'EOF' # internal",
    '/usr/local/go/pkg/tool/linux_amd64/compile -p not-a-command-but-a-heredoc-line',
    'EOF',
    '/usr/local/go/pkg/tool/linux_amd64/compile -o x -p',
    'mkdir -p $WORK/b002/',
    '',
  ].join('\n');
  assert.deepEqual(compiledPackagesFromBuildX(text), ['example.com/m/lib', 'main']);
  assert.deepEqual(compiledPackagesFromBuildX(''), []);
  assert.deepEqual(compiledPackagesFromBuildX('\u0000garbage "unterminated'), []);
});

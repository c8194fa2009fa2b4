import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compiledPackagesFromBuildX, splitCommandWords } from '../../src/parse/build-x.js';
import { fixturePath } from '../support/paths.js';

const xOutput = readFileSync(
  fixturePath('buildx-encoding-json-primed-net-url-go1.26.8.txt'),
  'utf8',
);
test('go build -x (captured): the compiler ran for 4 packages; importcfg bodies are skipped', () => {
  assert.deepEqual(compiledPackagesFromBuildX(xOutput), [
    'encoding',
    'encoding/base64',
    'unicode/utf16',
    'encoding/json',
  ]);
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

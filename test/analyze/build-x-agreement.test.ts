import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compareWithBuildX } from '../../src/analyze/build-x-agreement.js';
import { parseActionGraph } from '../../src/parse/actiongraph.js';
import { compiledPackagesFromBuildX } from '../../src/parse/build-x.js';
import { fixturePath } from '../support/paths.js';

const xOutput = readFileSync(
  fixturePath('buildx-encoding-json-primed-net-url-go1.26.8.txt'),
  'utf8',
);
const graph = parseActionGraph(
  readFileSync(fixturePath('actiongraph-encoding-json-primed-net-url-go1.26.8.json'), 'utf8'),
);

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

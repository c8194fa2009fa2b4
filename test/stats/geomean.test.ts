import assert from 'node:assert/strict';
import { test } from 'node:test';

import { geomean } from '../../src/stats/index.js';
import { assertClose, seq } from './helpers.js';

test('geomean matches go-moremath stats.GeoMean', () => {
  // Printed by stats.GeoMean from go-moremath v0.0.0-20210112150236-f10218a38794.
  assertClose(geomean([1, 2, 4, 8]).value, 2.82842712474619, 1e-15);
  assertClose(geomean([2.5, 3.5, 100, 0.001]).value, 0.967168210133835, 1e-15);
  assertClose(geomean(seq(30, 1, 7, 13)).value, 5.307590859510115, 1e-15);
});

test('non-positive and non-finite values are left out and flagged', () => {
  const r = geomean([4, 0, 1, -3, NaN]);
  assert.equal(r.value, 2);
  assert.equal(r.n, 2);
  assert.equal(r.ignored, 3);
  assert.deepEqual(
    r.warnings.map((w) => w.code),
    ['non-positive-values', 'non-finite-values'],
  );
  const none = geomean([0, -1]);
  assert.equal(none.value, null);
  assert.equal(geomean([]).value, null);
  assert.deepEqual(geomean([]).warnings, []);
});

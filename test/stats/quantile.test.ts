import assert from 'node:assert/strict';
import { test } from 'node:test';

import { median, quantile, quantileSorted, sortedCopy } from '../../src/stats/index.js';

test('median of odd and even samples, any order', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([5]), 5);
  assert.ok(Number.isNaN(median([])));
});

test("median reproduces benchstat's definition-8 rounding", () => {
  // benchmath gives 10.149999999999999 here, not (10.1 + 10.2) / 2 = 10.15.
  assert.equal(median([10.1, 10.3, 9.9, 10.0, 10.2, 10.4]), 10.149999999999999);
});

test('quantile extremes and interpolation (Hyndman-Fan type 8)', () => {
  const xs = [1, 2, 3, 4];
  assert.equal(quantile(xs, 0), 1);
  assert.equal(quantile(xs, 1), 4);
  assert.equal(quantile(xs, -1), 1);
  // Position 1/3 + 0.25 * (4 + 1/3) = 1.41666…: 1 + 0.41666… * (2 - 1).
  assert.ok(Math.abs(quantile(xs, 0.25) - (1 + 5 / 12)) < 1e-12);
  assert.equal(quantileSorted([], 0.5), NaN);
});

test('sortedCopy leaves its input alone', () => {
  const xs = [3, 1, 2];
  assert.deepEqual(sortedCopy(xs), [1, 2, 3]);
  assert.deepEqual(xs, [3, 1, 2]);
});

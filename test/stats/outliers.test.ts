import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEFAULT_OUTLIER_THRESHOLD,
  HYPERFINE_OUTLIER_THRESHOLD,
  detectOutliers,
  medianAbsoluteDeviation,
  modifiedZScores,
} from '../../src/stats/index.js';
import { assertClose } from './helpers.js';

const count = (xs: number[], threshold = HYPERFINE_OUTLIER_THRESHOLD): number =>
  detectOutliers(xs, threshold).indices.length;

test("hyperfine's own outlier cases give the same counts at its threshold", () => {
  // From sharkdp/hyperfine src/outlier_detection.rs (test_detect_outliers*).
  assert.equal(count([]), 0);
  assert.equal(count([50]), 0);
  assert.equal(count([1000, 0]), 0);
  assert.equal(count([-0.2, 0, 0.2]), 0);
  assert.equal(count([-0.2, 0, 0.2, 4]), 1);
  assert.equal(count([0.5, 0.3, 0.29, 0.31, 0.3]), 1);
  const normal = [
    2.33269488, 1.42195907, -0.57527698, -0.31293437, 2.2948158, 0.75813273, -1.0712388,
    -0.96394741, -1.15897446, 1.10976285,
  ];
  assert.equal(count(normal), 0);
  assert.equal(count([...normal, 20, -500]), 2);
  // MAD = 0: hyperfine divides by f64::EPSILON, so every differing value is an outlier.
  assert.equal(count([10, 10, 10, 10, 10, 10, 10, 100]), 1);
  assert.equal(count([10, 10, 10, 10, 10, 10, 10, 100, 100]), 2);
});

test('hyperfine threshold is about ten standard deviations on the modified z scale', () => {
  assertClose(HYPERFINE_OUTLIER_THRESHOLD, 10.0001337, 1e-6);
  assert.equal(DEFAULT_OUTLIER_THRESHOLD, 3.5);
});

test('modified z-scores and MAD by hand', () => {
  // median 3, |x - 3| = 2 1 0 1 2 → MAD 1; z = 0.6745 * (x - 3).
  assert.equal(medianAbsoluteDeviation([1, 2, 3, 4, 5]), 1);
  const z = modifiedZScores([1, 2, 3, 4, 5]);
  assert.deepEqual(
    z.map((v) => Math.round(v * 1e4) / 1e4),
    [-1.349, -0.6745, 0, 0.6745, 1.349],
  );
  assert.ok(Number.isNaN(modifiedZScores([1, NaN, 2])[1]));
});

test('slow first run takes precedence over the generic warning, like hyperfine', () => {
  const r = detectOutliers([50, 10, 11, 10, 12, 0.1, 11]);
  assert.deepEqual(r.indices, [0, 5]);
  assert.deepEqual(
    r.warnings.map((w) => w.code),
    ['slow-first-run'],
  );
  // A fast first run is only a generic outlier.
  const fast = detectOutliers([1, 10, 11, 10, 12, 11]);
  assert.deepEqual(fast.indices, [0]);
  assert.deepEqual(
    fast.warnings.map((w) => w.code),
    ['outliers'],
  );
  assert.match(
    fast.warnings[0]?.message ?? '',
    /^statistical outliers were detected \(1 of 6 values\)/,
  );
});

test('no outliers, no warnings', () => {
  const r = detectOutliers([10, 10.1, 9.9, 10.05, 9.95]);
  assert.deepEqual(r.indices, []);
  assert.deepEqual(r.warnings, []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { medianCI, medianSamplesNeeded, sortedMedianCI } from '../../src/stats/index.js';
import { assertClose } from './helpers.js';

// [n, requested confidence, LoOrder, HiOrder, achieved Confidence] printed by
// stats.QuantileCI(n, 0.5, c) from go-moremath v0.0.0-20210112150236-f10218a38794, the version
// required by golang.org/x/perf v0.0.0-20260908200009-22c9c6c9d4da (benchmath).
const GO_QUANTILE_CI: Array<[number, number, number, number, number]> = [
  [0, 0.95, 0, 1, 1],
  [1, 0.95, 0, 2, 1],
  [5, 0.95, 0, 5, 0.96875],
  [6, 0.95, 1, 6, 0.96875],
  [7, 0.95, 1, 7, 0.984375],
  [8, 0.95, 1, 7, 0.9609375],
  [20, 0.95, 6, 15, 0.9586105346679688],
  // n in 21..30: Go's inexact C(n, k) flips the left-first tie-break for these.
  [22, 0.9, 8, 16, 0.9068603515624998],
  [24, 0.95, 8, 18, 0.9567147493362336],
  [28, 0.5, 13, 17, 0.5417416803538815],
  [30, 0.95, 10, 21, 0.9572260547429379],
  // n > 30: normal approximation.
  [31, 0.95, 10, 22, 0.9688587894042033],
  [40, 0.95, 14, 27, 0.9601673807552584],
  [100, 0.99, 37, 63, 0.9903233608711832],
  [400, 0.95, 180, 220, 0.9542297250726569],
  [6, 0.999, 0, 7, 1],
  [10, 1, 0, 11, 1],
];

test('medianCI order statistics match benchstat', () => {
  for (const [n, c, lo, hi, conf] of GO_QUANTILE_CI) {
    const got = medianCI(n, c);
    assert.deepEqual([got.loOrder, got.hiOrder], [lo, hi], `n=${n} c=${c}`);
    assertClose(got.confidence, conf, 1e-13);
  }
});

test('small exact cases, checked by hand', () => {
  // n = 6: P(1 <= K <= 5) for K ~ Bin(6, 1/2) is 1 - 2/64 = 0.96875 >= 0.95, so [x1, x6].
  assert.deepEqual(medianCI(6, 0.95), { n: 6, confidence: 0.96875, loOrder: 1, hiOrder: 6 });
  // n = 8: growing left first from the mode stops at [x1, x7] with 1 - 10/256 = 0.9609375.
  assert.deepEqual(medianCI(8, 0.95), { n: 8, confidence: 0.9609375, loOrder: 1, hiOrder: 7 });
});

test('medianSamplesNeeded matches benchstat wording inputs', () => {
  assert.deepEqual(medianSamplesNeeded(0.95), { op: '>=', n: 6 });
  assert.deepEqual(medianSamplesNeeded(0.99), { op: '>=', n: 8 });
  assert.deepEqual(medianSamplesNeeded(0.9), { op: '>=', n: 5 });
  assert.deepEqual(medianSamplesNeeded(1), { op: '>', n: 50 });
});

test('sortedMedianCI maps orders to values and infinities', () => {
  assert.deepEqual(sortedMedianCI([1, 2, 3, 4, 5, 6], 0.95), {
    median: 3.5,
    lo: 1,
    hi: 6,
    confidence: 0.96875,
  });
  // n = 5: only the lower bound is unbounded (HiOrder 5 is the maximum).
  assert.deepEqual(sortedMedianCI([1, 1, 3, 4, 5], 0.95), {
    median: 3,
    lo: -Infinity,
    hi: 5,
    confidence: 0.96875,
  });
});

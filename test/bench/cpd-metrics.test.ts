import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  coverSingle,
  covering,
  fMeasure,
  partitionFromChangePoints,
  truePositives,
} from '../../bench/cpd-metrics.js';

// The documented examples (doctests) of TCPDBench's analysis/scripts/metrics.py.

test('true positives match each prediction at most once, within the margin', () => {
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  assert.deepEqual(sorted(truePositives([1, 10, 20, 23], [3, 8, 20])), [1, 10, 20]);
  assert.deepEqual(sorted(truePositives([1, 10, 20, 23], [1, 3, 8, 20])), [1, 10, 20]);
  assert.deepEqual(sorted(truePositives([1, 10, 20, 23], [1, 3, 5, 8, 20])), [1, 10, 20]);
  assert.deepEqual(sorted(truePositives([], [1, 2, 3])), []);
  assert.deepEqual(sorted(truePositives([1, 2, 3], [])), []);
});

test('F-measure against several annotators, 0 counting as a change point of all', () => {
  assert.equal(fMeasure([[10, 20], [11, 20], [10], [0, 5]], [10, 20]).f, 1);
  assert.equal(fMeasure([[], [10], [50]], [10]).f, 0.9090909090909091);
  assert.equal(fMeasure([[], [10], [50]], []).f, 0.8);
  // Nothing annotated, nothing predicted: perfect; a false alarm halves the precision.
  assert.deepEqual(fMeasure([[]], []), { f: 1, precision: 1, recall: 1 });
  assert.equal(fMeasure([[]], [100]).precision, 0.5);
});

test('partition from change points', () => {
  assert.deepEqual(partitionFromChangePoints([], 5), [[0, 5]]);
  assert.deepEqual(partitionFromChangePoints([3, 5], 8), [
    [0, 3],
    [3, 5],
    [5, 8],
  ]);
  assert.deepEqual(partitionFromChangePoints([1, 2, 7], 8), [
    [0, 1],
    [1, 2],
    [2, 7],
    [7, 8],
  ]);
  assert.deepEqual(partitionFromChangePoints([0, 4], 6), [
    [0, 4],
    [4, 6],
  ]);
});

test('covering of one segmentation by another (Arbelaez et al. eq. 8)', () => {
  const close = (got: number, want: number) => assert.ok(Math.abs(got - want) < 1e-15, `${got}`);
  close(
    coverSingle(
      [
        [1, 4],
        [4, 6],
        [6, 7],
      ],
      [
        [1, 4],
        [4, 7],
      ],
    ),
    0.8333333333333334,
  );
  close(
    coverSingle(
      [
        [1, 5],
        [5, 7],
      ],
      [[1, 7]],
    ),
    0.6666666666666666,
  );
  close(
    coverSingle(
      [
        [1, 3],
        [3, 5],
        [5, 7],
      ],
      [
        [1, 4],
        [4, 7],
      ],
    ),
    0.6666666666666666,
  );
  close(
    coverSingle(
      [[1, 7]],
      [
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 7],
      ],
    ),
    0.3333333333333333,
  );
});

test('covering averaged over annotators', () => {
  const close = (got: number, want: number) => assert.ok(Math.abs(got - want) < 1e-15, `${got}`);
  close(covering([[10, 20], [10], [0, 5]], [10, 20], 45), 0.7962962962962963);
  close(covering([[], [10], [40]], [10], 45), 0.7954144620811286);
  close(covering([[], [10], [40]], [], 45), 0.8189300411522634);
});

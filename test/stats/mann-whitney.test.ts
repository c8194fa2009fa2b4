import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mannWhitneyU } from '../../src/stats/index.js';
import { assertClose, seq } from './helpers.js';

test('exact p-values without ties, by hand', () => {
  // Non-overlapping samples of 4: only 1 of C(8,4) = 70 orderings is that extreme each way.
  const r = mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8]);
  assert.equal(r.method, 'exact');
  assert.equal(r.u, 0);
  assertClose(r.p, 2 / 70, 1e-15);
  // The mirror image has U = n1*n2 and the same p.
  const m = mannWhitneyU([5, 6, 7, 8], [1, 2, 3, 4]);
  assert.equal(m.u, 16);
  assert.equal(m.p, r.p);
  // U at the centre of its distribution: p is exactly 1.
  assert.equal(mannWhitneyU([1, 4], [2, 3]).p, 1);
});

test('exact p-values with ties are conditional on the tie pattern, by hand', () => {
  // Pooled ranks: 1 1 | 2 2 2 (tie groups of 2 and 3). U1 = 0; of the C(5,2) = 10 ways to
  // place sample a, only {group 1, group 1} gives U1 = 0, so P(U1 <= 0) = 1/10 and p = 0.2.
  const r = mannWhitneyU([1, 1], [2, 2, 2]);
  assert.equal(r.method, 'exact');
  assert.equal(r.u, 0);
  assertClose(r.p, 0.2, 1e-15);
  // a = [1, 2] vs b = [2, 2]: U1 = 0 + 0.5 + 0.5 = 1.
  assert.equal(mannWhitneyU([1, 2], [2, 2]).u, 1);
});

test('normal approximation for large samples with tie and continuity corrections', () => {
  const r = mannWhitneyU(seq(40, 1000, 7, 13), seq(40, 1001, 5, 11));
  assert.equal(r.method, 'normal');
  // From go-moremath stats.MannWhitneyUTest (see compare.test.ts for versions).
  assert.equal(r.u, 768);
  assertClose(r.p, 0.7610643270594694, 1e-12);
});

test('undefined tests report p = 1 with a warning', () => {
  const empty = mannWhitneyU([], [1, 2]);
  assert.equal(empty.method, 'none');
  assert.equal(empty.p, 1);
  assert.deepEqual(
    empty.warnings.map((w) => w.message),
    ['sample is too small'],
  );
  const equal = mannWhitneyU([3, 3, 3], [3, 3]);
  assert.equal(equal.method, 'none');
  assert.equal(equal.p, 1);
  assert.deepEqual(
    equal.warnings.map((w) => [w.code, w.message]),
    [['all-equal', 'all samples are equal']],
  );
  // Large all-equal samples take the normal branch, which must also detect it.
  assert.equal(mannWhitneyU(seq(60, 5, 0, 1), seq(60, 5, 0, 1)).method, 'none');
});

test('infinite values are ranked like any other', () => {
  const r = mannWhitneyU([1, 2, 3, -Infinity], [Infinity, 5, 6, Infinity]);
  assert.equal(r.u, 0);
  assertClose(r.p, 2 / 70, 1e-15);
});

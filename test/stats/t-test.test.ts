import assert from 'node:assert/strict';
import { test } from 'node:test';

import { logGamma, regularizedBeta, studentTTwoSidedP } from '../../src/stats/student-t.js';
import { segmentStats, tTestP } from '../../src/stats/t-test.js';

const close = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}`);

test('logGamma agrees with factorials and Γ(1/2) = √π', () => {
  close(logGamma(1), 0, 1e-14, 'lnΓ(1)');
  close(logGamma(5), Math.log(24), 1e-13, 'lnΓ(5)');
  close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14, 'lnΓ(1/2)');
  close(logGamma(101), 363.73937555556347, 1e-10, 'lnΓ(101)');
});

test('regularized beta: closed forms', () => {
  // I_x(1, b) = 1 − (1 − x)^b and I_x(a, 1) = x^a.
  close(regularizedBeta(0.3, 1, 4), 1 - 0.7 ** 4, 1e-14, 'I(1,4)');
  close(regularizedBeta(0.8, 3, 1), 0.8 ** 3, 1e-14, 'I(3,1)');
  assert.equal(regularizedBeta(0, 2, 3), 0);
  assert.equal(regularizedBeta(1, 2, 3), 1);
});

test('Student t two-sided p-values: closed forms for 1 and 2 df, tables for more', () => {
  for (const t of [0, 0.5, 1, 3, 12.7]) {
    close(studentTTwoSidedP(t, 1), 1 - (2 / Math.PI) * Math.atan(t), 1e-13, `df=1 t=${t}`);
    close(studentTTwoSidedP(-t, 2), 1 - t / Math.sqrt(2 + t * t), 1e-13, `df=2 t=${t}`);
  }
  // Critical values from t tables: p = 0.05 at t = 2.228 (10 df), 2.009 (50 df); normal limit.
  close(studentTTwoSidedP(2.228138851986, 10), 0.05, 1e-9, 'df=10');
  close(studentTTwoSidedP(2.0085591121, 50), 0.05, 1e-9, 'df=50');
  close(studentTTwoSidedP(1.95996398454, 1e9), 0.05, 1e-7, 'df→∞');
  assert.equal(studentTTwoSidedP(Infinity, 5), 0);
});

test('pooled two-sample t-test', () => {
  const a = [1, 2, 3, 4, 5];
  const b = [3, 4, 5, 6, 7];
  const sa = segmentStats(a, 0, a.length);
  assert.deepEqual(sa, { n: 5, mean: 3, variance: 2.5 });
  // t = 2 / sqrt(2.5 · 2/5) = 2 with 8 df: p = 2·(1 − F₈(2)) = 0.0805162379572626.
  close(tTestP(sa, segmentStats(b, 0, b.length)), 0.08051623795726257, 1e-12, 'p');
  assert.equal(tTestP(segmentStats([1, 1], 0, 2), segmentStats([2, 2], 0, 2)), 0);
  assert.equal(tTestP(segmentStats([1, 1], 0, 2), segmentStats([1, 1], 0, 2)), 1);
  assert.equal(tTestP(segmentStats([1], 0, 1), segmentStats([2], 0, 1)), 1);
});

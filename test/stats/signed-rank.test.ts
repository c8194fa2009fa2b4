// The Wilcoxon signed-rank test against worked examples and its own symmetries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signedRank } from '../../src/stats/signed-rank.js';
import { assumeExact, assumeNothing } from '../../src/stats/index.js';

// Hollander & Wolfe (1973), p. 29, the example of R's ?wilcox.test: Hamilton depression scale
// before (x) and after (y) a tranquilizer. R: wilcox.test(x, y, paired = TRUE) gives V = 40,
// p-value = 0.03906 (two-sided, exact).
const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

test('the worked example: V = 40, exact two-sided p = 0.03906', () => {
  const r = signedRank(x.map((v, i) => v - (y[i] as number)));
  assert.equal(r.n, 9);
  assert.equal(r.wPlus, 40);
  assert.equal(r.method, 'exact');
  assert.ok(Math.abs(r.p - 0.0390625) < 1e-12);
});

test('mirror image: the same p-value, W+ becomes n(n+1)/2 - W+', () => {
  const d = x.map((v, i) => (y[i] as number) - v);
  const r = signedRank(d);
  assert.equal(r.wPlus, 45 - 40);
  assert.ok(Math.abs(r.p - 0.0390625) < 1e-12);
});

test('zeros are dropped; none left means no test (p = 1)', () => {
  assert.equal(signedRank([0, 0, 1, 2, -3]).n, 3);
  assert.deepEqual(signedRank([0, 0]), { n: 0, wPlus: NaN, p: 1, method: 'none' });
});

test('every difference one way: p = 2 / 2^n exactly', () => {
  for (const n of [1, 5, 6, 10]) {
    const r = signedRank(Array.from({ length: n }, (_, i) => i + 1));
    assert.ok(Math.abs(r.p - Math.min(1, 2 / 2 ** n)) < 1e-15, `n=${n}`);
  }
});

test('ties: the normal approximation with mid-ranks, close to the exact value without ties', () => {
  const tied = signedRank([1, 1, 2, 3, -1, 4, 5, 6, 7, 8, 9, 10, -2, 11, 12]);
  assert.equal(tied.method, 'normal');
  const untied = signedRank([1, 1.1, 2, 3, -1.2, 4, 5, 6, 7, 8, 9, 10, -2.1, 11, 12]);
  assert.equal(untied.method, 'exact');
  assert.ok(Math.abs(tied.p - untied.p) < 0.01, `${tied.p} vs ${untied.p}`);
});

test('large n: the normal approximation agrees with the exact distribution', () => {
  // 60 differences, beyond the exact limit; compare with the exact value at n = 50 scaled down.
  const d = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? -(i + 1) : i + 1));
  const exact = signedRank(d);
  assert.equal(exact.method, 'exact');
  const shifted = signedRank([...d.map((v) => v + Math.sign(v) * 0.5)]);
  assert.ok(Math.abs(exact.p - shifted.p) < 1e-12);
  const normal = signedRank([...d, 51, -52, 53, 54, -55, 56, 57, 58, -59, 60]);
  assert.equal(normal.method, 'normal');
  assert.ok(normal.p > 0 && normal.p < 1);
});

test('assumeNothing.comparePaired: ratios of the pairs; a drift moving both is no difference', () => {
  const a = [100, 110, 121, 133, 146, 161, 177, 195, 214, 236];
  const same = assumeNothing.comparePaired(
    a,
    a.map((v, i) => v * (i % 2 === 0 ? 1.001 : 0.999)),
    0.05,
  );
  assert.equal(same.significant, false);
  const slower = assumeNothing.comparePaired(
    a,
    a.map((v, i) => v * (1.02 + i / 1000)),
    0.05,
  );
  assert.equal(slower.significant, true);
  assert.ok(Math.abs(slower.p - 2 / 1024) < 1e-12);
  assert.deepEqual([slower.n1, slower.n2], [10, 10]);
  // Five pairs can never reach p <= 0.05: said as benchstat says it for the U test.
  const few = assumeNothing.comparePaired([1, 2, 3, 4, 5], [2, 3, 4, 5, 6], 0.05);
  assert.match(few.warnings[0]?.message ?? '', /need >= 6 pairs/);
  // Exact metrics stay exact.
  assert.equal(assumeExact.comparePaired([1], [2], 0.05).p, 0);
});

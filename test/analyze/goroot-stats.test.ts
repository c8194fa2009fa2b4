import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootstrapRounds,
  ratioOfMedians,
  slopeOfMedians,
  theilSenSlope,
} from '../../src/analyze/goroot-stats.js';
import { mulberry32 } from '../../src/stats/random.js';

test('theilSenSlope is the median of the pairwise slopes', () => {
  assert.equal(theilSenSlope([0, 1, 2, 4, 8], [10, 12, 14, 18, 26]), 2);
  // One wild point does not tilt it: pairwise slopes 2,2,2,(1000-10)/8... median stays 2.
  assert.equal(theilSenSlope([0, 1, 2, 4, 8], [10, 12, 14, 18, 1000]), 2);
  // Pairs with equal x are skipped; non-finite y values are left out.
  assert.equal(theilSenSlope([0, 0, 2], [1, 3, 5]), 1.5); // slopes 2 and 1
  assert.equal(theilSenSlope([0, 1, 2], [0, NaN, 4]), 2);
  assert.ok(Number.isNaN(theilSenSlope([1, 1], [1, 2])));
  assert.ok(Number.isNaN(theilSenSlope([], [])));
});

test('mulberry32 repeats for a seed and stays in [0, 1)', () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
  }
  assert.notEqual(mulberry32(1)(), mulberry32(2)());
});

/** Rounds where depth d costs base + slope*d, plus a per-round drift and a little noise. */
function rounds(depths: number[], n: number, base: number, slope: number): number[][] {
  const rnd = mulberry32(42);
  return depths.map((d) =>
    Array.from({ length: n }, (_, r) => base + slope * d + r * 1000 + (rnd() - 0.5) * 200),
  );
}

test('slopeOfMedians recovers a known per-level cost and its CI covers it', () => {
  const depths = [0, 1, 2, 4, 8];
  const byDepth = rounds(depths, 15, 3e6, 500e3);
  const s = slopeOfMedians(depths, byDepth);
  assert.equal(s.rounds, 15);
  assert.equal(s.confidence, 0.95);
  assert.ok(Math.abs(s.estimate - 500e3) < 1e3, `estimate ${s.estimate}`);
  assert.ok(s.lo !== null && s.hi !== null);
  assert.ok(s.lo <= 500e3 && 500e3 <= s.hi, `CI ${s.lo} … ${s.hi}`);
  assert.ok(s.lo <= s.estimate && s.estimate <= s.hi);
  // Seeded: the same data give the same interval.
  assert.deepEqual(slopeOfMedians(depths, byDepth), s);
});

test('no interval with fewer than 6 rounds, but an estimate', () => {
  const s = slopeOfMedians(
    [0, 2],
    [
      [10, 11, 12],
      [14, 15, 16],
    ],
  );
  assert.equal(s.estimate, 2);
  assert.equal(s.lo, null);
  assert.equal(s.hi, null);
  assert.equal(s.resamples, 0);
});

test('failed runs (NaN) are left out of the medians', () => {
  const s = bootstrapRounds(
    [
      [1, 1, NaN, 1, 1, 1],
      [3, 3, 3, 3, NaN, 3],
    ],
    ([a, b]) => (b as number) - (a as number),
  );
  assert.equal(s.estimate, 2);
  assert.equal(s.lo, 2);
  assert.equal(s.hi, 2);
});

test('ratioOfMedians: numerator over denominator with a CI', () => {
  const disk = [100, 102, 98, 101, 99, 100, 103, 97];
  const tmpfs = disk.map((v) => v * 3);
  const r = ratioOfMedians(tmpfs, disk);
  assert.ok(Math.abs(r.estimate - 3) < 1e-9);
  assert.ok(r.lo !== null && r.hi !== null && r.lo <= 3 && r.hi >= 3);
  assert.ok(Number.isNaN(ratioOfMedians([1, 2], [0, 0]).estimate));
});

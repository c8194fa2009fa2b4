import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { mulberry32, normal } from '../../bench/synthetic-series.js';
import { choosePeriod } from '../../src/stats/seasonal-period.js';
import { stl, stlWindows } from '../../src/stats/stl.js';
import { fixturePath } from '../support/paths.js';

interface Reference {
  y: number[];
  [scenario: string]: unknown;
}
interface Scenario {
  inner: number;
  outer: number;
  seasonal: number[];
  trend: number[];
  weights: number[];
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length) => {
  let d = 0;
  for (let i = from; i < to; i++) d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
  return d;
};

test('STL agrees with the reference Fortran (netlib stl) on a small series, robust and plain', () => {
  const ref = JSON.parse(
    readFileSync(fixturePath(path.join('stl', 'reference-70.json')), 'utf8'),
  ) as Reference;
  for (const name of ['robust', 'plain']) {
    const want = ref[name] as Scenario;
    const got = stl(ref.y, {
      period: 7,
      seasonalWindow: 7,
      trendWindow: 15,
      inner: want.inner,
      outer: want.outer,
    });
    assert.ok(maxDiff(got.seasonal, want.seasonal) < 1e-10, `${name} seasonal`);
    assert.ok(maxDiff(got.trend, want.trend) < 1e-10, `${name} trend`);
    assert.ok(maxDiff(got.weights, want.weights) < 1e-10, `${name} weights`);
  }
});

test('windows follow the paper: odd seasonal ≥ 7, trend from the period, low-pass ≥ period', () => {
  assert.deepEqual(stlWindows({ period: 7 }), { seasonal: 7, trend: 15, lowPass: 7 });
  assert.deepEqual(stlWindows({ period: 7, seasonalWindow: 4 }), {
    seasonal: 7,
    trend: 15,
    lowPass: 7,
  });
  assert.deepEqual(stlWindows({ period: 24, seasonalWindow: 13 }), {
    seasonal: 13,
    trend: 41,
    lowPass: 25,
  });
});

test('a sum of trend, weekly pattern and noise is recovered; a spike gets no weight', () => {
  const rand = mulberry32(7);
  const pattern = [0.08, -0.03, 0.02, -0.06, 0.05, -0.02, -0.04];
  const n = 364;
  const trend = Array.from({ length: n }, (_, t) => 2 + 0.001 * t + 0.05 * Math.sin(t / 60));
  const y = trend.map((v, t) => v + (pattern[t % 7] as number) + 0.01 * normal(rand));
  y[200] = (y[200] as number) + 1; // one wild value
  const got = stl(y, { period: 7 });
  // Away from the ends, each component within a few noise standard deviations.
  const seasonalWant = y.map((_, t) => pattern[t % 7] as number);
  assert.ok(maxDiff(got.seasonal, seasonalWant, 14, n - 14) < 0.02, 'seasonal');
  assert.ok(maxDiff(got.trend, trend, 14, n - 14) < 0.02, 'trend');
  assert.ok((got.weights[200] as number) < 0.01, 'the spike is down-weighted');
  assert.ok(
    Math.abs((got.remainder[200] as number) - 1) < 0.05,
    'the spike stays in the remainder',
  );
});

test('the seasonal period comes from the timestamps', () => {
  const day = 86_400_000;
  const at = (n: number, gap: number) => Array.from({ length: n }, (_, i) => i * gap);
  assert.deepEqual(choosePeriod(at(60, day)), { period: 7, cycle: 'weekly' });
  assert.deepEqual(choosePeriod(at(100, day / 24)), { period: 24, cycle: 'daily' });
  assert.equal(choosePeriod(at(13, day)), undefined, 'fewer than two weeks');
  assert.equal(choosePeriod(at(60, 7 * day)), undefined, 'weekly runs have no weekly cycle');
  const irregular = [0, 1, 5, 6, 20, 21, 40, 41, 60].map((h) => h * 3_600_000);
  assert.equal(choosePeriod(irregular), undefined, 'irregular spacing');
});

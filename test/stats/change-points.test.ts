import assert from 'node:assert/strict';
import { test } from 'node:test';

import { syntheticSeries } from '../../bench/synthetic-series.js';
import { detectChangePoints, type ChangePointState } from '../../src/stats/change-points.js';

/** A daily series with a weekly pattern, 3% noise and one level change of `pct` at `at`. */
function daily(n: number, at: number, pct: number, seed: number) {
  const base = syntheticSeries({ n, cv: 0.03, changes: 0, seed });
  const values = base.values.map((v, i) => (i >= at ? v * (1 + pct / 100) : v));
  return { values, timestampsMs: base.timestampsMs };
}

test('a slowdown in a seasonal daily series: where, when, how big, which way, an alert', () => {
  const s = daily(200, 120, 15, 1);
  const { findings, period } = detectChangePoints(s.values, { timestampsMs: s.timestampsMs });
  assert.equal(period, 7, 'weekly seasonality removed');
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.ok(f && Math.abs(f.index - 120) <= 2, `index ${f?.index}`);
  assert.equal(f.timeMs, s.timestampsMs[f.index]);
  assert.ok(Math.abs(f.sizePct - 15) < 3, `size ${f.sizePct}`);
  assert.equal(f.direction, 'up');
  assert.equal(f.kind, 'regression');
  assert.equal(f.alert, true);
  assert.ok(f.pValue < 1e-10);
});

test('a speed-up is information, and for throughput the directions swap', () => {
  const s = daily(200, 80, -20, 2);
  const [f] = detectChangePoints(s.values, { timestampsMs: s.timestampsMs }).findings;
  assert.equal(f?.direction, 'down');
  assert.equal(f.kind, 'improvement');
  assert.equal(f.alert, false);
  const [g] = detectChangePoints(s.values, { largerIsWorse: false }).findings;
  assert.equal(g?.kind, 'regression');
  assert.equal(g.alert, true);
});

test('no change, spikes and all, finds nothing; a short series is not deseasonalised', () => {
  for (const seed of [3, 4, 5]) {
    const s = syntheticSeries({ n: 365, cv: 0.05, changes: 0, seed });
    assert.deepEqual(
      detectChangePoints(s.values, { timestampsMs: s.timestampsMs }).findings,
      [],
      `seed ${seed}`,
    );
  }
  const short = daily(13, 5, 0, 6);
  assert.equal(
    detectChangePoints(short.values, { timestampsMs: short.timestampsMs }).period,
    undefined,
  );
  assert.equal(detectChangePoints(daily(30, 5, 0, 6).values, { period: 7 }).period, 7);
});

test('values that have no logarithm are refused', () => {
  assert.throws(() => detectChangePoints([1, 2, 0, 3]), RangeError);
  assert.throws(() => detectChangePoints([1, NaN]), RangeError);
});

test('incremental analysis gives the batch answer as points arrive, with and without STL', () => {
  for (const [seed, seasonal] of [
    [7, true],
    [8, true],
    [9, false],
    [10, false],
  ] as const) {
    const s = syntheticSeries({ n: 170, cv: 0.03, changes: 2, seed });
    let state: ChangePointState | undefined;
    let reused = 0;
    for (let n = 130; n <= s.values.length; n++) {
      const options = { timestampsMs: s.timestampsMs.slice(0, n), seasonal };
      const values = s.values.slice(0, n);
      const incremental = detectChangePoints(values, options, state);
      assert.deepEqual(incremental.findings, detectChangePoints(values, options).findings);
      if (state && incremental.state.eDivisive.windows[0] === state.eDivisive.windows[0]) reused++;
      state = incremental.state;
    }
    // Without STL only the recent windows are scanned again; robust STL refits the whole series
    // (its robustness scale is global), so the windows are rescanned and the answer still agrees.
    if (!seasonal) assert.equal(reused, 40, 'settled windows kept');
  }
});

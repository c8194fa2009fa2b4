import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mulberry32, normal, syntheticSeries } from '../../bench/synthetic-series.js';
import {
  eDivisive,
  type EDivisiveOptions,
  type EDivisiveState,
} from '../../src/stats/e-divisive.js';

const options: EDivisiveOptions = {
  windowLength: 50,
  maxPValue: 0.001,
  minMagnitude: 0.01,
  minSegment: 5,
};

function noisy(n: number, seed: number, level: (i: number) => number): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => level(i) + 0.02 * normal(rand));
}

test('a step is found where it happens, with its segments and p-value', () => {
  const series = noisy(200, 1, (i) => (i < 120 ? 1 : 1.1));
  const { changePoints } = eDivisive(series, options);
  assert.equal(changePoints.length, 1);
  const [cp] = changePoints;
  assert.equal(cp?.index, 120);
  assert.ok(cp.pValue < 1e-10);
  assert.equal(cp.before.n, 120);
  assert.equal(cp.after.n, 80);
  assert.ok(Math.abs(cp.magnitude - 0.1) < 0.01);
});

test('nothing is found in noise, and a single spike or a short blip is not a change point', () => {
  assert.deepEqual(
    eDivisive(
      noisy(300, 2, () => 1),
      options,
    ).changePoints,
    [],
  );
  const spike = noisy(300, 3, (i) => (i === 150 ? 3 : 1));
  assert.deepEqual(eDivisive(spike, options).changePoints, []);
  const blip = noisy(300, 4, (i) => (i >= 150 && i < 153 ? 1.5 : 1));
  assert.deepEqual(eDivisive(blip, options).changePoints, []);
});

test('changes smaller than minMagnitude are merged away', () => {
  const series = noisy(200, 5, (i) => (i < 100 ? 1 : 1.05));
  assert.equal(eDivisive(series, options).changePoints.length, 1);
  assert.equal(eDivisive(series, { ...options, minMagnitude: 0.08 }).changePoints.length, 0);
});

test('incremental mode: feeding points one by one gives the batch answer at every length', () => {
  for (const seed of [11, 12, 13, 14]) {
    const s = syntheticSeries({ n: 220, cv: 0.03, changes: 2, seed });
    const logs = s.values.map(Math.log);
    let state: EDivisiveState | undefined;
    for (let n = 120; n <= logs.length; n++) {
      const prefix = logs.slice(0, n);
      const incremental = eDivisive(prefix, options, state);
      const batch = eDivisive(prefix, options);
      assert.deepEqual(incremental.changePoints, batch.changePoints, `seed ${seed}, n ${n}`);
      assert.deepEqual(incremental.weak, batch.weak);
      assert.deepEqual(incremental.state, batch.state);
      if (state) {
        // Kept windows are the earlier objects; only those reaching the new point were rescanned.
        const old = new Set(state.windows);
        const rescanned = incremental.state.windows.filter((w) => !old.has(w));
        assert.ok(rescanned.length <= 3, `${rescanned.length} windows rescanned at n ${n}`);
        assert.ok(rescanned.every((w) => w.end === n));
      }
      state = incremental.state;
    }
  }
});

test('a state from other options is not reused', () => {
  const series = noisy(200, 6, (i) => (i < 120 ? 1 : 1.1));
  const { state } = eDivisive(series.slice(0, 150), { ...options, windowLength: 30 });
  assert.deepEqual(eDivisive(series, options, state), eDivisive(series, options));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mulberry32, normal } from '../../bench/synthetic-series.js';
import { despike } from '../../src/stats/despike.js';

function noisy(n: number, seed: number, level: (i: number) => number): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => level(i) + 0.02 * normal(rand));
}

test('a spike takes the running median; a step and ordinary noise are kept', () => {
  const values = noisy(200, 1, (i) => (i < 100 ? 1 : 1.2) + (i === 50 ? 0.5 : 0));
  const out = despike(values);
  assert.ok(Math.abs((out[50] as number) - 1) < 0.05, `spike became ${out[50]}`);
  let changed = 0;
  for (let i = 0; i < values.length; i++) if (out[i] !== values[i]) changed++;
  assert.ok(changed <= 4, `${changed} values changed`);
  const mean = (from: number, to: number) =>
    Array.from(out.subarray(from, to)).reduce((a, b) => a + b, 0) / (to - from);
  assert.ok(Math.abs(mean(100, 200) - mean(0, 100) - 0.2) < 0.01, 'the step survives');
});

test('appending a point changes only the last few despiked values', () => {
  const values = noisy(300, 2, () => 1).map((v, i) => (i % 37 === 0 ? v + 0.3 : v));
  const before = despike(values.slice(0, 299));
  const after = despike(values);
  let firstDiff = 299;
  for (let i = 0; i < 299; i++)
    if (before[i] !== after[i]) {
      firstDiff = i;
      break;
    }
  assert.ok(firstDiff >= 299 - 3 - 25 - 3, `values from ${firstDiff} changed`);
});

// The dashboard's chart data, computed in node: the trend with its band and change points, the
// machines aligned on one time axis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignSeries, displayUnit, trendData } from '../../web/dashboard/chart-data.js';

const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();

test('the trend has x in epoch seconds, medians and band in ms, and a mark per change point', () => {
  const points = [1, 2, 3].map((d) => ({
    startedAt: at(d),
    median: d * 1e6,
    band: d === 2 ? { lo: 0.5e6, hi: 1.5e6 } : null,
  }));
  const d = trendData(points, [{ index: 2, sizePct: 50, kind: 'regression' }], 'ns');
  assert.deepEqual(d.unit, displayUnit('ns'));
  assert.deepEqual(
    d.columns[0],
    [1, 2, 3].map((x) => Date.parse(at(x)) / 1000),
  );
  assert.deepEqual(d.columns[1], [1, 2, 3]);
  assert.deepEqual(d.columns[2], [null, 0.5, null]);
  assert.deepEqual(d.columns[3], [null, 1.5, null]);
  assert.deepEqual(d.marks, [{ x: Date.parse(at(3)) / 1000, label: '+50.0%', kind: 'regression' }]);
});

test('a change point outside the points is not marked', () => {
  const d = trendData(
    [{ startedAt: at(1), median: 1 }],
    [{ index: 5, sizePct: -10, kind: 'improvement' }],
    'x',
  );
  assert.deepEqual(d.marks, []);
});

test('machines are aligned on the union of their times, gaps null', () => {
  const a = {
    points: [
      { startedAt: at(1), median: 2 ** 20 },
      { startedAt: at(3), median: 2 ** 21 },
    ],
  };
  const b = { points: [{ startedAt: at(2), median: 2 ** 22 }] };
  const d = alignSeries([a, b], 'bytes');
  assert.equal(d.unit.label, 'MiB');
  assert.equal(d.columns[0].length, 3);
  assert.deepEqual(d.columns.slice(1), [
    [1, null, 2],
    [null, 4, null],
  ]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { summarize } from '../../src/stats/index.js';
import { assertClose, seq } from './helpers.js';

// Expected medians, bounds (null = benchstat's ±Inf), confidences and warnings were printed by
// benchmath.AssumeNothing.Summary from golang.org/x/perf v0.0.0-20260908200009-22c9c6c9d4da
// (go-moremath v0.0.0-20210112150236-f10218a38794) with Go 1.26.8.
interface Ref {
  name: string;
  values: number[];
  confidence: number;
  median: number;
  lo: number | null;
  hi: number | null;
  conf: number;
  warnings: string[];
}
const need95 = 'need >= 6 samples for confidence interval at level 0.95';
const n6 = [10.1, 10.3, 9.9, 10.0, 10.2, 10.4];
const GO_SUMMARIES: Ref[] = [
  {
    name: 'n1',
    values: [5],
    confidence: 0.95,
    median: 5,
    lo: null,
    hi: null,
    conf: 1,
    warnings: [need95],
  },
  {
    name: 'n2',
    values: [2, 1],
    confidence: 0.95,
    median: 1.5,
    lo: null,
    hi: null,
    conf: 1,
    warnings: [need95],
  },
  {
    name: 'n5',
    values: [3, 1, 4, 1, 5],
    confidence: 0.95,
    median: 3,
    lo: null,
    hi: 5,
    conf: 0.96875,
    warnings: [need95],
  },
  {
    name: 'n6',
    values: n6,
    confidence: 0.95,
    median: 10.149999999999999,
    lo: 9.9,
    hi: 10.4,
    conf: 0.96875,
    warnings: [],
  },
  {
    name: 'n6 at 0.99',
    values: n6,
    confidence: 0.99,
    median: 10.149999999999999,
    lo: null,
    hi: null,
    conf: 1,
    warnings: ['need >= 8 samples for confidence interval at level 0.99'],
  },
  {
    name: 'n6 at 0.9',
    values: n6,
    confidence: 0.9,
    median: 10.149999999999999,
    lo: 9.9,
    hi: 10.4,
    conf: 0.96875,
    warnings: [],
  },
  {
    name: 'n8',
    values: seq(8, 100, 3, 8),
    confidence: 0.95,
    median: 103.5,
    lo: 100,
    hi: 106,
    conf: 0.9609375,
    warnings: [],
  },
  {
    name: 'n24',
    values: seq(24, 1000, 7, 24),
    confidence: 0.95,
    median: 1011.5,
    lo: 1007,
    hi: 1017,
    conf: 0.9567147493362336,
    warnings: [],
  },
  {
    name: 'n40 ties',
    values: seq(40, 1000, 7, 13),
    confidence: 0.95,
    median: 1006,
    lo: 1004,
    hi: 1008,
    conf: 0.9601673807552584,
    warnings: [],
  },
  {
    name: 'n100',
    values: seq(100, 5000, 37, 101),
    confidence: 0.95,
    median: 5049.5,
    lo: 5039,
    hi: 5059,
    conf: 0.9534190196211817,
    warnings: [],
  },
  {
    name: 'all equal',
    values: seq(10, 7, 0, 1),
    confidence: 0.95,
    median: 7,
    lo: 7,
    hi: 7,
    conf: 0.978515625,
    warnings: [],
  },
  {
    name: 'confidence 1',
    values: [1, 2, 3, 4, 5, 6],
    confidence: 1,
    median: 3.5,
    lo: null,
    hi: null,
    conf: 1,
    warnings: ['need > 50 samples for confidence interval at level 1'],
  },
];

test('summarize reproduces benchstat medians, intervals and warnings', () => {
  for (const ref of GO_SUMMARIES) {
    const s = summarize(ref.values, ref.confidence);
    assert.equal(s.median, ref.median, ref.name);
    assert.equal(s.ciLo, ref.lo, ref.name);
    assert.equal(s.ciHi, ref.hi, ref.name);
    assertClose(s.ciConfidence, ref.conf, 1e-13);
    const ciWarnings = s.warnings.filter((w) => w.code === 'ci-too-few-samples');
    assert.deepEqual(
      ciWarnings.map((w) => w.message),
      ref.warnings,
      ref.name,
    );
  }
});

test('moments, spread and outliers, checked by hand', () => {
  const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(s.n, 8);
  assert.equal(s.min, 2);
  assert.equal(s.max, 9);
  assert.equal(s.mean, 5);
  // Sum of squared deviations is 32, so the sample variance is 32/7.
  assertClose(s.sd, Math.sqrt(32 / 7));
  assertClose(s.cv, Math.sqrt(32 / 7) / 5);
  // |x - 4.5| = 2.5 .5 .5 .5 .5 .5 2.5 4.5 → MAD 0.5.
  assert.equal(s.mad, 0.5);
  // Modified z of 9 is 0.6745 * 4.5 / 0.5 = 6.07 > 3.5; of 2 and 7 it is 3.37.
  assert.deepEqual(s.outliers, [7]);
  assert.deepEqual(
    s.warnings.map((w) => w.code),
    ['outliers'],
  );
});

test('a slow first run is reported instead of the generic outlier warning', () => {
  const s = summarize([30, 10, 10.2, 9.9, 10.1, 10, 10.3, 9.8]);
  assert.deepEqual(s.outliers, [0]);
  assert.deepEqual(
    s.warnings.map((w) => w.code),
    ['slow-first-run'],
  );
  // The value is data, in the sample's units; the message holds no raw number.
  assert.equal(s.warnings[0]?.value, 30);
  assert.match(
    s.warnings[0]?.message ?? '',
    /^the first run was significantly slower than the rest;/,
  );
});

test('single value: no spread, unbounded interval', () => {
  const s = summarize([42]);
  assert.equal(s.median, 42);
  assert.equal(s.sd, null);
  assert.equal(s.cv, null);
  assert.equal(s.mad, 0);
  assert.deepEqual(s.outliers, []);
  assert.deepEqual(
    s.warnings.map((w) => w.code),
    ['ci-too-few-samples'],
  );
});

test('empty and non-finite input are reported as warnings, not thrown', () => {
  const empty = summarize([]);
  assert.equal(empty.n, 0);
  assert.ok(Number.isNaN(empty.median));
  assert.deepEqual(
    empty.warnings.map((w) => w.code),
    ['empty-sample'],
  );

  const s = summarize([NaN, 1, 2, 3, 4, 5, 6, 1000]);
  assert.equal(s.n, 7);
  assert.equal(s.median, 4);
  assert.deepEqual(s.outliers, [7]); // index into the original array
  assert.deepEqual(
    s.warnings.map((w) => w.code),
    ['non-finite-values', 'outliers'],
  );
});

test('custom outlier threshold', () => {
  const values = [2, 4, 4, 4, 5, 5, 7, 9];
  assert.deepEqual(summarize(values, 0.95, { outlierThreshold: 10 }).outliers, []);
  assert.deepEqual(summarize(values, 0.95, { outlierThreshold: 3 }).outliers, [0, 6, 7]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  compareSamples,
  mannWhitneyU,
  minUTestP,
  uTestSamplesNeeded,
} from '../../src/stats/index.js';
import { assertClose, seq } from './helpers.js';

// Reference results printed by benchmath.AssumeNothing.Compare (p, warnings) and
// Comparison.FormatDelta (delta) from golang.org/x/perf v0.0.0-20260908200009-22c9c6c9d4da,
// which uses go-moremath v0.0.0-20210112150236-f10218a38794, built with Go 1.26.8.
// `delta` is benchstat's cell text: "~" when not significant, else the median change.
interface Ref {
  name: string;
  a: number[];
  b: number[];
  alpha: number;
  p: number;
  u: number | null;
  delta: string;
  warnings: string[];
  /** Whether our p must equal Go's bit for bit (exact paths whose Go arithmetic we replay). */
  bitExact: boolean;
}
const need4 = 'need >= 4 samples to detect a difference at alpha level 0.05';
const n6a = [10.1, 10.3, 9.9, 10.0, 10.2, 10.4];
const n6b = [10.35, 10.5, 10.45, 10.6, 10.25, 10.55];
const GO_COMPARISONS: Ref[] = [
  {
    name: 'all equal',
    a: seq(5, 5, 0, 1),
    b: seq(5, 5, 0, 1),
    alpha: 0.05,
    p: 1,
    u: null,
    delta: '~',
    warnings: ['all samples are equal'],
    bitExact: true,
  },
  {
    name: 'constant but different',
    a: seq(3, 1, 0, 1),
    b: seq(3, 2, 0, 1),
    alpha: 0.05,
    p: 0.1,
    u: 0,
    delta: '~',
    warnings: [need4],
    bitExact: true,
  },
  {
    name: 'n=1',
    a: [1],
    b: [2],
    alpha: 0.05,
    p: 1,
    u: 0,
    delta: '~',
    warnings: [need4],
    bitExact: true,
  },
  {
    name: 'separated n=3',
    a: [1, 2, 3],
    b: [4, 5, 6],
    alpha: 0.05,
    p: 0.10000000000000002,
    u: 0,
    delta: '~',
    warnings: [need4],
    bitExact: true,
  },
  // p is 0.1 in exact arithmetic but 0.10000000000000002 in Go, so benchstat says "~" at 0.1.
  {
    name: 'separated n=3, alpha 0.1',
    a: [1, 2, 3],
    b: [4, 5, 6],
    alpha: 0.1,
    p: 0.10000000000000002,
    u: 0,
    delta: '~',
    warnings: [],
    bitExact: true,
  },
  {
    name: 'separated n=4',
    a: [1, 2, 3, 4],
    b: [5, 6, 7, 8],
    alpha: 0.05,
    p: 0.028571428571428577,
    u: 0,
    delta: '+160.00%',
    warnings: [],
    bitExact: true,
  },
  {
    name: 'ties n=5',
    a: [1, 2, 2, 3, 3],
    b: [2, 3, 3, 4, 5],
    alpha: 0.05,
    p: 0.19047619047619047,
    u: 5,
    delta: '~',
    warnings: [],
    bitExact: true,
  },
  {
    name: 'overlap n=6',
    a: n6a,
    b: n6b,
    alpha: 0.05,
    p: 0.015151515151515155,
    u: 3,
    delta: '+3.20%',
    warnings: [],
    bitExact: true,
  },
  {
    name: 'differ n=10',
    a: seq(10, 1000, 37, 53),
    b: seq(10, 1040, 41, 59),
    alpha: 0.05,
    p: 7.577561757128321e-5,
    u: 3,
    delta: '+4.10%',
    warnings: [],
    bitExact: true,
  },
  {
    name: 'n=4 vs 12',
    a: seq(4, 1000, 37, 53),
    b: seq(12, 1010, 41, 59),
    alpha: 0.05,
    p: 0.05824175824175824,
    u: 8,
    delta: '~',
    warnings: [],
    bitExact: true,
  },
  // Exact with ties but N > 20: Go's C(n, k) via lgamma adds ~1e-15 noise we do not replay.
  {
    name: 'ties n=20 (exact)',
    a: seq(20, 1000, 7, 13),
    b: seq(20, 1003, 5, 11),
    alpha: 0.05,
    p: 0.026379681716529164,
    u: 118.5,
    delta: '+0.25%',
    warnings: [],
    bitExact: false,
  },
  {
    name: 'ties n=30 (normal)',
    a: seq(30, 1000, 7, 13),
    b: seq(30, 1002, 5, 11),
    alpha: 0.05,
    p: 0.19186596156951166,
    u: 361.5,
    delta: '~',
    warnings: [],
    bitExact: false,
  },
  {
    name: 'ties n=40 (normal)',
    a: seq(40, 1000, 7, 13),
    b: seq(40, 1001, 5, 11),
    alpha: 0.05,
    p: 0.7610643270594694,
    u: 768,
    delta: '~',
    warnings: [],
    bitExact: false,
  },
  {
    name: 'no ties n=50 (exact)',
    a: seq(50, 1000, 37, 53),
    b: seq(50, 1003.5, 41, 59),
    alpha: 0.05,
    p: 0.06602402337977265,
    u: 983,
    delta: '~',
    warnings: [],
    bitExact: true,
  },
  {
    name: 'no ties n=51 (normal)',
    a: seq(51, 1000, 37, 53),
    b: seq(51, 1003.5, 41, 59),
    alpha: 0.05,
    p: 0.06668341875658489,
    u: 1026,
    delta: '~',
    warnings: [],
    bitExact: false,
  },
  {
    name: 'alpha 0.01, ties',
    a: seq(12, 1000, 37, 53),
    b: seq(12, 1000, 41, 59),
    alpha: 0.01,
    p: 0.7887954689004723,
    u: 67,
    delta: '~',
    warnings: [],
    bitExact: false,
  },
  {
    name: 'alpha 1e-5',
    a: [1, 2, 3],
    b: [4, 5, 6],
    alpha: 0.00001,
    p: 0.10000000000000002,
    u: 0,
    delta: '~',
    warnings: ['need > 10 samples to detect a difference at alpha level 1e-05'],
    bitExact: true,
  },
  {
    name: 'zero baseline',
    a: [0, 0, 0, 0, 1],
    b: [2, 3, 4, 5, 6],
    alpha: 0.05,
    p: 0.007936507936507936,
    u: 0,
    delta: '?',
    warnings: [],
    bitExact: true,
  },
];

/** benchstat's FormatDelta, from our result. */
function benchstatDelta(r: ReturnType<typeof compareSamples>): string {
  if (!r.significant) return '~';
  if (r.deltaFraction === null) return '?';
  if (r.deltaFraction === 0) return '0.00%';
  const pct = r.deltaFraction * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`;
}

test('compareSamples reproduces benchstat p-values, deltas and warnings', () => {
  for (const ref of GO_COMPARISONS) {
    const r = compareSamples(ref.a, ref.b, ref.alpha);
    if (ref.bitExact) assert.equal(r.p, ref.p, ref.name);
    else assertClose(r.p, ref.p, 1e-12);
    assert.equal(r.n1, ref.a.length);
    assert.equal(r.n2, ref.b.length);
    assert.equal(r.alpha, ref.alpha);
    assert.equal(benchstatDelta(r), ref.delta, ref.name);
    assert.deepEqual(
      r.warnings.map((w) => w.message),
      ref.warnings,
      ref.name,
    );
  }
});

test('U statistics match go-moremath', () => {
  for (const ref of GO_COMPARISONS) {
    if (ref.u === null) continue; // Go's test errored (all equal)
    assert.equal(mannWhitneyU(ref.a, ref.b).u, ref.u, ref.name);
  }
});

test('medians and delta fraction', () => {
  const r = compareSamples([100, 101, 99, 100, 102, 98], [110, 111, 109, 110, 112, 108]);
  assert.equal(r.medianA, 100);
  assert.equal(r.medianB, 110);
  assertClose(r.deltaFraction, 0.1, 1e-15);
  assert.equal(r.significant, true);
  assert.equal(r.method, 'exact');
  assertClose(r.p, 2 / 924, 1e-15);
  assert.equal(compareSamples([1, 2, 3], [3, 2, 1]).deltaFraction, 0);
  assert.equal(compareSamples([], [1]).deltaFraction, null);
});

test('p exactly at alpha counts as significant, as in benchstat', () => {
  // Disjoint n=4 samples: Go's p is 0.028571428571428577; judged at exactly that alpha.
  const r = compareSamples([1, 2, 3, 4], [5, 6, 7, 8], 0.028571428571428577);
  assert.equal(r.significant, true);
});

test('minimum attainable p and the samples needed for an alpha', () => {
  // benchmath's uTestMinP table (generated by its mktables.go).
  const goTable = [
    1, 0.3333333333333333, 0.1, 0.02857142857142857, 0.007936507936507936, 0.0021645021645021645,
    0.0005827505827505828, 0.0001554001554001554, 4.113533525298231e-5,
  ];
  goTable.forEach((p, i) => assertClose(minUTestP(i + 1), p, 1e-15));
  assert.deepEqual(uTestSamplesNeeded(0.05), { op: '>=', n: 4 });
  assert.deepEqual(uTestSamplesNeeded(0.01), { op: '>=', n: 5 });
  assert.deepEqual(uTestSamplesNeeded(0.1), { op: '>=', n: 3 });
  assert.deepEqual(uTestSamplesNeeded(1e-6), { op: '>', n: 10 });
});

test('the too-few-samples warning needs both samples to be small', () => {
  // 3 vs 10 is not significant, but b alone is large enough, so benchstat does not warn.
  const r = compareSamples([1, 5, 9], seq(10, 0, 1, 10));
  assert.equal(r.significant, false);
  assert.deepEqual(r.warnings, []);
});

test('non-finite values are dropped with a warning', () => {
  const r = compareSamples([1, 2, NaN, 3, 4], [5, 6, 7, 8, Infinity]);
  assert.equal(r.n1, 4);
  assert.equal(r.n2, 4);
  assert.equal(r.p, 0.028571428571428577);
  assert.deepEqual(
    r.warnings.map((w) => w.code),
    ['non-finite-values'],
  );
});

test('an empty sample is benchstat\'s "sample is too small", never significant', () => {
  const r = compareSamples([], [1, 2, 3]);
  assert.equal(r.p, 1);
  assert.equal(r.significant, false);
  assert.equal(r.method, 'none');
  assert.deepEqual(
    r.warnings.map((w) => w.message),
    ['sample is too small'],
  );
});

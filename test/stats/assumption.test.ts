// Assumptions as values: AssumeNothing (median, U test) and AssumeExact (mode, no test), each a
// pair of functions, chosen by name as a `Unit ... assume=` line does.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  assumeExact,
  assumeNothing,
  assumptionNamed,
  compareSamples,
  summarize,
} from '../../src/stats/index.js';

test('assumptionNamed: exact by name, nothing otherwise (benchstat default)', () => {
  assert.equal(assumptionNamed('exact'), assumeExact);
  assert.equal(assumptionNamed('nothing'), assumeNothing);
  assert.equal(assumptionNamed(undefined), assumeNothing);
  assert.equal(assumptionNamed('normal'), assumeNothing);
});

test('AssumeNothing: the median and its order-statistic interval, without outlier warnings', () => {
  // 1000 is an outlier by modified z-score: summarize warns, benchstat does not.
  const values = [10, 11, 12, 10, 11, 12, 11, 1000];
  const s = assumeNothing.summary(values, 0.95);
  const full = summarize(values, 0.95);
  assert.equal(s.center, full.median);
  assert.equal(s.lo, full.ciLo);
  assert.equal(s.hi, full.ciHi);
  assert.equal(s.confidence, full.ciConfidence);
  assert.ok(full.warnings.some((w) => w.code === 'outliers'));
  assert.deepEqual(s.warnings, []);

  const few = assumeNothing.summary([1, 2], 0.95);
  assert.equal(few.lo, null);
  assert.deepEqual(
    few.warnings.map((w) => w.code),
    ['ci-too-few-samples'],
  );
});

test('AssumeNothing.compare is the Mann-Whitney U test at alpha', () => {
  const a = [10, 11, 12, 10, 11, 12];
  const b = [20, 21, 22, 20, 21, 22];
  const c = assumeNothing.compare(a, b, 0.05);
  const u = compareSamples(a, b, 0.05);
  assert.equal(c.p, u.p);
  assert.equal(c.significant, true);
  assert.deepEqual([c.n1, c.n2, c.alpha], [6, 6, 0.05]);
  const same = assumeNothing.compare([5, 5, 5], [5, 5, 5], 0.05);
  assert.equal(same.significant, false);
  assert.deepEqual(
    same.warnings.map((w) => w.message),
    ['all samples are equal'],
  );
});

test('AssumeExact: the mode between min and max at confidence 1; any change is significant', () => {
  const equal = assumeExact.summary([64, 64, 64], 0.95);
  assert.deepEqual(equal, { n: 3, center: 64, lo: 64, hi: 64, confidence: 1, warnings: [] });

  const differing = assumeExact.summary([50, 48, 48, 50, 49], 0.95);
  assert.equal(differing.center, 48); // the smallest of the most frequent
  assert.deepEqual([differing.lo, differing.hi], [48, 50]);
  assert.deepEqual(differing.warnings, [
    { code: 'not-exact', message: 'exact distribution expected, but values range from 48 to 50' },
  ]);

  const c = assumeExact.compare([64, 64], [48, 48, 48], 0.01);
  assert.deepEqual(c, { p: 0, n1: 2, n2: 3, alpha: 0.01, significant: true, warnings: [] });

  // Nothing to take a mode of: summarized as AssumeNothing does, with its warning.
  const empty = assumeExact.summary([], 0.95);
  assert.equal(empty.n, 0);
  assert.deepEqual(
    empty.warnings.map((w) => w.code),
    ['empty-sample'],
  );
});

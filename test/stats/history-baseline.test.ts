import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_BASELINE_RULE, judgeAgainstHistory } from '../../src/stats/history-baseline.js';

const history = [3.0, 3.05, 2.98, 3.02, 3.01];

test('fewer than 5 earlier runs: too short, no figures', () => {
  const j = judgeAgainstHistory(5, [3, 3, 3, 3]);
  assert.equal(j.verdict, 'too-short');
  assert.equal(j.runs, 4);
  assert.equal(j.baseline, null);
});

test('a run within the threshold passes; 10% slower is a regression; 10% faster an improvement', () => {
  assert.equal(judgeAgainstHistory(3.06, history).verdict, 'ok');
  const slow = judgeAgainstHistory(3.31, history);
  assert.equal(slow.verdict, 'regression');
  assert.ok(Math.abs((slow.baseline ?? 0) - 3.01) < 1e-9);
  assert.ok(Math.abs((slow.change ?? 0) - 0.0997) < 0.001);
  assert.equal(judgeAgainstHistory(2.7, history).verdict, 'improvement');
});

test('beyond the threshold but inside the run-to-run band of a drifting history: ok', () => {
  const drifting = [2.6, 3.0, 2.7, 3.1, 2.8, 3.05];
  const j = judgeAgainstHistory(3.1, drifting);
  assert.ok((j.change ?? 0) > 0.05);
  assert.equal(j.verdict, 'ok');
  assert.ok((j.band ?? 0) > (j.change ?? 0));
});

test('the threshold still holds where the band is narrow, and only the newest `window` runs count', () => {
  const flat = [3, 3, 3, 3, 3];
  assert.equal(judgeAgainstHistory(3.12, flat).verdict, 'ok'); // 4% < 5%
  assert.equal(
    judgeAgainstHistory(3.12, flat, { ...DEFAULT_BASELINE_RULE, threshold: 0.03 }).verdict,
    'regression',
  );
  const old = [...Array(30).fill(10), ...flat];
  const j = judgeAgainstHistory(3.3, old, { ...DEFAULT_BASELINE_RULE, window: 5 });
  assert.ok(Math.abs((j.baseline ?? 0) - 3) < 1e-9);
  assert.equal(j.verdict, 'regression');
});

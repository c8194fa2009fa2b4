// The sweep analysis on a made-up sweep with known effects: centres, changes against the
// default, Holm-corrected p-values, the best configuration and failed configurations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSweep } from '../../src/analyze/sweep-analysis.js';
import { assumeNothing, compareSamples, holmAdjust } from '../../src/stats/index.js';
import { metricValues, pairedByRound } from '../../src/record/sample-values.js';
import { driftingRun, sweepRun } from '../support/sweep-run.js';

test('every configuration against default, p-values Holm-corrected per metric', () => {
  const run = sweepRun();
  const report = analyzeSweep(run);
  assert.equal(report.schema, 'gobaseline/sweep');
  assert.equal(report.base, 'default');
  assert.equal(report.correction, 'holm');
  assert.deepEqual(report.params, [
    { name: 'GOMAXPROCS', values: ['1', '2'] },
    { name: 'p', values: ['1', '2'] },
  ]);
  const [scenario] = report.scenarios;
  assert.ok(scenario);
  assert.deepEqual(
    scenario.metrics.map((m) => m.key),
    ['wallNs', 'userNs', 'sysNs', 'peakRssBytes'],
  );
  const wall = scenario.metrics[0];
  assert.ok(wall);
  assert.deepEqual(
    wall.rows.map((r) => r.configuration),
    ['default', 'gomaxprocs=1/p=1', 'gomaxprocs=1/p=2', 'gomaxprocs=2/p=1', 'gomaxprocs=2/p=2'],
  );
  assert.equal(wall.rows[0]?.vsBase, null);
  // Ten rounds: the raw p-values are the signed-rank test's of the runs paired by round, the
  // corrected ones Holm's over the four.
  assert.equal(wall.paired, true);
  const [baseResult, ...others] = run.scenarios;
  assert.ok(baseResult);
  const raw = others.map((s) => {
    const pairs = pairedByRound(baseResult, s, 'wallNs');
    assert.equal(pairs?.a.length, 10);
    return assumeNothing.comparePaired(pairs?.a ?? [], pairs?.b ?? [], 0.05).p;
  });
  const holm = holmAdjust(raw);
  wall.rows.slice(1).forEach((row, i) => {
    assert.equal(row.vsBase?.p, raw[i]);
    assert.equal(row.vsBase?.pHolm, holm[i]);
    assert.equal(row.vsBase?.significant, (holm[i] ?? 1) <= 0.05);
  });
  const byName = new Map(wall.rows.map((r) => [r.configuration, r]));
  assert.ok(Math.abs((byName.get('gomaxprocs=1/p=1')?.vsBase?.deltaFraction ?? 0) - 0.6) < 0.02);
  assert.equal(byName.get('gomaxprocs=1/p=1')?.vsBase?.significant, true);
  // 0.5% faster than default, within the noise: not significant once corrected.
  assert.equal(byName.get('gomaxprocs=2/p=2')?.vsBase?.significant, false);
  for (const row of wall.rows) {
    assert.equal(row.n, 10);
    assert.ok(row.ciLo !== null && row.ciHi !== null && row.ciLo <= (row.center ?? 0));
  }
});

test('the best configuration: lowest median wall, and whether it beats default significantly', () => {
  const best = analyzeSweep(sweepRun()).scenarios[0]?.best;
  assert.equal(best?.configuration, 'gomaxprocs=2/p=2');
  assert.deepEqual(best?.params, { GOMAXPROCS: '2', p: '2' });
  assert.equal(best?.significantlyBetter, false);
  // Without the near-default configuration, default itself is best: nothing beats it.
  const run = sweepRun();
  run.scenarios = run.scenarios.filter((s) => s.configuration !== 'gomaxprocs=2/p=2');
  run.config.configurations = run.config.configurations?.filter(
    (c) => c.name !== 'gomaxprocs=2/p=2',
  );
  const own = analyzeSweep(run).scenarios[0]?.best;
  assert.equal(own?.configuration, 'default');
  assert.equal(own?.vsBase, null);
  assert.equal(own?.significantlyBetter, false);
});

test('a configuration whose runs all failed: no figures, named with its reason; the others stay', () => {
  const report = analyzeSweep(sweepRun(10, ['gomaxprocs=1/p=2']));
  const scenario = report.scenarios[0];
  assert.deepEqual(scenario?.failures, [
    { configuration: 'gomaxprocs=1/p=2', reason: 'exit status 2: go: invalid value' },
  ]);
  const wall = scenario?.metrics[0];
  const failed = wall?.rows.find((r) => r.configuration === 'gomaxprocs=1/p=2');
  assert.deepEqual([failed?.n, failed?.center, failed?.vsBase], [0, null, null]);
  // Holm counts only the comparisons made: three.
  const made = wall?.rows.filter((r) => r.vsBase !== null) ?? [];
  assert.equal(made.length, 3);
  assert.equal(scenario?.best?.configuration, 'gomaxprocs=2/p=2');
});

test('fewer rounds than MIN_PAIRED_ROUNDS: the runs are compared unpaired (Mann-Whitney U)', () => {
  const run = sweepRun(8);
  const wall = analyzeSweep(run).scenarios[0]?.metrics[0];
  assert.equal(wall?.paired, false);
  const values = run.scenarios.map((s) => metricValues(s, 'wallNs'));
  wall?.rows.slice(1).forEach((row, i) => {
    assert.equal(row.vsBase?.p, compareSamples(values[0] ?? [], values[i + 1] ?? []).p);
  });
});

test('paired by round, a 3% change hidden by the drift of the machine is found', () => {
  const run = driftingRun(12);
  const [a, b] = run.scenarios;
  assert.ok(a && b);
  const wall = analyzeSweep(run).scenarios[0]?.metrics[0];
  assert.equal(wall?.paired, true);
  assert.equal(wall?.rows[1]?.vsBase?.significant, true);
  // Unpaired, the drift swamps it.
  const unpaired = compareSamples(metricValues(a, 'wallNs'), metricValues(b, 'wallNs'));
  assert.equal(unpaired.significant, false);
});

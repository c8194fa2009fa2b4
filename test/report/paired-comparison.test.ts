// A run of interleaved configurations is compared round by round: what the machine's drift
// moves alike in both members of a round is no difference, and the legend names the test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareInputs } from '../../src/report/compare.js';
import { prepareConfigurationComparison, selectMetrics } from '../../src/report/compare-inputs.js';
import { renderConfigurationComparison } from '../../src/report/configuration-comparison.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { driftingRun } from '../support/sweep-run.js';

function wallCell(run: RunRecord) {
  const prepared = prepareConfigurationComparison(run);
  const report = compareInputs(prepared.inputs, selectMetrics(prepared, ['wallNs']));
  return report.metrics[0]?.rows[0]?.cells[1]?.vsBase;
}

test('12 rounds: paired by round, the 3% change under a 20% drift is significant', () => {
  const cell = wallCell(driftingRun(12));
  assert.equal(cell?.paired, true);
  assert.equal(cell?.significant, true);
  assert.match(
    renderConfigurationComparison(driftingRun(12)),
    /Wilcoxon signed-rank test of the runs paired by round/,
  );
});

test('8 rounds: too few to pair, Mann-Whitney U, and the drift hides the change', () => {
  const cell = wallCell(driftingRun(8));
  assert.equal(cell?.paired, undefined);
  assert.equal(cell?.significant, false);
  assert.match(renderConfigurationComparison(driftingRun(8)), /vs base: Mann-Whitney U test/);
});

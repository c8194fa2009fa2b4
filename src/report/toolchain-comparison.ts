// The comparison printed after a run of several toolchains (--toolchain a,b or --go x --go y):
// the run's results projected by toolchain, the first toolchain as the base, and the
// benchstat-style table of `gobaseline compare` showing centres, deltas and `~`. Pure.
import type { RunRecord } from '../record/run-record.js';
import { compareInputs } from './compare.js';
import { prepareToolchainComparison, selectMetrics } from './compare-inputs.js';
import { renderCompareTable } from './compare-render.js';
import { comparesToolchains, type TableWidth } from './terminal-table.js';

/**
 * The toolchain comparison of a run (every metric) fitted to `width`, or '' for a run of one
 * toolchain.
 */
export function renderToolchainComparison(
  run: RunRecord,
  width: TableWidth = 'wide',
  alpha = 0.05,
): string {
  if (!comparesToolchains(run)) return '';
  const prepared = prepareToolchainComparison(run);
  const report = compareInputs(prepared.inputs, selectMetrics(prepared, undefined), { alpha });
  return renderCompareTable(report, width);
}

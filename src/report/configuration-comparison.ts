// The comparison printed after a run of several configurations (--toolchain a,b, --go x --go y,
// --config ...): the run's results projected by configuration, the first as the base, and the
// benchstat-style table of `gobaseline compare` showing centres, deltas and `~`. Pure.
import type { RunRecord } from '../record/run-record.js';
import { compareInputs } from './compare.js';
import { prepareConfigurationComparison, selectMetrics } from './compare-inputs.js';
import { renderCompareTable } from './compare-render.js';
import { comparesConfigurations, type TableWidth } from './terminal-table.js';

/**
 * The configuration comparison of a run (every metric) fitted to `width`, or '' for a run of
 * one configuration.
 */
export function renderConfigurationComparison(
  run: RunRecord,
  width: TableWidth = 'wide',
  alpha = 0.05,
): string {
  if (!comparesConfigurations(run)) return '';
  const prepared = prepareConfigurationComparison(run);
  const report = compareInputs(prepared.inputs, selectMetrics(prepared, undefined), { alpha });
  return renderCompareTable(report, width);
}

// The comparison printed after a run of several toolchains (--toolchain a,b or --go x --go y):
// each toolchain's scenarios become one compare input, the first toolchain is the base, and
// the benchstat-style table of `gobaseline compare` shows centres, deltas and `~`. Pure.
import type { RunRecord } from '../measure/run-record.js';
import { compareInputs } from './compare.js';
import { prepareComparison, selectMetrics } from './compare-inputs.js';
import { renderCompareTable } from './compare-render.js';
import { comparesToolchains } from './terminal-table.js';

/** One run record per toolchain, holding only that toolchain's scenarios. */
export function splitByToolchain(run: RunRecord): { label: string; run: RunRecord }[] {
  return run.config.toolchains.map((t) => ({
    label: t.label,
    run: {
      ...run,
      config: { ...run.config, toolchains: [t], goPath: t.goPath },
      scenarios: run.scenarios.filter((s) => s.toolchain === t.label),
    },
  }));
}

/** The toolchain comparison of a run (every metric), or '' for a run of one toolchain. */
export function renderToolchainComparison(run: RunRecord, alpha = 0.05): string {
  if (!comparesToolchains(run)) return '';
  const prepared = prepareComparison(
    splitByToolchain(run).map((part) => ({
      path: part.label,
      kind: 'run' as const,
      run: part.run,
    })),
  );
  const report = compareInputs(prepared.inputs, selectMetrics(prepared, undefined), { alpha });
  return renderCompareTable(report);
}

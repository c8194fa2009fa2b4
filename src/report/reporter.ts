// One interface for every `gobaseline report --format`: a run record in, text out. Pure.
import type { RunRecord, ScenarioResult } from '../record/run-record.js';
import { summarize, type SampleSummary } from '../stats/index.js';
import { metricValues } from '../record/sample-values.js';
import { displayName } from './terminal-table.js';

export { measuredMetrics, metricValues } from '../record/sample-values.js';

/** Renders a whole run as text in one format (the file's complete contents). */
export interface Reporter {
  render(run: RunRecord): string;
}

/** A scenario's wall time as hyperfine summarizes a command, plus the median's CI (all in ns). */
export interface TimingSummary {
  /** The scenario id, with `@configuration` in a run of several configurations. */
  name: string;
  /** Successful samples, and failed ones (which are not timings). */
  n: number;
  failed: number;
  /** Wall time summary (benchstat median and CI, mean, sd, min, max); null when nothing was measured. */
  wall: SampleSummary | null;
  /** Mean user and system CPU time; null when not measured (wall time only). */
  userMean: number | null;
  sysMean: number | null;
}

/** Summarizes a scenario's wall, user and system time at `confidence` (default 0.95). */
export function timingSummary(
  result: ScenarioResult,
  withToolchain = false,
  confidence = 0.95,
): TimingSummary {
  const wall = metricValues(result, 'wallNs');
  const mean = (key: string): number | null => {
    const v = metricValues(result, key);
    return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
  };
  return {
    name: displayName(result, withToolchain),
    n: wall.length,
    failed: result.samples.filter((s) => !s.ok).length,
    wall: wall.length ? summarize(wall, confidence) : null,
    userMean: mean('userNs'),
    sysMean: mean('sysNs'),
  };
}

// The result of a sweep's analysis: per scenario and metric, every configuration's centre and
// confidence interval and its change against the base configuration (`default`) with Holm-
// corrected p-values; the best configuration by median wall time. What `sweep --json` writes
// (schema `gobaseline/sweep`, docs/sweep.md). Types only.
import type { Unit } from '../record/units.js';
import type { RecommendationReport } from './recommendation-report.js';

export const SWEEP_SCHEMA_VERSION = 1;

/** One configuration against the base, for one metric. */
export interface SweepChange {
  /** centre / base centre - 1 (0.05 is 5% more); 0 when equal; null when the base centre is 0. */
  deltaFraction: number | null;
  /**
   * The test's own p-value, in [0, 1]: Wilcoxon signed-rank of the per-round ratios when the
   * metric is `paired`, else Mann-Whitney U; 0 for exact metrics.
   */
  p: number;
  /** p after the Holm correction over every comparison of this scenario and metric, in [0, 1]. */
  pHolm: number;
  /** pHolm <= alpha. */
  significant: boolean;
}

/** One configuration's figures for one metric. */
export interface SweepRow {
  configuration: string;
  /** The swept parameters' values (empty for the base). */
  params: Record<string, string>;
  /** Successful samples summarized. */
  n: number;
  /** The median (the mode for exact metrics), in the metric's units; null when n = 0. */
  center: number | null;
  /** Bounds of the median's confidence interval; null when unbounded (too few samples). */
  ciLo: number | null;
  ciHi: number | null;
  /** Against the base configuration; null for the base itself or when either side has no values. */
  vsBase: SweepChange | null;
  /** benchstat's warnings on this cell (too few samples, ...). */
  warnings: string[];
  /**
   * Set (true) on a user or system CPU time whose centre is below the kernel's accounting
   * resolution (stats/cpu-resolution.ts): noise, so no change is computed for it or against it.
   */
  belowResolution?: true;
}

/** Every configuration for one metric. */
export interface SweepMetric {
  /** Run record key, e.g. `wallNs`. */
  key: string;
  label: string;
  unit: Unit;
  assumption: 'nothing' | 'exact';
  /**
   * True when each configuration was compared with the base round by round (runs of one round
   * are taken seconds apart, so the machine's drift cancels): Wilcoxon signed-rank test.
   */
  paired: boolean;
  /** In the run's configuration order, the base first. */
  rows: SweepRow[];
}

/** The configuration with the lowest median wall time. */
export interface SweepBest {
  configuration: string;
  params: Record<string, string>;
  /** Its median wall time and the base's, in ns. */
  medianWallNs: number;
  baseMedianWallNs: number | null;
  /** Against the base (null when the best is the base). */
  vsBase: SweepChange | null;
  /** True when it is faster than the base with a Holm-corrected p <= alpha. */
  significantlyBetter: boolean;
}

/** A configuration that yielded no samples (its setup failed, or every run failed). */
export interface SweepFailure {
  configuration: string;
  /** The first failure's reason, e.g. `exit status 2: flag provided but not defined: -p`. */
  reason: string;
}

/** The analysis of one scenario's configurations. */
export interface SweepScenario {
  scenarioId: string;
  metrics: SweepMetric[];
  /** null when no configuration has a wall time. */
  best: SweepBest | null;
  failures: SweepFailure[];
}

/** A swept parameter and its values, in the order configurations were named. */
export interface SweepParamValues {
  name: string;
  values: string[];
}

export interface SweepReport {
  schema: 'gobaseline/sweep';
  schemaVersion: typeof SWEEP_SCHEMA_VERSION;
  /** The run record the figures come from (saved like any run). */
  runId: string;
  status: 'complete' | 'interrupted';
  /** Significance level of the corrected p-values, and confidence of the intervals. */
  alpha: number;
  confidence: number;
  /** The multiple-comparison correction: Holm over each scenario and metric. */
  correction: 'holm';
  /** The configuration every other is compared with. */
  base: string;
  params: SweepParamValues[];
  scenarios: SweepScenario[];
  /** With --recommend: the topology, the candidates and the recommendation per scenario. */
  recommendation?: RecommendationReport;
}

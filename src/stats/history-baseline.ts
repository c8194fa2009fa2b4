// Judging one new run against the history of earlier runs (what `gobaseline check` gates on).
// Samples inside one run understate how much a machine drifts from run to run, so the new
// run's median is set against the variation BETWEEN the earlier runs' medians: their median
// (the baseline) and their MAD (scaled to a standard deviation). A regression must be both
// larger than the threshold and outside the band that run-to-run drift already covers.
// Values are compared on a log scale, so the band is a ratio like the threshold.

import { medianAbsoluteDeviation } from './outliers.js';
import { median, quantile } from './quantile.js';

/**
 * The figure that stands for one run: its median, or a low quantile of its samples. Interference
 * (other work, a noisy neighbour) only ever adds time, so on a shared machine the low end of a
 * run moves less from run to run than its middle, while a slower Go moves every sample
 * (docs/check.md, "Which figure").
 */
export const RUN_FIGURES = { median: 0.5, p25: 0.25, p10: 0.1, min: 0 } as const;
export type RunFigure = keyof typeof RUN_FIGURES;

/**
 * What `check` judges a run by unless told otherwise: its fastest sample. On the acceptance
 * bench it caught a 10% slower go as often as the median on a quiet machine or more often, and
 * three times as often on a loaded one, with as many unchanged runs passing (docs/benchmarks.md).
 */
export const DEFAULT_RUN_FIGURE: RunFigure = 'min';

/** A run's figure from its successful sample values (NaN when there are none). */
export function runFigure(values: readonly number[], figure: RunFigure): number {
  return values.length === 0 ? NaN : quantile(values, RUN_FIGURES[figure]);
}

/** Earlier runs needed before a judgement is made. */
export const MIN_BASELINE_RUNS = 5;

export interface BaselineRule {
  /** Smallest slowdown that counts, as a fraction (0.05 = 5%). */
  threshold: number;
  /**
   * Width of the drift band in robust standard deviations (1.4826 × MAD of the log medians).
   * 3 was chosen on the bench of 20 × 6 back-to-back runs (docs/benchmarks.md).
   */
  bandSigmas: number;
  /** At most this many of the newest earlier runs form the baseline (older ones are history). */
  window: number;
  /**
   * The band never narrows below this fraction: five nearly equal medians say little about
   * the drift a sixth run may see (0.02 = 2%).
   */
  minBand: number;
  /** Whether larger values are worse (time, memory: the default). */
  largerIsWorse: boolean;
}

export const DEFAULT_BASELINE_RULE: BaselineRule = {
  threshold: 0.05,
  bandSigmas: 3,
  window: 20,
  minBand: 0.02,
  largerIsWorse: true,
};

export type Verdict = 'regression' | 'improvement' | 'ok' | 'too-short';

export interface BaselineJudgement {
  verdict: Verdict;
  /** Earlier runs used (the newest `window`). */
  runs: number;
  /** Median of the earlier medians; null when too short. */
  baseline: number | null;
  /** The new value relative to the baseline (0.1 = 10% larger); null when too short. */
  change: number | null;
  /** Half-width of the drift band as a fraction of the baseline (e^(k·σ) − 1); null when too short. */
  band: number | null;
}

/** The baseline of earlier runs on a log scale: its centre and the half-width of its drift band. */
export interface DriftBand {
  /** Earlier runs used (the newest `window` usable ones). */
  runs: number;
  /** ln of the baseline (the median of the earlier medians). */
  centreLog: number;
  /** Half-width of the band in ln units (k·σ, at least ln(1 + minBand)). */
  bandLog: number;
}

/**
 * The baseline and drift band of `earlier` (oldest first; non-finite or non-positive values
 * are ignored), or null below MIN_BASELINE_RUNS usable values: what a new value is judged
 * against, and what a dashboard draws as the band.
 */
export function driftBand(
  earlier: readonly number[],
  rule: BaselineRule = DEFAULT_BASELINE_RULE,
): DriftBand | null {
  const usable = earlier.filter((x) => Number.isFinite(x) && x > 0).slice(-rule.window);
  if (usable.length < MIN_BASELINE_RUNS) return null;
  const logs = usable.map(Math.log);
  const sigma = 1.4826 * medianAbsoluteDeviation(logs);
  return {
    runs: usable.length,
    centreLog: median(logs),
    bandLog: Math.max(rule.bandSigmas * sigma, Math.log1p(rule.minBand)),
  };
}

/**
 * Judges `value` against `earlier` (oldest first; non-finite or non-positive values are
 * ignored). `too-short` below MIN_BASELINE_RUNS earlier values. `widenLog` (ln units) widens
 * the band by an uncertainty the earlier values cannot show (check-history.ts: a canary's
 * correction).
 */
export function judgeAgainstHistory(
  value: number,
  earlier: readonly number[],
  rule: BaselineRule = DEFAULT_BASELINE_RULE,
  widenLog = 0,
): BaselineJudgement {
  const drift = driftBand(earlier, rule);
  if (drift === null || !(value > 0)) {
    const runs = earlier.filter((x) => Number.isFinite(x) && x > 0).slice(-rule.window).length;
    return { verdict: 'too-short', runs, baseline: null, change: null, band: null };
  }
  const centre = drift.centreLog;
  const bandLog = drift.bandLog + widenLog;
  const delta = Math.log(value) - centre;
  const change = Math.expm1(delta);
  const worse = rule.largerIsWorse ? delta : -delta;
  const beyond = Math.abs(delta) > bandLog && Math.abs(change) > rule.threshold;
  let verdict: Verdict = 'ok';
  if (beyond) verdict = worse > 0 ? 'regression' : 'improvement';
  return {
    verdict,
    runs: drift.runs,
    baseline: Math.exp(centre),
    change,
    band: Math.expm1(bandLog),
  };
}

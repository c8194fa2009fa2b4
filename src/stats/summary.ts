// One-sample summary: benchstat's median and confidence interval, moments, and outliers.

import { medianSamplesNeeded, sortedMedianCI } from './median-ci.js';
import { DEFAULT_OUTLIER_THRESHOLD, detectOutliers } from './outliers.js';
import { sortedCopy } from './quantile.js';
import { formatGoFloat, type StatsWarning } from './warnings.js';

/** Summary of one sample; every value is in the sample's own units unless stated. */
export interface SampleSummary {
  /** Number of finite values summarized (non-finite inputs are dropped with a warning). */
  n: number;
  /** Benchstat's median (definition-8 quantile at 0.5); NaN when n = 0. */
  median: number;
  /** Lower bound of the median's order-statistic interval; null when unbounded (benchstat's -∞). */
  ciLo: number | null;
  /** Upper bound of the median's order-statistic interval; null when unbounded (benchstat's +∞). */
  ciHi: number | null;
  /** Achieved confidence of [ciLo, ciHi] in [0, 1] as benchstat reports it; NaN when n = 0. */
  ciConfidence: number;
  /** Smallest value; NaN when n = 0. */
  min: number;
  /** Largest value; NaN when n = 0. */
  max: number;
  /** Arithmetic mean; NaN when n = 0. */
  mean: number;
  /** Sample standard deviation (divisor n - 1); null when n < 2. */
  sd: number | null;
  /** Coefficient of variation sd/mean, a fraction (0.02 = 2%); null if sd is null or mean is 0. */
  cv: number | null;
  /** Median absolute deviation from the median, unscaled; NaN when n = 0. */
  mad: number;
  /** Indices into the input array of values with |modified z-score| above the threshold. */
  outliers: number[];
  /** Benchstat's and hyperfine-style warnings. */
  warnings: StatsWarning[];
}

/** Options for summarize. */
export interface SummarizeOptions {
  /** |Modified z-score| above which a value is an outlier; default 3.5 (Iglewicz & Hoaglin). */
  outlierThreshold?: number;
  /** False: skip the outlier search (outliers [], mad NaN), for callers that store only the centre and spread. */
  outliers?: boolean;
}

/**
 * Summarizes `values` (any order, any units): benchstat's median with its distribution-free
 * confidence interval at `confidence` (in (0, 1], default 0.95), moments and outliers.
 */
export function summarize(
  values: readonly number[],
  confidence = 0.95,
  options: SummarizeOptions = {},
): SampleSummary {
  const warnings: StatsWarning[] = [];
  const finite = values.filter(Number.isFinite);
  const dropped = values.length - finite.length;
  if (dropped > 0) {
    warnings.push({
      code: 'non-finite-values',
      message: `ignored ${dropped} non-finite value${dropped === 1 ? '' : 's'} (NaN or Infinity)`,
    });
  }
  const n = finite.length;
  if (n === 0) {
    warnings.push({ code: 'empty-sample', message: 'sample is too small' });
    return {
      n,
      median: NaN,
      ciLo: null,
      ciHi: null,
      ciConfidence: NaN,
      min: NaN,
      max: NaN,
      mean: NaN,
      sd: null,
      cv: null,
      mad: NaN,
      outliers: [],
      warnings,
    };
  }

  const sorted = sortedCopy(finite);
  const ci = sortedMedianCI(sorted, confidence);
  if (!Number.isFinite(ci.lo) || !Number.isFinite(ci.hi)) {
    const need = medianSamplesNeeded(confidence);
    warnings.push({
      code: 'ci-too-few-samples',
      message: `need ${need.op} ${need.n} samples for confidence interval at level ${formatGoFloat(confidence)}`,
    });
  }

  const mean = finite.reduce((s, x) => s + x, 0) / n;
  const sd =
    n < 2 ? null : Math.sqrt(finite.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (n - 1));
  const cv = sd === null || mean === 0 ? null : sd / mean;

  const outliers =
    options.outliers === false
      ? { mad: NaN, indices: [], warnings: [] }
      : detectOutliers(values, options.outlierThreshold ?? DEFAULT_OUTLIER_THRESHOLD);
  warnings.push(...outliers.warnings);

  return {
    n,
    median: ci.median,
    ciLo: Number.isFinite(ci.lo) ? ci.lo : null,
    ciHi: Number.isFinite(ci.hi) ? ci.hi : null,
    ciConfidence: ci.confidence,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean,
    sd,
    cv,
    mad: outliers.mad,
    outliers: outliers.indices,
    warnings,
  };
}

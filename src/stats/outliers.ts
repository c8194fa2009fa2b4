// Outlier detection by modified z-score (Iglewicz & Hoaglin), with hyperfine-style warnings.

import { median, sortedCopy, quantileSorted } from './quantile.js';
import type { StatsWarning } from './warnings.js';

/** Factor making MAD-scaled deviations comparable to standard normal z-scores (≈ 1/1.4826). */
export const MODIFIED_Z_SCALE = 0.6745;

/** Iglewicz & Hoaglin's recommended cut-off for |modified z-score|; the default here. */
export const DEFAULT_OUTLIER_THRESHOLD = 3.5;

/**
 * hyperfine's cut-off expressed as a modified z-score: it flags |x - median| / MAD > 1.4826·10,
 * i.e. about 10 estimated standard deviations, which is 0.6745·14.826 ≈ 10.0 on this scale.
 */
export const HYPERFINE_OUTLIER_THRESHOLD = MODIFIED_Z_SCALE * 1.4826 * 10;

/** Median and median absolute deviation of the finite values (NaN, NaN if there are none). */
function medianAndMad(values: readonly number[]): { center: number; mad: number } {
  const finite = sortedCopy(values.filter(Number.isFinite));
  const center = quantileSorted(finite, 0.5);
  return { center, mad: median(finite.map((x) => Math.abs(x - center))) };
}

/** Median absolute deviation from the median of the finite `values`, unscaled (same units); NaN if none. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  return medianAndMad(values).mad;
}

/**
 * Modified z-scores 0.6745·(x - median)/MAD, one per input value (NaN for non-finite values).
 * Like hyperfine, a MAD of 0 is replaced by Number.EPSILON, so when most values are identical
 * every differing value gets a huge score.
 */
export function modifiedZScores(values: readonly number[]): number[] {
  const { center, mad } = medianAndMad(values);
  const scale = mad > 0 ? mad : Number.EPSILON;
  return values.map((x) => (Number.isFinite(x) ? (MODIFIED_Z_SCALE * (x - center)) / scale : NaN));
}

/** Outlier analysis of a sample, in input order. */
export interface OutlierReport {
  /** Modified z-score of each input value (dimensionless; NaN for non-finite values). */
  scores: number[];
  /** Indices (into the input) of values whose |score| exceeds the threshold, ascending. */
  indices: number[];
  /** Median absolute deviation of the finite values, unscaled, in the values' units. */
  mad: number;
  /** At most one of `slow-first-run` or `outliers`, chosen as hyperfine does. */
  warnings: StatsWarning[];
}

/**
 * Flags values with |modified z-score| > threshold (default 3.5). Warns like hyperfine: if the
 * first value (the first run) scores above +threshold it reports `slow-first-run`, otherwise
 * any outlier gives `outliers`.
 */
export function detectOutliers(
  values: readonly number[],
  threshold = DEFAULT_OUTLIER_THRESHOLD,
): OutlierReport {
  const scores = modifiedZScores(values);
  const finiteCount = values.filter(Number.isFinite).length;
  const indices: number[] = [];
  scores.forEach((s, i) => {
    if (Math.abs(s) > threshold) indices.push(i);
  });
  const warnings: StatsWarning[] = [];
  const first = scores[0];
  if (first !== undefined && first > threshold) {
    warnings.push({
      code: 'slow-first-run',
      message:
        'the first run was significantly slower than the rest; ' +
        'caches that were not filled until after the first run can cause this',
      value: values[0],
    });
  } else if (indices.length > 0) {
    warnings.push({
      code: 'outliers',
      message:
        `statistical outliers were detected (${indices.length} of ${finiteCount} values); ` +
        'consider re-running on a quiet system without interference from other programs',
    });
  }
  return { scores, indices, mad: medianAbsoluteDeviation(values), warnings };
}

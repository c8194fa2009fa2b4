// Comparing two samples the way benchstat does: a Mann-Whitney U test on the values plus the
// relative change in medians, with benchstat's warnings.

import { mannWhitneyU, type MannWhitneyMethod } from './mann-whitney.js';
import { median } from './quantile.js';
import { formatGoFloat, type StatsWarning } from './warnings.js';

/** Result of comparing a baseline sample `a` with a new sample `b`. */
export interface ComparisonResult {
  /** Two-sided Mann-Whitney p-value in [0, 1]; 1 when the test is undefined. */
  p: number;
  /** Size of the baseline sample `a`. */
  n1: number;
  /** Size of the new sample `b`. */
  n2: number;
  /** Significance threshold in (0, 1) that `p` was judged against. */
  alpha: number;
  /** True when p <= alpha (benchstat prints a delta unless p > alpha). */
  significant: boolean;
  /** Median of `a` (benchstat's median), in the samples' units; NaN if `a` is empty. */
  medianA: number;
  /** Median of `b` (benchstat's median), in the samples' units; NaN if `b` is empty. */
  medianB: number;
  /**
   * Relative change of the medians, medianB/medianA - 1 (a fraction: +0.05 is 5% higher);
   * 0 when the medians are equal, null when medianA is 0 (or a sample is empty).
   */
  deltaFraction: number | null;
  /** How `p` was computed. */
  method: MannWhitneyMethod;
  /** Benchstat's comparison warnings, e.g. too few samples, all samples equal. */
  warnings: StatsWarning[];
}

/** Largest per-sample size in benchstat's table of minimum U-test p-values. */
const MIN_P_TABLE_SIZE = 9;

/**
 * The smallest two-sided U-test p-value possible with two samples of size n each (n >= 1),
 * reached when the samples do not overlap: 2 / C(2n, n).
 */
export function minUTestP(n: number): number {
  let c = 1;
  for (let i = 1; i <= n; i++) c = (c * (n + i)) / i;
  return Math.min(1, 2 / c);
}

/**
 * The per-sample size needed before the U test can report p <= alpha (alpha in (0, 1)), as
 * benchstat words it: [">=", n] for n in 1..9, else [">", 10] (benchstat's table length).
 */
export function uTestSamplesNeeded(alpha: number): { op: '>=' | '>'; n: number } {
  for (let n = 1; n <= MIN_P_TABLE_SIZE; n++) {
    if (minUTestP(n) <= alpha) return { op: '>=', n };
  }
  return { op: '>', n: MIN_P_TABLE_SIZE + 1 };
}

/**
 * Compares baseline `a` with new `b` (any order, same units) like benchstat: U-test p-value,
 * significance at `alpha` (default 0.05), median change, and benchstat's warnings.
 * Non-finite values are dropped first (with a warning); n1 and n2 count the values kept.
 */
export function compareSamples(
  a: readonly number[],
  b: readonly number[],
  alpha = 0.05,
): ComparisonResult {
  const finiteA = a.filter(Number.isFinite);
  const finiteB = b.filter(Number.isFinite);
  const warnings: StatsWarning[] = [];
  const dropped = a.length - finiteA.length + (b.length - finiteB.length);
  if (dropped > 0) {
    warnings.push({
      code: 'non-finite-values',
      message: `ignored ${dropped} non-finite value${dropped === 1 ? '' : 's'} (NaN or Infinity)`,
    });
  }
  const test = mannWhitneyU(finiteA, finiteB);
  const medianA = median(finiteA);
  const medianB = median(finiteB);
  warnings.push(...test.warnings);

  // Benchstat warns when the samples are too small for any outcome to be significant. It only
  // does so when the test itself ran and p > alpha, and only if both samples are too small.
  if (test.method !== 'none' && test.p > alpha) {
    const need = uTestSamplesNeeded(alpha);
    if (test.n1 < need.n && test.n2 < need.n) {
      warnings.push({
        code: 'compare-too-few-samples',
        message: `need ${need.op} ${need.n} samples to detect a difference at alpha level ${formatGoFloat(alpha)}`,
      });
    }
  }

  let deltaFraction: number | null;
  if (Number.isNaN(medianA) || Number.isNaN(medianB)) deltaFraction = null;
  else if (medianA === medianB) deltaFraction = 0;
  else if (medianA === 0) deltaFraction = null;
  else deltaFraction = medianB / medianA - 1;

  return {
    p: test.p,
    n1: test.n1,
    n2: test.n2,
    alpha,
    significant: !(test.p > alpha),
    medianA,
    medianB,
    deltaFraction,
    method: test.method,
    warnings,
  };
}

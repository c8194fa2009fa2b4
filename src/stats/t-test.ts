// The two-sample Student's t-test (pooled variance, two-sided) that judges each candidate change
// point, as Apache Otava (Hunter, Fleming et al. 2023) does between neighbouring segments.

import { studentTTwoSidedP } from './student-t.js';

/** Mean and spread of one segment of a series. */
export interface SegmentStats {
  /** Number of values. */
  n: number;
  mean: number;
  /** Sample variance (n − 1 in the denominator); 0 for a single value. */
  variance: number;
}

/** Mean and sample variance of values[start, end), in one pass (Welford). */
export function segmentStats(values: ArrayLike<number>, start: number, end: number): SegmentStats {
  let mean = 0;
  let m2 = 0;
  for (let i = start; i < end; i++) {
    const x = values[i] as number;
    const k = i - start + 1;
    const d = x - mean;
    mean += d / k;
    m2 += d * (x - mean);
  }
  const n = end - start;
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/**
 * Two-sided p-value of Student's t-test that two segments have the same mean, with the pooled
 * variance. 1 when there are not enough values (fewer than 3 in all); when both segments are
 * constant, 0 if the means differ and 1 if not.
 */
export function tTestP(a: SegmentStats, b: SegmentStats): number {
  const df = a.n + b.n - 2;
  if (a.n < 1 || b.n < 1 || df < 1) return 1;
  const pooled = ((a.n - 1) * a.variance + (b.n - 1) * b.variance) / df;
  const diff = b.mean - a.mean;
  if (pooled <= 0) return diff === 0 ? 1 : 0;
  const t = diff / Math.sqrt(pooled * (1 / a.n + 1 / b.n));
  return studentTTwoSidedP(t, df);
}

// The per-metric summary shown in tables, from the stats module (benchstat semantics).
import { summarize } from '../stats/index.js';

/** Centre, spread and warnings of one metric's values (same units as the values). */
export interface MetricSummary {
  n: number;
  median: number;
  /** Bounds of the 95% CI of the median; null when too few samples for one (n < 6). */
  ciLo: number | null;
  ciHi: number | null;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation; 0 for a single sample. */
  sd: number;
  /** Coefficient of variation, sd / mean, as a fraction; 0 when undefined. */
  cv: number;
  /** Indices of outlying values (modified z-score > 3.5). */
  outliers: number[];
  /** Benchstat- and hyperfine-style warnings, worded for users. */
  warnings: string[];
}

/** Summarises one metric's values. */
export function summarizeMetric(values: number[]): MetricSummary {
  const s = summarize(values);
  return {
    n: s.n,
    median: s.median,
    ciLo: s.ciLo,
    ciHi: s.ciHi,
    min: s.min,
    max: s.max,
    mean: s.mean,
    sd: s.sd ?? 0,
    cv: s.cv ?? 0,
    outliers: s.outliers,
    warnings: s.warnings.map((w) => w.message),
  };
}

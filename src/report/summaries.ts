// The per-metric summary shown in tables, from the stats module (benchstat semantics).
import type { Unit } from '../scenarios/types.js';
import { summarize, type StatsWarning } from '../stats/index.js';
import { formatValue } from '../record/units.js';

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

/**
 * A statistics warning in words, with the values it is about in `unit` (the stats layer
 * returns them as data), e.g. "the first run was significantly slower than the rest (5.70 ms
 * against a median of 2.44 ms); ...".
 */
export function wordStatsWarning(w: StatsWarning, unit: Unit, median: number): string {
  if (w.code === 'slow-first-run' && w.value !== undefined) {
    return (
      `the first run was significantly slower than the rest (${formatValue(unit, w.value)} ` +
      `against a median of ${formatValue(unit, median)}); ` +
      'caches that were not filled until after the first run can cause this'
    );
  }
  return w.message;
}

/** Summarises one metric's values, in `unit` (the unit of the values, for the warnings' words). */
export function summarizeMetric(values: number[], unit: Unit): MetricSummary {
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
    warnings: s.warnings.map((w) => wordStatsWarning(w, unit, s.median)),
  };
}

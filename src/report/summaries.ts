// The per-metric summary shown in tables, from the stats module.
// TEMP until stats lands
function summarize(v: number[]) {
  const a = [...v].sort((x, y) => x - y);
  const n = a.length;
  const median = n % 2 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
  const mean = a.reduce((x, y) => x + y, 0) / n;
  const sd = n > 1 ? Math.sqrt(a.reduce((x, y) => x + (y - mean) ** 2, 0) / (n - 1)) : 0;
  return {
    n,
    median,
    ciLo: a[0]!,
    ciHi: a[n - 1]!,
    min: a[0]!,
    max: a[n - 1]!,
    mean,
    sd,
    cv: sd / mean,
    warnings: [] as string[],
  };
}

/** Centre, spread and warnings of one metric's values (same units as the values). */
export interface MetricSummary {
  n: number;
  median: number;
  /** Bounds of the 95% CI of the median; null when too few samples for one. */
  ciLo: number | null;
  ciHi: number | null;
  min: number;
  max: number;
  mean: number;
  sd: number;
  /** Coefficient of variation, sd / mean, as a fraction. */
  cv: number;
  warnings: string[];
}

/** Summarises one metric's values. */
export function summarizeMetric(values: number[]): MetricSummary {
  const s = summarize(values);
  return {
    n: s.n,
    median: s.median,
    ciLo: Number.isFinite(s.ciLo) ? s.ciLo : null,
    ciHi: Number.isFinite(s.ciHi) ? s.ciHi : null,
    min: s.min,
    max: s.max,
    mean: s.mean,
    sd: s.sd,
    cv: s.cv,
    warnings: s.warnings.map((w: { message?: string } | string) =>
      typeof w === 'string' ? w : (w.message ?? ''),
    ),
  };
}

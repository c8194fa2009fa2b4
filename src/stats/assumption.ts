// Distributional assumptions, as golang.org/x/perf/benchmath states them: a caller says what it
// knows about a metric's values (nothing, or that every measurement is exact) and the assumption
// picks the summary and the test. This module refuses to guess an assumption from the data: it
// is a property of the metric, chosen once where the metric is described. Pure.
import { compareSamples } from './compare.js';
import { signedRank } from './signed-rank.js';
import { summarize } from './summary.js';
import { formatGoFloat, type StatsWarning, type StatsWarningCode } from './warnings.js';

/** A sample's centre and the interval around it, in the sample's units. */
export interface Summary {
  /** Number of values summarized (finite ones, under AssumeNothing). */
  n: number;
  /** The median (AssumeNothing) or the mode (AssumeExact); NaN for an empty sample. */
  center: number;
  /** Lower bound of the interval; null when unbounded (too few values for the confidence). */
  lo: number | null;
  /** Upper bound of the interval; null when unbounded. */
  hi: number | null;
  /** Achieved confidence of [lo, hi] in [0, 1]: 1 for exact values; NaN when n = 0. */
  confidence: number;
  /** benchstat's warnings about this sample. */
  warnings: StatsWarning[];
}

/** Whether a new sample differs from a baseline sample. */
export interface Comparison {
  /** Two-sided p-value in [0, 1]; 0 under AssumeExact, where any difference is real. */
  p: number;
  /** Sizes of the baseline and the new sample. */
  n1: number;
  n2: number;
  /** Significance level in (0, 1) that `p` was judged against. */
  alpha: number;
  /** p <= alpha. */
  significant: boolean;
  /** benchstat's warnings about this comparison. */
  warnings: StatsWarning[];
}

/** What is known about a metric's values: the pair of functions that summarize and compare. */
export interface Assumption {
  /** `nothing` or `exact`, as a `Unit ... assume=` line spells it. */
  readonly name: 'nothing' | 'exact';
  /** Summarizes `values` at `confidence` in (0, 1]. */
  summary(values: readonly number[], confidence: number): Summary;
  /** Compares baseline `a` with new `b` at significance level `alpha` in (0, 1). */
  compare(a: readonly number[], b: readonly number[], alpha: number): Comparison;
  /**
   * Compares pairs: `a[i]` and `b[i]` were measured together (one round of an interleaved
   * run), so what moved both alike is not a difference.
   */
  comparePaired(a: readonly number[], b: readonly number[], alpha: number): Comparison;
}

/** Codes of the warnings benchstat itself gives (outlier warnings are hyperfine's, not its). */
const BENCHSTAT_CODES: ReadonlySet<StatsWarningCode> = new Set<StatsWarningCode>([
  'empty-sample',
  'non-finite-values',
  'ci-too-few-samples',
  'compare-too-few-samples',
  'all-equal',
  'not-exact',
]);

const benchstatOnly = (warnings: readonly StatsWarning[]): StatsWarning[] =>
  warnings.filter((w) => BENCHSTAT_CODES.has(w.code));

/**
 * benchmath.AssumeNothing: no assumption about the distribution. The centre is the median with
 * its distribution-free order-statistic interval; samples are compared with the Mann-Whitney U
 * test. The right choice for timings.
 */
export const assumeNothing: Assumption = {
  name: 'nothing',
  summary(values, confidence) {
    const s = summarize(values, confidence);
    return {
      n: s.n,
      center: s.median,
      lo: s.ciLo,
      hi: s.ciHi,
      confidence: s.ciConfidence,
      warnings: benchstatOnly(s.warnings),
    };
  },
  compare(a, b, alpha) {
    const c = compareSamples(a, b, alpha);
    return {
      p: c.p,
      n1: c.n1,
      n2: c.n2,
      alpha,
      significant: c.significant,
      warnings: benchstatOnly(c.warnings),
    };
  },
  comparePaired(a, b, alpha) {
    const n = Math.min(a.length, b.length);
    const pairs = Array.from({ length: n }, (_, i) => [a[i] as number, b[i] as number] as const);
    // Timings are compared as ratios (a drift scales a run), other values as differences.
    const positive = pairs.every(([x, y]) => x > 0 && y > 0);
    const d = pairs.map(([x, y]) => (positive ? Math.log(y / x) : y - x));
    const t = signedRank(d);
    const warnings: StatsWarning[] =
      t.method === 'none'
        ? [{ code: 'all-equal', message: 'all pairs are equal' }]
        : signedRankMinP(t.n) > alpha
          ? [
              {
                code: 'compare-too-few-samples',
                message: `need >= ${signedRankPairsNeeded(alpha)} pairs to detect a difference at alpha level ${formatGoFloat(alpha)}`,
              },
            ]
          : [];
    return { p: t.p, n1: n, n2: n, alpha, significant: t.p <= alpha, warnings };
  },
};

/**
 * Fewest rounds for which interleaved configurations are compared pair by pair: below it the
 * signed-rank test's coarse exact distribution can hardly reach significance (let alone a
 * Holm-corrected one), and the runs are compared unpaired (Mann-Whitney U).
 */
export const MIN_PAIRED_ROUNDS = 10;

/** The smallest two-sided signed-rank p-value with n pairs: every difference one way. */
function signedRankMinP(n: number): number {
  return Math.min(1, 2 / 2 ** n);
}

/** The number of pairs before the signed-rank test can report p <= alpha. */
export function signedRankPairsNeeded(alpha: number): number {
  let n = 1;
  while (signedRankMinP(n) > alpha) n++;
  return n;
}

/** The most frequent value (the smallest among equally frequent ones) and how often it occurs. */
function mode(sorted: readonly number[]): { value: number; count: number } {
  let best = { value: sorted[0] ?? NaN, count: 0 };
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > best.count) best = { value: sorted[i] as number, count: j - i };
    i = j;
  }
  return best;
}

/**
 * benchmath.AssumeExact: every measurement is exact (a binary's size, an allocation count), so
 * repeated values should be equal. The centre is the mode, bounded by min and max with
 * confidence 1, with a warning when the values differ; any difference between samples is
 * significant (p = 0, no test). An empty sample is summarized as AssumeNothing does.
 */
export const assumeExact: Assumption = {
  name: 'exact',
  summary(values, confidence) {
    if (values.length === 0) return assumeNothing.summary(values, confidence);
    const sorted = [...values].sort((x, y) => x - y);
    const m = mode(sorted);
    const lo = sorted[0] as number;
    const hi = sorted[sorted.length - 1] as number;
    const warnings: StatsWarning[] =
      m.count === sorted.length
        ? []
        : [
            {
              code: 'not-exact',
              message: `exact distribution expected, but values range from ${formatGoFloat(lo)} to ${formatGoFloat(hi)}`,
            },
          ];
    return { n: values.length, center: m.value, lo, hi, confidence: 1, warnings };
  },
  compare(a, b, alpha) {
    return { p: 0, n1: a.length, n2: b.length, alpha, significant: true, warnings: [] };
  },
  comparePaired(a, b, alpha) {
    return this.compare(a, b, alpha);
  },
};

/** The assumption a `Unit ... assume=<name>` line names: `exact`, else nothing (benchstat's default). */
export function assumptionNamed(name: string | undefined): Assumption {
  return name === 'exact' ? assumeExact : assumeNothing;
}

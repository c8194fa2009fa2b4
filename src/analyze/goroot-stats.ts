// Statistics of the `analyze goroot` experiments: the per-level cost of a GOROOT symlink chain
// (Theil–Sen slope of the per-depth medians) and the tmpfs/disk ratio of medians, each with a
// 95% CI from a seeded bootstrap that resamples whole rounds. A round holds one run of every
// group (depth or medium) taken back to back, so resampling rounds keeps the pairing that the
// run-by-run interleaving bought: drift shared by a round stays cancelled. Pure.
import { median, mulberry32, quantile } from '../stats/index.js';

/** An estimate with its bootstrap confidence interval; units are the statistic's own. */
export interface BootstrapInterval {
  /** The statistic on the data as measured; NaN when it cannot be computed. */
  estimate: number;
  /** Lower bound (percentile bootstrap); null when there are too few rounds. */
  lo: number | null;
  /** Upper bound (percentile bootstrap); null when there are too few rounds. */
  hi: number | null;
  /** Requested confidence level in (0, 1). */
  confidence: number;
  /** Complete rounds the estimate is based on. */
  rounds: number;
  /** Bootstrap resamples drawn (0 when no interval was computed). */
  resamples: number;
}

/** Options of {@link bootstrapRounds}. */
export interface BootstrapOptions {
  /** Resamples to draw; default 2000. */
  resamples?: number;
  /** Confidence level in (0, 1); default 0.95. */
  confidence?: number;
  /** PRNG seed, so a report is repeatable; default 1. */
  seed?: number;
  /** Fewer rounds than this give no interval (like benchstat's median CI, which needs 6); default 6. */
  minRounds?: number;
}

/** Default for {@link BootstrapOptions.minRounds}: benchstat's median CI needs 6 samples too. */
export const MIN_ROUNDS_FOR_CI = 6;

/**
 * Theil–Sen slope: the median of the slopes between every pair of points with different x.
 * Points with a non-finite y are left out; NaN when no pair remains. Units: y per unit of x.
 */
export function theilSenSlope(xs: readonly number[], ys: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const xi = xs[i] as number;
      const xj = xs[j] as number;
      const yi = ys[i] as number;
      const yj = ys[j] as number;
      if (xi === xj || !Number.isFinite(yi) || !Number.isFinite(yj)) continue;
      slopes.push((yj - yi) / (xj - xi));
    }
  }
  return slopes.length === 0 ? NaN : median(slopes);
}

/** The median of the finite values of `values` at `indices` (all of them when omitted). */
function medianAt(values: readonly number[], indices?: readonly number[]): number {
  const picked = (indices ?? values.map((_, i) => i))
    .map((i) => values[i] as number)
    .filter(Number.isFinite);
  return median(picked);
}

/**
 * Bootstraps `statistic(medians)`, where medians[g] is the median of group g over the rounds.
 * `groups[g][r]` is group g's value in round r (NaN for a failed run); every group must have the
 * same number of rounds. Each resample draws rounds with replacement (the same rounds for every
 * group) and recomputes the statistic; the interval is the percentile interval.
 */
export function bootstrapRounds(
  groups: readonly (readonly number[])[],
  statistic: (medians: number[]) => number,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const confidence = options.confidence ?? 0.95;
  const rounds = Math.min(...groups.map((g) => g.length));
  const estimate = statistic(groups.map((g) => medianAt(g)));
  const minRounds = options.minRounds ?? MIN_ROUNDS_FOR_CI;
  const none = { estimate, lo: null, hi: null, confidence, rounds, resamples: 0 };
  if (!Number.isFinite(estimate) || groups.length === 0 || rounds < Math.max(2, minRounds)) {
    return none;
  }
  const resamples = options.resamples ?? 2000;
  const random = mulberry32(options.seed ?? 1);
  const stats: number[] = [];
  const indices = new Array<number>(rounds);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < rounds; i++) indices[i] = Math.floor(random() * rounds);
    const s = statistic(groups.map((g) => medianAt(g, indices)));
    if (Number.isFinite(s)) stats.push(s);
  }
  if (stats.length < resamples / 2) return none;
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    lo: quantile(stats, tail),
    hi: quantile(stats, 1 - tail),
    confidence,
    rounds,
    resamples: stats.length,
  };
}

/**
 * Per-level cost of a symlink chain: the Theil–Sen slope of the per-depth medians against the
 * depth, with a round-bootstrap CI. `byDepth[d][r]` is the time (ns) at `depths[d]` in round r.
 * Units: ns per symlink level.
 */
export function slopeOfMedians(
  depths: readonly number[],
  byDepth: readonly (readonly number[])[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  return bootstrapRounds(byDepth, (medians) => theilSenSlope(depths, medians), options);
}

/**
 * Ratio of medians `numerator / denominator` (e.g. tmpfs / disk), with a round-bootstrap CI;
 * `numerator[r]` and `denominator[r]` were measured in the same round. Dimensionless.
 */
export function ratioOfMedians(
  numerator: readonly number[],
  denominator: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  return bootstrapRounds(
    [numerator, denominator],
    ([a, b]) => (b === undefined || a === undefined || b === 0 ? NaN : a / b),
    options,
  );
}

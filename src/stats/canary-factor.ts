// How much the machine itself moved between two runs, from their drift canaries (the same fixed
// programs measured with every run): per canary the change of the median and a Mann-Whitney test,
// and one factor, the geometric mean of the canaries' median ratios. A Go figure divided by the
// factor is the Go figure relative to the machine. Used by `compare` and `check`. Pure.
import { compareSamples } from './compare.js';
import { holmAdjust } from './holm.js';
import { median } from './quantile.js';

/** One canary of one run: its name and samples (ns). */
export interface CanarySamples {
  name: string;
  samples: readonly number[];
}

/** One canary in both runs. */
export interface CanaryChange {
  name: string;
  baseMedian: number;
  nowMedian: number;
  /** nowMedian / baseMedian. */
  ratio: number;
  /** Mann-Whitney p-value, Holm-adjusted over the canaries compared. */
  p: number;
  significant: boolean;
}

export interface CanaryFactor {
  /** Geometric mean of the canaries' ratios: > 1 when the machine was slower in `now`. */
  factor: number;
  /** True when any canary changed significantly (Holm-adjusted p <= alpha). */
  moved: boolean;
  canaries: CanaryChange[];
}

/**
 * Compares the canaries the two runs share; null when they share none (an older record, or a
 * run made with --no-canary).
 */
export function canaryFactor(
  base: readonly CanarySamples[] | undefined,
  now: readonly CanarySamples[] | undefined,
  alpha = 0.05,
): CanaryFactor | null {
  if (!base || !now) return null;
  const pairs = base.flatMap((b) => {
    const n = now.find((x) => x.name === b.name);
    return n && b.samples.length > 0 && n.samples.length > 0 ? [{ b, n }] : [];
  });
  if (pairs.length === 0) return null;
  const tests = pairs.map(({ b, n }) => compareSamples(b.samples, n.samples, alpha));
  const adjusted = holmAdjust(tests.map((t) => t.p));
  const canaries = pairs.map(({ b }, i): CanaryChange => {
    const t = tests[i];
    const p = adjusted[i] ?? 1;
    const baseMedian = t?.medianA ?? NaN;
    const nowMedian = t?.medianB ?? NaN;
    return {
      name: b.name,
      baseMedian,
      nowMedian,
      ratio: nowMedian / baseMedian,
      p,
      significant: p <= alpha,
    };
  });
  const logs = canaries.map((c) => Math.log(c.ratio)).filter(Number.isFinite);
  if (logs.length === 0) return null;
  const factor = Math.exp(logs.reduce((a, x) => a + x, 0) / logs.length);
  return { factor, moved: canaries.some((c) => c.significant), canaries };
}

/**
 * One run's machine speed: the geometric mean of the named canaries' medians (ns; larger is a
 * slower machine). The ratio of two runs' speeds is canaryFactor's factor over the same
 * canaries, so a figure divided by it is relative to the machine. Null when the run lacks one
 * of them (a run made with --no-canary, an older record, a canary that never succeeded): a
 * geometric mean over fewer canaries would not be comparable with the others.
 */
export function canarySpeed(
  canaries: readonly CanarySamples[] | undefined,
  names: readonly string[],
): number | null {
  if (!canaries || names.length === 0) return null;
  let sumLog = 0;
  for (const name of names) {
    const samples = canaries.find((c) => c.name === name)?.samples.filter(Number.isFinite);
    const m = samples && samples.length > 0 ? median(samples) : NaN;
    if (!(m > 0)) return null;
    sumLog += Math.log(m);
  }
  return Math.exp(sumLog / names.length);
}

/** A change (centre ratio - 1) relative to the machine: (1 + change) / factor - 1. */
export function relativeToCanary(deltaFraction: number, factor: number): number {
  return (1 + deltaFraction) / factor - 1;
}

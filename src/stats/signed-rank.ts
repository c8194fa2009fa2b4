// Two-sided Wilcoxon signed-rank test of paired differences (Wilcoxon 1945; zeros dropped as
// Wilcoxon proposed, tied magnitudes given mid-ranks). Used for interleaved configurations:
// the runs of one round are taken seconds apart, so a drift of the machine moves both members
// of a pair alike and the per-round differences are free of it, where an unpaired test of the
// two samples would count a drift as a difference. Pure.
import { normalCdf } from './normal.js';
import { ascending } from './quantile.js';

/** Largest number of non-zero differences for which the exact null distribution is used. */
export const SIGNED_RANK_EXACT_LIMIT = 50;

export type SignedRankMethod = 'exact' | 'normal' | 'none';

export interface SignedRankResult {
  /** Non-zero differences ranked (zeros dropped). */
  n: number;
  /** Sum of the ranks of the positive differences; NaN when n = 0. */
  wPlus: number;
  /** Two-sided p-value in [0, 1]; 1 when the test is undefined (no non-zero difference). */
  p: number;
  method: SignedRankMethod;
}

/** Mid-ranks of the magnitudes and whether any of them tie. */
function rankMagnitudes(d: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = d.map((v, i) => ({ m: Math.abs(v), i })).sort((x, y) => ascending(x.m, y.m));
  const ranks = new Array<number>(d.length).fill(0);
  const ties: number[] = [];
  for (let k = 0; k < order.length;) {
    const start = k;
    const m = (order[k] as { m: number }).m;
    while (k < order.length && (order[k] as { m: number }).m === m) k++;
    const mid = (start + 1 + k) / 2;
    for (let j = start; j < k; j++) ranks[(order[j] as { i: number }).i] = mid;
    ties.push(k - start);
  }
  return { ranks, ties };
}

/** P(W+ <= w) under the null for n untied ranks 1..n: counts of subsets by rank sum. */
function exactLowerTail(n: number, w: number): number {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let r = 1; r <= n; r++)
    for (let s = max; s >= r; s--) counts[s] = (counts[s] as number) + (counts[s - r] as number);
  let below = 0;
  for (let s = 0; s <= Math.floor(w); s++) below += counts[s] as number;
  return below / 2 ** n;
}

/** The test of differences `d` (new minus base, or their logs) against a centre of zero. */
export function signedRank(d: readonly number[]): SignedRankResult {
  const nonZero = d.filter((v) => Number.isFinite(v) && v !== 0);
  const n = nonZero.length;
  if (n === 0) return { n, wPlus: NaN, p: 1, method: 'none' };
  const { ranks, ties } = rankMagnitudes(nonZero);
  let wPlus = 0;
  nonZero.forEach((v, i) => {
    if (v > 0) wPlus += ranks[i] as number;
  });
  const mean = (n * (n + 1)) / 4;
  const tied = ties.some((t) => t > 1);
  if (!tied && n <= SIGNED_RANK_EXACT_LIMIT) {
    const max = (n * (n + 1)) / 2;
    const lower = exactLowerTail(n, Math.min(wPlus, max - wPlus));
    return { n, wPlus, p: Math.min(1, 2 * lower), method: 'exact' };
  }
  // Normal approximation with the tie correction of the variance and a continuity correction.
  const tieTerm = ties.reduce((s, t) => s + (t * t * t - t), 0) / 48;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm;
  if (variance <= 0) return { n, wPlus, p: 1, method: 'none' };
  const z = Math.max(0, Math.abs(wPlus - mean) - 0.5) / Math.sqrt(variance);
  return { n, wPlus, p: Math.min(1, 2 * (1 - normalCdf(z))), method: 'normal' };
}

// Two-sided Mann-Whitney U test, choosing the method and computing p exactly as benchstat
// (go-moremath stats.MannWhitneyUTest with LocationDiffers) does.

import { normalCdf } from './normal.js';
import { ascending } from './quantile.js';
import type { StatsWarning } from './warnings.js';

/** Largest sample size (each side) for which the exact U distribution is used without ties. */
export const MANN_WHITNEY_EXACT_LIMIT = 50;

/** Largest sample size (each side) for which the exact U distribution is used with ties. */
export const MANN_WHITNEY_TIES_EXACT_LIMIT = 25;

/**
 * How a p-value was obtained: `exact` (exact null distribution of U, conditional on the tie
 * pattern when there are ties), `normal` (normal approximation with tie and continuity
 * corrections), or `none` (test undefined: an empty sample or all values equal).
 */
export type MannWhitneyMethod = 'exact' | 'normal' | 'none';

/** Result of a two-sided Mann-Whitney U test. */
export interface MannWhitneyResult {
  /** Size of the first sample. */
  n1: number;
  /** Size of the second sample. */
  n2: number;
  /** U for the first sample: pairs with a > b, plus 0.5 per tie; in [0, n1*n2]. NaN if empty. */
  u: number;
  /** Two-sided p-value in [0, 1]; 1 when the test is undefined (method `none`). */
  p: number;
  /** Which method produced `p`. */
  method: MannWhitneyMethod;
  /** `empty-sample` or `all-equal` when the test is undefined; otherwise empty. */
  warnings: StatsWarning[];
}

/** Rank statistics of the pooled samples: U of the first sample and the tie-group sizes. */
function rankStatistics(
  a: readonly number[],
  b: readonly number[],
): { u1: number; ties: number[]; hasTies: boolean } {
  const pooled = [
    ...a.map((v) => ({ v, first: true })),
    ...b.map((v) => ({ v, first: false })),
  ].sort((x, y) => ascending(x.v, y.v));
  let rankSum1 = 0;
  const ties: number[] = [];
  let hasTies = false;
  for (let i = 0; i < pooled.length;) {
    const start = i;
    const value = (pooled[i] as { v: number }).v;
    let fromFirst = 0;
    for (; i < pooled.length && (pooled[i] as { v: number }).v === value; i++) {
      if ((pooled[i] as { first: boolean }).first) fromFirst++;
    }
    // The group occupies ranks start+1 … i; each member gets the mid-rank.
    const midRank = (start + 1 + i) / 2;
    rankSum1 += midRank * fromFirst;
    ties.push(i - start);
    if (i - start > 1) hasTies = true;
  }
  const n1 = a.length;
  return { u1: rankSum1 - (n1 * (n1 + 1)) / 2, ties, hasTies };
}

/**
 * P(U = 0..uMax) for sizes n1, n2 without ties, by Mann & Whitney's (1947) recurrence
 *   p[n,m](U) = (n·p[n-1,m](U-m) + m·p[n,m-1](U)) / (n+m),
 * evaluated over the same (n <= m) triangle and in the same operation order as go-moremath,
 * so the probabilities (and p-values exactly at alpha) agree with benchstat bit for bit.
 */
function exactUPmfNoTies(n1: number, n2: number, uMax: number): Float64Array {
  const small = Math.min(n1, n2);
  const large = Math.max(n1, n2);
  // rows[n] holds p[n, m](0..uMax) for the current m (or m - 1 before row n is updated).
  const rows: Float64Array[] = [];
  for (let n = 0; n <= small; n++) rows.push(new Float64Array(uMax + 1));
  for (let m = 0; m <= large; m++) {
    (rows[0] as Float64Array)[0] = 1; // p[0, m] is 1 at U = 0 and 0 elsewhere
    for (let n = 1; n <= Math.min(small, m); n++) {
      const fewerN = rows[n - 1] as Float64Array; // p[n-1, m], already updated for this m
      // p[n, m-1]; when n == m that is p[m-1, m] by symmetry, also already updated.
      const fewerM = (n <= m - 1 ? rows[n] : rows[m - 1]) as Float64Array;
      const out = rows[n] as Float64Array;
      const top = Math.min(n * m, uMax);
      for (let u = top; u >= 0; u--) {
        const left = u - m >= 0 ? n * (fewerN[u - m] as number) : 0;
        const right = m * (fewerM[u] as number);
        out[u] = (left + right) / (n + m);
      }
    }
  }
  return rows[small] as Float64Array;
}

/** P(U1 <= u) without ties (u is floored), summing the shorter tail as go-moremath does. */
function exactUCdfNoTies(n1: number, n2: number, u: number): number {
  if (u < 0) return 0;
  if (u >= n1 * n2) return 1;
  let k = Math.floor(u);
  const flip = k >= Math.trunc((n1 * n2 + 1) / 2);
  if (flip) k = n1 * n2 - k - 1;
  const pmf = exactUPmfNoTies(n1, n2, k);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += pmf[i] as number;
  return flip ? 1 - sum : sum;
}

/**
 * P(U1 <= u) under the null hypothesis, exactly, conditional on the tie pattern: n1 values drawn
 * without replacement from ranks grouped by `ties` (group sizes in rank order); u is a multiple
 * of 0.5. Counts stay exact integers for the sizes used here (n1, n2 <= 25).
 */
function exactUCdfTies(n1: number, ties: readonly number[], u: number): number {
  const total = ties.reduce((s, t) => s + t, 0);
  const cap = Math.round(2 * u); // work in units of U/2 so every value is an integer
  if (cap < 0) return 0;
  // ways[m][w]: weighted count of ways to place m first-sample values among the groups seen so
  // far with 2U = w (values above `cap` are dropped: contributions only ever increase 2U).
  const ways: Float64Array[] = [];
  for (let m = 0; m <= n1; m++) ways.push(new Float64Array(cap + 1));
  (ways[0] as Float64Array)[0] = 1;
  let seen = 0;
  for (const t of ties) {
    const coeff = binomialRow(t);
    for (let m = Math.min(n1, seen + t); m >= 1; m--) {
      const row = ways[m] as Float64Array;
      for (let r = 1; r <= Math.min(t, m); r++) {
        const prev = m - r;
        if (prev > seen) continue;
        // r first-sample values in this group each beat the (seen - prev) earlier second-sample
        // values and tie with the group's (t - r) second-sample values.
        const inc = r * (2 * (seen - prev) + (t - r));
        if (inc > cap) continue;
        const src = ways[prev] as Float64Array;
        const c = coeff[r] as number;
        for (let w = cap; w >= inc; w--) {
          const s = src[w - inc] as number;
          if (s !== 0) row[w] = (row[w] as number) + c * s;
        }
      }
    }
    seen += t;
  }
  let count = 0;
  for (const x of ways[n1] as Float64Array) count += x;
  return count / binomial(total, n1);
}

function binomialRow(t: number): number[] {
  const row = [1];
  for (let r = 1; r <= t; r++) row.push(((row[r - 1] as number) * (t - r + 1)) / r);
  return row;
}

function binomial(n: number, k: number): number {
  const kk = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= kk; i++) c = (c * (n - kk + i)) / i;
  return c;
}

/**
 * Two-sided Mann-Whitney U test of whether `a` and `b` (any order, same units, no NaN) come from
 * the same distribution. Uses the exact distribution when both sizes are <= 50 without ties or <= 25 with
 * ties, else the normal approximation with tie and continuity corrections (benchstat's choice).
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) {
    return {
      n1,
      n2,
      u: NaN,
      p: 1,
      method: 'none',
      warnings: [{ code: 'empty-sample', message: 'sample is too small' }],
    };
  }
  const allEqual = (): MannWhitneyResult => ({
    n1,
    n2,
    u: u1,
    p: 1,
    method: 'none',
    warnings: [{ code: 'all-equal', message: 'all samples are equal' }],
  });

  const { u1, ties, hasTies } = rankStatistics(a, b);
  const u2 = n1 * n2 - u1;
  const uSmall = Math.min(u1, u2);

  const limit = hasTies ? MANN_WHITNEY_TIES_EXACT_LIMIT : MANN_WHITNEY_EXACT_LIMIT;
  if (n1 <= limit && n2 <= limit) {
    if (ties.length === 1) return allEqual();
    // The null distribution is symmetric about n1*n2/2; at the centre p is exactly 1.
    let p = 1;
    if (u1 !== u2) {
      p = 2 * (hasTies ? exactUCdfTies(n1, ties, uSmall) : exactUCdfNoTies(n1, n2, uSmall));
    }
    return { n1, n2, u: u1, p, method: 'exact', warnings: [] };
  }

  const tieCorrection = ties.reduce((s, t) => s + t * t * t - t, 0);
  const n = n1 + n2;
  const meanU = (n1 * n2) / 2;
  const sdU = Math.sqrt((n1 * n2 * (n + 1 - tieCorrection / (n * (n - 1)))) / 12);
  if (sdU === 0) return allEqual();
  let numer = u1 - meanU;
  numer -= Math.sign(numer) * 0.5; // continuity correction
  const z = numer / sdU;
  const phi = normalCdf(z);
  const p = 2 * Math.min(phi, 1 - phi);
  return { n1, n2, u: u1, p, method: 'normal', warnings: [] };
}

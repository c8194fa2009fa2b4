// Distribution-free confidence intervals for the median from order statistics, reproducing
// benchstat (golang.org/x/perf/benchmath over go-moremath stats.QuantileCI) bound for bound.

import { normalCdf, normalInvCdf } from './normal.js';
import { quantileSorted } from './quantile.js';

/** The order statistics bounding a quantile's confidence interval for a sample of size n. */
export interface OrderStatisticCI {
  /** Sample size (>= 0). */
  n: number;
  /** Achieved confidence in [0, 1]; >= the requested level whenever the interval is finite. */
  confidence: number;
  /** 1-based order statistic of the lower bound; 0 means the bound is -Infinity. */
  loOrder: number;
  /** 1-based order statistic of the upper bound; n + 1 means the bound is +Infinity. */
  hiOrder: number;
}

/** Sizes up to which the exact binomial is used; larger n uses the normal approximation. */
const EXACT_LIMIT = 30;

/**
 * go-moremath computes C(n, k) for n > 20 as exp(lgamma…), which is not exactly symmetric, and
 * that breaks the left-first tie when the interval grows by one of a symmetric pair (k, n - k).
 * These are the k (< n/2) for which Go's PMF(k) < PMF(n - k) at q = 0.5, so Go grows right first.
 * Measured from go-moremath v0.0.0-20210112150236-f10218a38794 (as used by x/perf benchmath).
 */
const GO_RIGHT_FIRST: ReadonlyMap<number, readonly number[]> = new Map([
  [21, [2, 4, 7]],
  [22, [2, 4, 7, 10]],
  [23, [2, 4, 7]],
  [24, [2, 4, 7, 11]],
  [25, [2, 4, 7, 10]],
  [26, [2, 4, 7, 10]],
  [27, [2, 4, 7, 10, 11, 13]],
  [28, [2, 4, 7, 10, 12, 13]],
  [29, [2, 4, 5, 6, 7, 10, 13]],
  [30, [2, 4, 5, 6, 7, 8, 10, 13, 14]],
]);

/** Exact binomial coefficient C(n, k) as a double (exact while it is below 2^53). */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= kk; i++) c = (c * (n - kk + i)) / i;
  return Math.round(c);
}

function binomialPmf(n: number, p: number, k: number): number {
  if (k < 0 || k > n) return 0;
  return choose(n, k) * Math.pow(p, k) * Math.pow(1 - p, n - k);
}

/**
 * Order statistics bounding the confidence interval of the q-quantile (q in (0, 1)) for a
 * sample of size n at the requested confidence (in (0, 1]); mirrors go-moremath QuantileCI.
 */
export function quantileCI(n: number, q: number, confidence: number): OrderStatisticCI {
  // Asked for every sample summarised (the store summarises each result it saves), with few
  // distinct sizes: remembered, so the binomial search runs once per size.
  const key = `${n} ${q} ${confidence}`;
  let ci = orderStatistics.get(key);
  if (!ci) {
    ci = findQuantileCI(n, q, confidence);
    if (orderStatistics.size < 10_000) orderStatistics.set(key, ci);
  }
  return { ...ci };
}

const orderStatistics = new Map<string, OrderStatisticCI>();

function findQuantileCI(n: number, q: number, confidence: number): OrderStatisticCI {
  if (confidence >= 1) return { n, confidence: 1, loOrder: 0, hiOrder: n + 1 };

  // k ~ Binomial(n, q) counts the samples below the population quantile; PMF(k) is the chance
  // that the quantile lies between the k-th and (k+1)-th order statistics.
  let l: number;
  let r: number;
  let achieved: number;
  if (n <= EXACT_LIMIT) {
    // Grow [l, r) outward from the (lower) mode, always adding the more probable neighbour
    // (the left one on ties) until the mass reaches the requested confidence.
    const pmf = (k: number): number => binomialPmf(n, q, k);
    const x = q === 0 ? 0 : Math.ceil((n + 1) * q) - 1;
    const rightFirst = q === 0.5 ? (GO_RIGHT_FIRST.get(n) ?? []) : [];
    l = x;
    r = x + 1;
    achieved = pmf(x);
    let lp = pmf(l - 1);
    let rp = pmf(r);
    while (achieved < confidence && (lp > 0 || rp > 0)) {
      const goLeft = lp === rp ? !rightFirst.includes(l - 1) : lp > rp;
      if (goLeft) {
        achieved += lp;
        l--;
        lp = pmf(l - 1);
      } else {
        achieved += rp;
        r++;
        rp = pmf(r);
      }
    }
  } else {
    // Normal approximation with continuity correction: take the central `confidence` mass,
    // round out to whole bins, then try a left-biased interval one bin narrower.
    const mu = n * q;
    const sigma = Math.sqrt(n * q * (1 - q));
    const l1 = normalInvCdf((1 - confidence) / 2, mu, sigma);
    const r1 = 2 * mu - l1;
    l = Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
    r = Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
    const mass = (lo: number, hi: number): number =>
      normalCdf(hi - 0.5, mu, sigma) - normalCdf(lo - 0.5, mu, sigma);
    achieved = mass(l, r);
    const biased = mass(l, r - 1);
    if (biased >= confidence && biased < achieved) {
      achieved = biased;
      r = r - 1;
    }
    if (l <= 0 && r >= n + 1) achieved = 1; // covers everything
  }

  return {
    n,
    confidence: achieved,
    loOrder: Math.max(l, 0),
    hiOrder: Math.min(r, n + 1),
  };
}

/** Order statistics of the median's confidence interval for sample size n at `confidence` (0, 1]. */
export function medianCI(n: number, confidence: number): OrderStatisticCI {
  return quantileCI(n, 0.5, confidence);
}

/**
 * The smallest sample size giving a finite median interval at `confidence`, as benchstat words
 * it: [">=", n] for n in 2..50, or [">", 50] when even 50 samples are not enough.
 */
export function medianSamplesNeeded(confidence: number): { op: '>=' | '>'; n: number } {
  const limit = 50;
  for (let n = 2; n <= limit; n++) {
    const ci = medianCI(n, confidence);
    if (ci.loOrder > 0 && ci.hiOrder <= n) return { op: '>=', n };
  }
  return { op: '>', n: limit };
}

/** A sample median with its confidence interval, in the sample's units. */
export interface MedianWithCI {
  /** Benchstat's median (definition-8 quantile at 0.5); NaN for an empty sample. */
  median: number;
  /** Lower bound; -Infinity when the sample is too small for a finite bound. */
  lo: number;
  /** Upper bound; +Infinity when the sample is too small for a finite bound. */
  hi: number;
  /** Achieved confidence of [lo, hi], in [0, 1]. */
  confidence: number;
}

/** Median and its order-statistic confidence interval for ascending-sorted `sorted`. */
export function sortedMedianCI(sorted: readonly number[], confidence: number): MedianWithCI {
  const ci = medianCI(sorted.length, confidence);
  const lo = ci.loOrder < 1 ? -Infinity : (sorted[ci.loOrder - 1] ?? -Infinity);
  const hi = ci.hiOrder - 1 >= sorted.length ? Infinity : (sorted[ci.hiOrder - 1] ?? Infinity);
  return { median: quantileSorted(sorted, 0.5), lo, hi, confidence: ci.confidence };
}

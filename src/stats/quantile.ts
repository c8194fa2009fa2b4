// Sample quantiles, computed exactly as benchstat (go-moremath stats.Sample.Quantile) does.

/** Numeric ascending comparator for Array.prototype.sort that also orders ±Infinity correctly. */
export function ascending(x: number, y: number): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Returns a sorted (ascending) copy of `values`; the input is not modified. */
export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort(ascending);
}

/**
 * The q-quantile (q in [0, 1]) of ascending-sorted `sorted`, by Hyndman & Fan's definition 8
 * (the one benchstat uses), with benchstat's floating-point steps; NaN when empty.
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  const first = sorted[0];
  const last = sorted[n - 1];
  if (first === undefined || last === undefined) return NaN;
  if (q <= 0) return first;
  if (q >= 1) return last;
  // Position 1/3 + q(n + 1/3), 1-based; kept in this form so the rounding matches Go's.
  const pos = 1 / 3 + q * (n + 1 / 3);
  const k = Math.trunc(pos);
  const frac = pos - k;
  if (k <= 0) return first;
  if (k >= n) return last;
  const below = sorted[k - 1] as number;
  const above = sorted[k] as number;
  return below + frac * (above - below);
}

/** The q-quantile (q in [0, 1]) of `values` in any order, as benchstat computes it; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(sortedCopy(values), q);
}

/**
 * The median of `values` in any order, as benchstat computes it: definition-8 quantile at 0.5,
 * which for even n is the midpoint of the two middle values (up to rounding). NaN when empty.
 */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

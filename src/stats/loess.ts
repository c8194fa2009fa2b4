// Loess (Cleveland 1979) on equally spaced points x = 0..n−1, as STL uses it: a locally linear
// (or constant) least-squares fit with tricube neighbourhood weights over the q nearest points,
// times optional robustness weights, evaluated anywhere (also just outside the data).

/**
 * Neighbourhood weight of a point at distance r from the fit point for radius h: tricube
 * (1 − (r/h)³)³, with the reference implementation's cut-offs (1 within 0.001·h, 0 beyond 0.999·h).
 */
function neighbourWeight(r: number, h: number): number {
  if (r > 0.999 * h) return 0;
  if (r <= 0.001 * h) return 1;
  const u = r / h;
  const v = 1 - u * u * u;
  return v * v * v;
}

/** Scratch space for one neighbourhood's weights (loess is not re-entrant, and need not be). */
let scratch = new Float64Array(64);

/**
 * The loess fit at x0 of y (at x = 0..n−1) with the q nearest points, local degree 0 or 1 and
 * optional robustness weights; undefined when every weight in the neighbourhood is zero.
 * Details (window placement, radius growth when q exceeds n, when to fit a slope) follow the
 * STL reference implementation (Cleveland et al. 1990, netlib stl, subroutine est).
 */
export function loessAt(
  y: ArrayLike<number>,
  x0: number,
  q: number,
  degree: 0 | 1,
  robustness?: ArrayLike<number>,
): number | undefined {
  const n = y.length;
  if (n === 0) return undefined;
  const width = Math.min(q, n);
  const left = Math.min(Math.max(Math.round(x0 - (width - 1) / 2), 0), n - width);
  const right = left + width - 1;
  let h = Math.max(x0 - left, right - x0);
  if (q > n) h += Math.floor((q - n) / 2);
  if (scratch.length < width) scratch = new Float64Array(width);
  const weights = scratch;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = left; i <= right; i++) {
    const w = neighbourWeight(Math.abs(i - x0), h) * (robustness ? (robustness[i] as number) : 1);
    weights[i - left] = w;
    sw += w;
    sx += w * i;
    sy += w * (y[i] as number);
  }
  if (!(sw > 0)) return undefined;
  const xMean = sx / sw;
  const yMean = sy / sw;
  if (degree === 0 || !(h > 0)) return yMean;
  let sxx = 0;
  let sxy = 0;
  for (let i = left; i <= right; i++) {
    const w = weights[i - left]!;
    const dx = i - xMean;
    sxx += w * dx * dx;
    sxy += w * dx * ((y[i] as number) - yMean);
  }
  // A slope only where the weighted points spread enough (relative to the data's range) to define one.
  if (!(Math.sqrt(sxx / sw) > 0.001 * (n - 1))) return yMean;
  return yMean + (sxy / sxx) * (x0 - xMean);
}

/**
 * Loess fits at x = from..to (inclusive; from may be −1 and to n to extend the series by one
 * point at each end). Where a neighbourhood has no weight, a point inside keeps its data value and
 * an extension point takes the fit next to it, as in the reference implementation.
 */
export function loessSmooth(
  y: ArrayLike<number>,
  q: number,
  degree: 0 | 1,
  robustness?: ArrayLike<number>,
  from = 0,
  to = y.length - 1,
): Float64Array {
  const n = y.length;
  const out = new Float64Array(to - from + 1);
  for (let x = Math.max(from, 0); x <= Math.min(to, n - 1); x++)
    out[x - from] = loessAt(y, x, q, degree, robustness) ?? (y[x] as number);
  for (const x of [from, to])
    if (x < 0 || x >= n) {
      const inside = Math.min(Math.max(x, 0), n - 1) - from;
      out[x - from] = loessAt(y, x, q, degree, robustness) ?? (out[inside] as number);
    }
  return out;
}

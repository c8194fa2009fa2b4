// The standard normal distribution: erfc, CDF and inverse CDF, accurate to a few ulps so that
// results built on them (p-values, order-statistic bounds) agree with Go's math.Erfc.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);

/** Below this |x|, erfc is computed as 1 - erf(x) from erf's power series. */
const SERIES_LIMIT = 0.5;

/** erf(x) for |x| < SERIES_LIMIT: 2/√π·e^(-x²)·Σ 2ⁿx^(2n+1)/(2n+1)!!, a series of positive terms. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 0; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 3);
    sum += term;
    if (Math.abs(term) <= Math.abs(sum) * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x >= SERIES_LIMIT, by the continued fraction
 * erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up from a
 * depth at which truncation is below double precision (backward evaluation damps rounding).
 */
function erfcContinuedFraction(x: number): number {
  const depth = x < 1 ? 1000 : x < 2 ? 200 : 100;
  let f = x;
  for (let k = depth; k >= 1; k--) f = x + k / 2 / f;
  return (ONE_OVER_SQRT_PI * expMinusSquare(x)) / f;
}

/** e^(-x²) without the rounding error of forming x² (x is split into two exactly-squarable halves). */
function expMinusSquare(x: number): number {
  const split = 134217729 * x; // 2^27 + 1: Veltkamp splitting
  const hi = split - (split - x);
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-(2 * hi * lo + lo * lo));
}

/** The complementary error function erfc(x) = 1 - erf(x); result in [0, 2]. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // e^(-x²) underflows
  return erfcContinuedFraction(x);
}

/** CDF of the normal distribution with mean `mu` and standard deviation `sigma` (> 0); in [0, 1]. */
export function normalCdf(x: number, mu = 0, sigma = 1): number {
  return erfc(-(x - mu) / (sigma * Math.SQRT2)) / 2;
}

/**
 * Inverse CDF of the normal distribution (mean `mu`, sd `sigma`) at probability p in [0, 1]:
 * Acklam's rational approximation plus one Halley refinement step, as go-moremath does.
 */
export function normalInvCdf(p: number, mu = 0, sigma = 1): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;

  // Coefficients of Peter J. Acklam's approximation (published constants).
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
    -3.066479806614716e1, 2.506628277459239,
  ] as const;
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ] as const;
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ] as const;
  const d = [
    7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416,
  ] as const;
  const pLow = 0.02425;
  const pHigh = 1 - pLow;

  const tail = (q: number): number =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);

  let x: number;
  if (p < pLow) {
    x = tail(Math.sqrt(-2 * Math.log(p)));
  } else if (pHigh < p) {
    x = -tail(Math.sqrt(-2 * Math.log(1 - p)));
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  // One step of Halley's method against the accurate CDF.
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  x = x - u / (1 + (x * u) / 2);

  return x * sigma + mu;
}

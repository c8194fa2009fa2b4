// Robust STL: Seasonal-Trend decomposition by Loess (Cleveland, Cleveland, McRae & Terpenning,
// Journal of Official Statistics 6(1), 1990). An inner loop alternates cycle-subseries smoothing
// of the detrended series (with a low-pass filter that keeps trend out of the seasonal part) and
// loess smoothing of the deseasonalised series; an outer loop reweights points by the bisquare
// of their remainders, so that spikes do not bend the trend or the seasonal pattern.

import { loessSmooth } from './loess.js';

export interface StlOptions {
  /** Number of observations per seasonal cycle (≥ 2). */
  period: number;
  /** Seasonal smoothing window in cycles: odd, at least 7. */
  seasonalWindow?: number;
  /** Local degree of the seasonal smoothing: 1 (the paper) or 0 (R's default; steadier at the ends). */
  seasonalDegree?: 0 | 1;
  /** Trend window: default the smallest odd integer ≥ 1.5·period / (1 − 1.5/seasonalWindow). */
  trendWindow?: number;
  /** Passes of the inner loop per outer iteration (default 1 with robustness, 2 without). */
  inner?: number;
  /** Robustness iterations: default 5, the paper's "safe value" (R's stl uses 15); 0: not robust. */
  outer?: number;
}

export interface StlResult {
  trend: Float64Array;
  seasonal: Float64Array;
  remainder: Float64Array;
  /** Final robustness weight of each point, in [0, 1] (near 0: an outlier). */
  weights: Float64Array;
}

function nextOdd(x: number): number {
  const k = Math.ceil(x);
  return k % 2 === 1 ? k : k + 1;
}

/** The windows STL uses for a period and options, per the paper's rules. */
export function stlWindows(options: StlOptions): {
  seasonal: number;
  trend: number;
  lowPass: number;
} {
  const seasonal = nextOdd(Math.max(7, options.seasonalWindow ?? 7));
  const trend = options.trendWindow ?? nextOdd((1.5 * options.period) / (1 - 1.5 / seasonal));
  return { seasonal, trend: nextOdd(Math.max(3, trend)), lowPass: nextOdd(options.period) };
}

/** Moving average of `length` points: output has y.length − length + 1 values. */
function movingAverage(y: ArrayLike<number>, length: number): Float64Array {
  const out = new Float64Array(y.length - length + 1);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += y[i] as number;
  out[0] = sum / length;
  for (let i = 1; i < out.length; i++) {
    sum += (y[i + length - 1] as number) - (y[i - 1] as number);
    out[i] = sum / length;
  }
  return out;
}

/** Bisquare robustness weights from remainders: B(|r| / (6·median|r|)), cut-offs as in the reference. */
function robustnessWeights(remainder: Float64Array): Float64Array {
  // Median of |r| by a typed-array sort (numeric, no comparator): this runs once per outer pass.
  const sorted = remainder.map(Math.abs).sort();
  const mid = sorted.length >> 1;
  const h = 6 * (sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
  return remainder.map((r) => {
    const a = Math.abs(r);
    if (a <= 0.001 * h) return 1;
    if (a > 0.999 * h) return 0;
    const u = a / h;
    return (1 - u * u) * (1 - u * u);
  });
}

/** Decomposes y (evenly spaced, no gaps) into trend + seasonal + remainder. */
export function stl(y: ArrayLike<number>, options: StlOptions): StlResult {
  const n = y.length;
  const np = Math.round(options.period);
  if (!(np >= 2)) throw new RangeError(`STL needs a period of at least 2, not ${options.period}`);
  const windows = stlWindows(options);
  const outer = options.outer ?? 5;
  const inner = options.inner ?? (outer > 0 ? 1 : 2);
  const trend = new Float64Array(n);
  const seasonal = new Float64Array(n);
  let weights: Float64Array = new Float64Array(n).fill(1);
  const cycle = new Float64Array(n + 2 * np); // cycle-subseries fits, from time −np to n + np − 1
  for (let pass = 0; pass <= outer; pass++) {
    for (let k = 0; k < inner; k++) {
      // Step 1–2: smooth each cycle-subseries of the detrended series, extended one cycle each way.
      for (let phase = 0; phase < np; phase++) {
        const sub: number[] = [];
        const w: number[] = [];
        for (let t = phase; t < n; t += np) {
          sub.push((y[t] as number) - trend[t]!);
          w.push(weights[t]!);
        }
        if (sub.length === 0) continue;
        const fit = loessSmooth(
          sub,
          windows.seasonal,
          options.seasonalDegree ?? 1,
          w,
          -1,
          sub.length,
        );
        for (let j = 0; j < fit.length; j++) {
          const t = phase + (j - 1) * np + np;
          if (t < cycle.length) cycle[t] = fit[j]!;
        }
      }
      // Step 3: low-pass filter of the cycle fits (MA np, MA np, MA 3, loess), so that S has no trend.
      const low = loessSmooth(
        movingAverage(movingAverage(movingAverage(cycle, np), np), 3),
        windows.lowPass,
        1,
      );
      // Step 4–6: seasonal = detrended cycle fits; trend = loess of the deseasonalised series.
      for (let t = 0; t < n; t++) seasonal[t] = cycle[t + np]! - low[t]!;
      const deseasonalised = Float64Array.from(
        { length: n },
        (_, t) => (y[t] as number) - seasonal[t]!,
      );
      trend.set(loessSmooth(deseasonalised, windows.trend, 1, weights));
    }
    if (pass < outer) {
      const remainder = Float64Array.from(
        { length: n },
        (_, t) => (y[t] as number) - trend[t]! - seasonal[t]!,
      );
      weights = robustnessWeights(remainder);
    }
  }
  const remainder = Float64Array.from(
    { length: n },
    (_, t) => (y[t] as number) - trend[t]! - seasonal[t]!,
  );
  return { trend, seasonal, remainder, weights: outer > 0 ? weights : new Float64Array(n).fill(1) };
}

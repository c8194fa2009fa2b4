// Isolated spikes (one slow run among normal ones) and heavy tails inflate a t-test's variance
// and, clustered, fake level changes (clipping them is not enough: two clipped spikes close together
// still shift a short segment's mean). Before change-point detection each value more than `limit`
// robust standard deviations from a short running median is replaced by that median; a level change
// moves the running median with it, so steps survive. Both the median and the scale are local, so a value
// depends only on its neighbours and appending points changes only the last few values.

export interface DespikeOptions {
  /** Half-width of the running median (default 3: 7 points). */
  halfWidth?: number;
  /** Half-width of the window for the local robust scale (default 25: 51 points). */
  scaleHalfWidth?: number;
  /** Clip beyond this many robust standard deviations (default 4). */
  limit?: number;
}

/** Median of values[from, to), using a scratch buffer; to > from. */
function windowMedian(
  values: ArrayLike<number>,
  from: number,
  to: number,
  buf: Float64Array,
): number {
  const n = to - from;
  for (let i = 0; i < n; i++) buf[i] = values[from + i] as number;
  const part = buf.subarray(0, n).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? part[mid]! : (part[mid - 1]! + part[mid]!) / 2;
}

/** A copy of `values` where those beyond running median ± limit × local 1.4826·MAD take the median. */
export function despike(values: ArrayLike<number>, options: DespikeOptions = {}): Float64Array {
  const n = values.length;
  const k = options.halfWidth ?? 3;
  const s = options.scaleHalfWidth ?? 25;
  const limit = options.limit ?? 4;
  const buf = new Float64Array(2 * Math.max(k, s) + 1);
  const centre = new Float64Array(n);
  const deviation = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    centre[i] = windowMedian(values, Math.max(0, i - k), Math.min(n, i + k + 1), buf);
    deviation[i] = Math.abs((values[i] as number) - centre[i]!);
  }
  const out = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    const scale = 1.4826 * windowMedian(deviation, Math.max(0, i - s), Math.min(n, i + s + 1), buf);
    const bound = limit * scale;
    const r = out[i]! - centre[i]!;
    if (scale > 0 && Math.abs(r) > bound) out[i] = centre[i]!;
  }
  return out;
}

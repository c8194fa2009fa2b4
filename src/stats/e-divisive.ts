// Windowed E-divisive means with a t-test, as Apache Otava does it (Hunter: Fleming et al. 2023,
// after Matteson & James 2014): within sliding windows, divisive splitting at the point that
// maximises the energy divergence q̂ between the segments before and after, each split kept while
// a two-sided t-test between the neighbouring segments is significant at a relaxed first-pass
// level; then a merge pass over the whole series drops, weakest first, the change points whose
// p-value or relative magnitude is too small, or whose segment is shorter than the minimum.
// Each window depends only on its own values, so a series that grows re-examines only the
// windows that reached its old end (the incremental mode), and gives the batch answer.

import { segmentStats, tTestP, type SegmentStats } from './t-test.js';

export interface EDivisiveOptions {
  /** Points per sliding window (Otava: 50); windows advance by half of it. */
  windowLength: number;
  /** Final significance level; the first pass uses a relaxed one (Otava's rule, 10× below 0.05). */
  maxPValue: number;
  /** Change points whose relative magnitude (see `magnitude`) is at or below this are dropped. */
  minMagnitude: number;
  /** Minimum points in a segment: shorter ones (a single spike, say) are not cut out. */
  minSegment: number;
  /** Relative size of a change between two segment means; Otava's max(|b/a − 1|, |a/b − 1|). */
  magnitude?: (before: SegmentStats, after: SegmentStats) => number;
}

export const DEFAULT_E_DIVISIVE_OPTIONS: EDivisiveOptions = {
  windowLength: 50,
  maxPValue: 0.001,
  minMagnitude: 0,
  minSegment: 3,
};

/** A change point: the first index of a new segment, judged against its neighbouring segments. */
export interface ChangePoint {
  index: number;
  /** Two-sided t-test p-value between the neighbouring segments. */
  pValue: number;
  /** Relative magnitude of the change (options.magnitude). */
  magnitude: number;
  before: SegmentStats;
  after: SegmentStats;
}

/** What the windows found, kept so that a longer series re-examines only its recent windows. */
export interface EDivisiveState {
  /** Series length the state was computed for. */
  n: number;
  /** The window options the state holds results for (another setting invalidates it). */
  scan: { windowLength: number; firstPassPValue: number; minSegment: number };
  /** Each window [start, end) in scan order and the change points (absolute indices) it found. */
  windows: { start: number; end: number; found: number[] }[];
}

export interface EDivisiveResult {
  changePoints: ChangePoint[];
  /** Candidates of the relaxed first pass ("weak" change points), before merging. */
  weak: number[];
  state: EDivisiveState;
}

function relativeMagnitude(a: SegmentStats, b: SegmentStats): number {
  const forward = a.mean === 0 ? 0 : Math.abs(b.mean / a.mean - 1);
  const backward = b.mean === 0 ? 0 : Math.abs(a.mean / b.mean - 1);
  return Math.max(forward, backward);
}

/** Otava's first-pass level: 10× the final one below 0.05, 2× below 0.5, else unchanged. */
export function firstPassPValue(maxPValue: number): number {
  return maxPValue < 0.05 ? maxPValue * 10 : maxPValue < 0.5 ? maxPValue * 2 : maxPValue;
}

/**
 * Within-segment distance sums W(a, b) = Σ_{a≤i<j<b} |z_i − z_j| for all 0 ≤ a ≤ b ≤ L, so that
 * every q̂ in the window costs O(1): the cross sum is W(s, κ) − W(s, τ) − W(τ, κ).
 */
function withinSums(z: ArrayLike<number>, from: number, length: number): Float64Array {
  const size = length + 1;
  const w = new Float64Array(size * size);
  const col = new Float64Array(length);
  for (let j = 0; j < length; j++) {
    // col[a] = Σ_{i=a}^{j−1} |z_i − z_j|, accumulated from a = j − 1 down to 0.
    const zj = z[from + j] as number;
    let acc = 0;
    for (let a = j - 1; a >= 0; a--) {
      acc += Math.abs((z[from + a] as number) - zj);
      col[a] = acc;
    }
    for (let a = 0; a <= j; a++) w[a * size + j + 1] = w[a * size + j]! + (a < j ? col[a]! : 0);
  }
  return w;
}

/** The split τ of [s, e) maximising q̂ over κ, with both sides at least minSegment long. */
function bestSplit(
  w: Float64Array,
  size: number,
  s: number,
  e: number,
  minSegment: number,
): { tau: number; qhat: number } | undefined {
  let best: { tau: number; qhat: number } | undefined;
  for (let tau = s + minSegment; tau <= e - minSegment; tau++) {
    const n = tau - s;
    const wx = w[s * size + tau]!;
    for (let kappa = tau + minSegment; kappa <= e; kappa++) {
      const m = kappa - tau;
      const wy = w[tau * size + kappa]!;
      const cross = w[s * size + kappa]! - wx - wy;
      const nm = n + m;
      let q = (2 / nm) * cross;
      if (n > 1) q -= ((2 * m) / (nm * (n - 1))) * wx;
      if (m > 1) q -= ((2 * n) / (nm * (m - 1))) * wy;
      if (best === undefined || q > best.qhat) best = { tau, qhat: q };
    }
  }
  return best;
}

/** E-divisive within series[start, end): split while the t-test is significant at `pValue`. */
function windowChangePoints(
  series: ArrayLike<number>,
  start: number,
  end: number,
  pValue: number,
  minSegment: number,
): number[] {
  const length = end - start;
  const w = withinSums(series, start, length);
  const found: number[] = [];
  for (;;) {
    const bounds = [0, ...found, length];
    let best: { tau: number; qhat: number; s: number; e: number } | undefined;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const s = bounds[i]!;
      const e = bounds[i + 1]!;
      const c = bestSplit(w, length + 1, s, e, minSegment);
      if (c && (best === undefined || c.qhat > best.qhat)) best = { ...c, s, e };
    }
    if (!best) break;
    const p = tTestP(
      segmentStats(series, start + best.s, start + best.tau),
      segmentStats(series, start + best.tau, start + best.e),
    );
    if (!(p <= pValue)) break;
    found.push(best.tau);
    found.sort((a, b) => a - b);
  }
  return found.map((tau) => tau + start);
}

/** The windows of Otava's split pass, resumed after `kept` (full windows of an earlier state). */
function scanWindows(
  series: ArrayLike<number>,
  options: EDivisiveOptions,
  kept: EDivisiveState['windows'],
  resumeAt: number,
): EDivisiveState['windows'] {
  const windows = [...kept];
  const step = Math.max(1, Math.floor(options.windowLength / 2));
  const pValue = firstPassPValue(options.maxPValue);
  let start = resumeAt;
  while (start < series.length) {
    const end = Math.min(start + options.windowLength, series.length);
    const found = windowChangePoints(series, start, end, pValue, options.minSegment);
    windows.push({ start, end, found });
    start = nextStart(windows.at(-1)!, step);
  }
  return windows;
}

/** Otava's advance: half a window, or to the last change point found if that is further. */
function nextStart(window: { start: number; found: number[] }, step: number): number {
  return Math.max(window.found.at(-1) ?? 0, window.start + step);
}

function judge(
  series: ArrayLike<number>,
  index: number,
  from: number,
  to: number,
  magnitude: EDivisiveOptions['magnitude'] & object,
): ChangePoint {
  const before = segmentStats(series, from, index);
  const after = segmentStats(series, index, to);
  return {
    index,
    pValue: tTestP(before, after),
    magnitude: magnitude(before, after),
    before,
    after,
  };
}

/** Hunter's merge pass: drop the weakest change point and re-judge its neighbours, until none is weak. */
function merge(
  series: ArrayLike<number>,
  indices: number[],
  options: EDivisiveOptions,
): ChangePoint[] {
  const magnitude = options.magnitude ?? relativeMagnitude;
  const bound = (i: number, cps: readonly number[]) =>
    i < 0 ? 0 : i >= cps.length ? series.length : cps[i]!;
  const points = indices.map((index, i) =>
    judge(series, index, bound(i - 1, indices), bound(i + 1, indices), magnitude),
  );
  const short = (cp: ChangePoint) =>
    cp.before.n < options.minSegment || cp.after.n < options.minSegment;
  while (points.length > 0) {
    // A segment below the minimum length first, then the highest p-value, then the smallest change.
    let weakest = -1;
    for (let i = 0; i < points.length; i++)
      if (short(points[i]!) && (weakest < 0 || points[i]!.pValue > points[weakest]!.pValue))
        weakest = i;
    if (weakest < 0) {
      weakest = 0;
      for (let i = 1; i < points.length; i++)
        if (points[i]!.pValue > points[weakest]!.pValue) weakest = i;
      if (points[weakest]!.pValue < options.maxPValue) {
        weakest = 0;
        for (let i = 1; i < points.length; i++)
          if (points[i]!.magnitude < points[weakest]!.magnitude) weakest = i;
        if (points[weakest]!.magnitude > options.minMagnitude) break;
      }
    }
    points.splice(weakest, 1);
    const cps = points.map((p) => p.index);
    for (const i of [weakest - 1, weakest])
      if (i >= 0 && i < points.length)
        points[i] = judge(series, cps[i]!, bound(i - 1, cps), bound(i + 1, cps), magnitude);
  }
  return points;
}

/**
 * Change points of `series` (values on the scale the t-test should compare, e.g. logarithms).
 * With `previous`, the state of an earlier call whose series agreed with this one on its first
 * `unchangedPrefix` values (default: all of its values), only windows reaching past that are
 * scanned again; the answer equals the batch one.
 */
export function eDivisive(
  series: ArrayLike<number>,
  options: EDivisiveOptions = DEFAULT_E_DIVISIVE_OPTIONS,
  previous?: EDivisiveState,
  unchangedPrefix?: number,
): EDivisiveResult {
  const scan = {
    windowLength: options.windowLength,
    firstPassPValue: firstPassPValue(options.maxPValue),
    minSegment: options.minSegment,
  };
  let kept: EDivisiveState['windows'] = [];
  let resumeAt = 0;
  const sameScan =
    previous !== undefined &&
    previous.scan.windowLength === scan.windowLength &&
    previous.scan.firstPassPValue === scan.firstPassPValue &&
    previous.scan.minSegment === scan.minSegment;
  if (previous && sameScan) {
    // Full windows that ended before the first changed value saw what they would see now.
    const limit = Math.min(unchangedPrefix ?? previous.n, previous.n, series.length);
    const firstRedo = previous.windows.findIndex(
      (w) => w.end - w.start < options.windowLength || w.end > limit,
    );
    kept = firstRedo < 0 ? previous.windows : previous.windows.slice(0, firstRedo);
    const last = kept.at(-1);
    if (firstRedo >= 0) resumeAt = previous.windows[firstRedo]!.start;
    else if (last) resumeAt = nextStart(last, Math.max(1, Math.floor(options.windowLength / 2)));
  }
  const windows = scanWindows(series, options, kept, resumeAt);
  const weak = [...new Set(windows.flatMap((w) => w.found))].sort((a, b) => a - b);
  return {
    changePoints: merge(series, weak, options),
    weak,
    state: { n: series.length, scan, windows },
  };
}

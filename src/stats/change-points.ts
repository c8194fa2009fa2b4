// Regression detection in a history of one metric: values on a log scale (so a change is a ratio),
// the seasonal cycle removed by robust STL where the series holds enough cycles of a period, then
// windowed E-divisive means with t-tests (e-divisive.ts). Each finding says where, how big, which
// way and how sure; a slowdown (or growth in memory) is an alert, a speed-up is information.

import { DEFAULT_E_DIVISIVE_OPTIONS, eDivisive, type EDivisiveState } from './e-divisive.js';
import { despike } from './despike.js';
import { choosePeriod } from './seasonal-period.js';
import { stl } from './stl.js';
import type { SegmentStats } from './t-test.js';

export interface ChangePointOptions {
  /** Points per seasonal cycle; when absent, chosen from `timestampsMs` if given (else none). */
  period?: number;
  /** Time of each value (ms since the epoch, ascending): findings carry it; it can give the period. */
  timestampsMs?: readonly number[];
  /** Remove seasonality only when the series holds at least this many cycles (default 2). */
  minCycles?: number;
  /** Set false to skip STL even where a period is known. */
  seasonal?: boolean;
  /**
   * STL's seasonal window in cycles (odd, ≥ 7; default 101) and local degree (default 0): a
   * nearly fixed weekly or daily pattern. With the paper's short windows the seasonal part soaks
   * up noise, and on the synthetic set that tripled false alarms (docs/benchmarks.md).
   */
  seasonalWindow?: number;
  seasonalDegree?: 0 | 1;
  /** Final t-test level (default 0.0001; Otava's 0.001 raised too many false alarms when tuned). */
  maxPValue?: number;
  /** Changes at or below this ratio (0.02 = 2%) are merged away (default 0.02). */
  minChange?: number;
  /** Minimum points between change points (default 10): shorter bursts are not level changes. */
  minSegment?: number;
  /** E-divisive window (default 50). */
  windowLength?: number;
  /** Whether larger values are worse (time, memory: the default) or better (throughput). */
  largerIsWorse?: boolean;
}

export type ChangeKind = 'regression' | 'improvement';

/** Default minimum points between change points: a series shorter than twice this has none. */
export const DEFAULT_MIN_SEGMENT = 10;

export interface ChangePointFinding {
  /** Index of the first value at the new level. */
  index: number;
  /** Its time, when timestamps were given. */
  timeMs?: number;
  /** Change of the (geometric) mean level from before to after, in percent. */
  sizePct: number;
  direction: 'up' | 'down';
  /** Regression: worse (slower, bigger); improvement: better. */
  kind: ChangeKind;
  /** True for regressions: what a CI gate acts on; improvements are information. */
  alert: boolean;
  /** Two-sided t-test p-value between the segments before and after. */
  pValue: number;
}

/** What an analysis keeps so that the next one, with more points, can skip settled windows. */
export interface ChangePointState {
  /** The log-scale, deseasonalised, despiked series the windows saw. */
  adjusted: Float64Array;
  eDivisive: EDivisiveState;
}

export interface ChangePointAnalysis {
  findings: ChangePointFinding[];
  /** The seasonal period removed by STL, if any. */
  period?: number;
  state: ChangePointState;
}

/** Relative change between log-scale segment means: e^|Δ| − 1. */
function logMagnitude(a: SegmentStats, b: SegmentStats): number {
  return Math.expm1(Math.abs(b.mean - a.mean));
}

/** The seasonal period STL should remove from a series of n points, if any. */
function seasonalPeriod(n: number, options: ChangePointOptions): number | undefined {
  if (options.seasonal === false) return undefined;
  const minCycles = options.minCycles ?? 2;
  const period =
    options.period ??
    (options.timestampsMs ? choosePeriod(options.timestampsMs, minCycles)?.period : undefined);
  return period !== undefined && period >= 2 && n >= minCycles * period ? period : undefined;
}

/**
 * Change points of a metric's history (positive values, oldest first). With `previous`, the state
 * of an analysis of an earlier prefix, windows whose values did not change are not scanned again;
 * the findings are always those of a batch analysis of `values`.
 */
export function detectChangePoints(
  values: readonly number[],
  options: ChangePointOptions = {},
  previous?: ChangePointState,
): ChangePointAnalysis {
  for (const v of values)
    if (!(v > 0 && Number.isFinite(v)))
      throw new RangeError(`change-point detection needs positive finite values, not ${v}`);
  const logs = Float64Array.from(values, Math.log);
  const period = seasonalPeriod(values.length, options);
  const adjusted = logs;
  if (period !== undefined) {
    const { seasonal } = stl(logs, {
      period,
      seasonalWindow: options.seasonalWindow ?? 101,
      seasonalDegree: options.seasonalDegree ?? 0,
    });
    for (let i = 0; i < adjusted.length; i++) adjusted[i] = logs[i]! - seasonal[i]!;
  }
  const prepared = despike(adjusted);
  // Earlier windows are reused as far as the values they saw are unchanged.
  let unchanged = 0;
  if (previous)
    while (
      unchanged < previous.adjusted.length &&
      unchanged < prepared.length &&
      previous.adjusted[unchanged] === prepared[unchanged]
    )
      unchanged++;
  const result = eDivisive(
    prepared,
    {
      windowLength: options.windowLength ?? DEFAULT_E_DIVISIVE_OPTIONS.windowLength,
      maxPValue: options.maxPValue ?? 0.0001,
      minMagnitude: options.minChange ?? 0.02,
      minSegment: options.minSegment ?? DEFAULT_MIN_SEGMENT,
      magnitude: logMagnitude,
    },
    previous?.eDivisive,
    unchanged,
  );
  const largerIsWorse = options.largerIsWorse ?? true;
  const findings = result.changePoints.map((cp): ChangePointFinding => {
    const up = cp.after.mean > cp.before.mean;
    const kind: ChangeKind = up === largerIsWorse ? 'regression' : 'improvement';
    const timeMs = options.timestampsMs?.[cp.index];
    return {
      index: cp.index,
      ...(timeMs !== undefined ? { timeMs } : {}),
      sizePct: Math.expm1(cp.after.mean - cp.before.mean) * 100,
      direction: up ? 'up' : 'down',
      kind,
      alert: kind === 'regression',
      pValue: cp.pValue,
    };
  });
  return {
    findings,
    ...(period !== undefined ? { period } : {}),
    state: { adjusted: prepared, eDivisive: result.state },
  };
}

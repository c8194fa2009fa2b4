// Evaluation of regression detection (issue 11) on the seeded synthetic set: 1,000 daily series of
// 365 points (bench/synthetic-series.ts), scored with TCPDBench's metrics (bench/cpd-metrics.ts).
// Methods: the product's detector (log scale, robust STL, windowed E-divisive), the same without
// STL, and a fixed 3σ threshold on raw values. Also times one series, the set, and 100,000 points.
// Usage: node dist/bench/change-points.js [series=1000]
// CPD_VARIANT='{"minSegment":7}' overrides detector options (both E-divisive rows): the tuning hook.
import { detectChangePoints, type ChangePointOptions } from '../src/stats/change-points.js';
import { covering, fMeasure, truePositives } from './cpd-metrics.js';
import {
  CV_LEVELS,
  syntheticSeries,
  syntheticSet,
  type SyntheticSeries,
} from './synthetic-series.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const count = Number(positional[0] ?? 1000);
const MARGIN = 5;

interface Detection {
  /** Predicted change-point locations. */
  at: number[];
  /** Whether anything alerting (a slowdown) was raised. */
  alert: boolean;
  any: boolean;
}

type Method = (s: SyntheticSeries) => Detection;

/** 3σ on raw values: a point beyond mean ± 3 sd of the 30 before it; a run of alarms counts once. */
export function threeSigma(values: readonly number[], baseline = 30): Detection {
  const at: number[] = [];
  let alert = false;
  let last = -Infinity;
  for (let t = baseline; t < values.length; t++) {
    let mean = 0;
    for (let i = t - baseline; i < t; i++) mean += values[i] as number;
    mean /= baseline;
    let ss = 0;
    for (let i = t - baseline; i < t; i++) ss += ((values[i] as number) - mean) ** 2;
    const sd = Math.sqrt(ss / (baseline - 1));
    const z = ((values[t] as number) - mean) / sd;
    if (Math.abs(z) > 3) {
      if (t - last > MARGIN) at.push(t);
      last = t;
      if (z > 0) alert = true;
    }
  }
  return { at, alert, any: at.length > 0 };
}

function detector(options: ChangePointOptions): Method {
  return (s) => {
    const { findings } = detectChangePoints(s.values, { timestampsMs: s.timestampsMs, ...options });
    return {
      at: findings.map((f) => f.index),
      alert: findings.some((f) => f.alert),
      any: findings.length > 0,
    };
  };
}

const variant = process.env.CPD_VARIANT
  ? (JSON.parse(process.env.CPD_VARIANT) as ChangePointOptions)
  : {};
const methods: Record<string, Method> = {
  'E-divisive + STL': detector(variant),
  'E-divisive, no STL': detector({ ...variant, seasonal: false }),
  '3σ on raw values': (s) => threeSigma(s.values),
};

interface Tally {
  series: number;
  precision: number;
  recall: number;
  f1: number;
  cover: number;
  noChange: number;
  noChangeAlerts: number;
  noChangeAny: number;
  bigSteps: number;
  bigStepsFound: number;
  seasonalNoChange: number;
  seasonalNoChangeAny: number;
}

const empty = (): Tally => ({
  series: 0,
  precision: 0,
  recall: 0,
  f1: 0,
  cover: 0,
  noChange: 0,
  noChangeAlerts: 0,
  noChangeAny: 0,
  bigSteps: 0,
  bigStepsFound: 0,
  seasonalNoChange: 0,
  seasonalNoChangeAny: 0,
});

function score(t: Tally, s: SyntheticSeries, d: Detection): void {
  const truth = s.changes.map((c) => c.index);
  const f = fMeasure([truth], d.at, MARGIN);
  t.series++;
  t.precision += f.precision;
  t.recall += f.recall;
  t.f1 += f.f;
  t.cover += covering([truth], d.at, s.values.length);
  if (truth.length === 0) {
    t.noChange++;
    if (d.alert) t.noChangeAlerts++;
    if (d.any) t.noChangeAny++;
    if (s.seasonalAmplitude >= 0.05) {
      t.seasonalNoChange++;
      if (d.any) t.seasonalNoChangeAny++;
    }
  }
  const matched = truePositives(truth, d.at, MARGIN);
  for (const c of s.changes)
    if (Math.abs(c.sizePct) >= 10) {
      t.bigSteps++;
      if (matched.has(c.index)) t.bigStepsFound++;
    }
}

const set = syntheticSet(count);
const tallies: Record<string, Map<number | 'all', Tally>> = {};
const timings: Record<string, number[]> = {};
for (const [name, method] of Object.entries(methods)) {
  const byCv = new Map<number | 'all', Tally>();
  const times: number[] = [];
  for (const s of set) {
    const t0 = performance.now();
    const d = method(s);
    times.push(performance.now() - t0);
    for (const key of [s.cv, 'all'] as const) {
      if (!byCv.has(key)) byCv.set(key, empty());
      score(byCv.get(key)!, s, d);
    }
  }
  tallies[name] = byCv;
  timings[name] = times;
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
const f2 = (x: number, n: number) => (x / n).toFixed(3);
const lines: string[] = [];
lines.push(
  '| method | noise CV | series | precision | recall | F1 | covering | no-change alerting | no-change any finding | recall, steps ≥ 10% |',
);
lines.push('|---|---|---|---|---|---|---|---|---|---|');
for (const [name, byCv] of Object.entries(tallies))
  for (const key of [...CV_LEVELS, 'all'] as const) {
    const t = byCv.get(key);
    if (!t) continue;
    const cv = key === 'all' ? 'all' : `${(key * 100).toFixed(1)}%`;
    lines.push(
      `| ${name} | ${cv} | ${t.series} | ${f2(t.precision, t.series)} | ${f2(t.recall, t.series)} | ` +
        `${f2(t.f1, t.series)} | ${f2(t.cover, t.series)} | ${pct(t.noChangeAlerts, t.noChange)} | ` +
        `${pct(t.noChangeAny, t.noChange)} | ${pct(t.bigStepsFound, t.bigSteps)} |`,
    );
  }
console.log(lines.join('\n'));
console.log();
for (const name of ['E-divisive + STL', 'E-divisive, no STL']) {
  const t = tallies[name]!.get('all')!;
  console.log(
    `${name}: false alarms on seasonal (amplitude ≥ 5%) no-change series: ` +
      `${pct(t.seasonalNoChangeAny, t.seasonalNoChange)} of ${t.seasonalNoChange}`,
  );
}
for (const [name, times] of Object.entries(timings)) {
  const sorted = [...times].sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  console.log(
    `${name}: ${count} series in ${(total / 1000).toFixed(2)} s; per series median ` +
      `${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
  );
}
const long = syntheticSeries({ n: 100_000, cv: 0.03, changes: 3, seed: 42 });
for (const [name, options] of [
  ['E-divisive + STL', {}],
  ['E-divisive, no STL', { seasonal: false }],
] as const) {
  const t0 = performance.now();
  const { findings } = detectChangePoints(long.values, {
    timestampsMs: long.timestampsMs,
    ...options,
  });
  console.log(
    `${name}: one 100,000-point series in ${((performance.now() - t0) / 1000).toFixed(2)} s ` +
      `(${findings.length} findings; ${long.changes.length} injected)`,
  );
}

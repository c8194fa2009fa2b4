// The synthetic change-point set of issue 11, seeded so every run sees the same series: daily
// series with weekly seasonality, multiplicative heavy-tailed noise, isolated spikes, and
// injected level changes (steps, ramps, steps that also change the noise) with known locations.

import { mulberry32 } from '../src/stats/random.js';

/** The seeded generator of src/stats/random.ts, for the tests that build series from this set. */
export { mulberry32 };

/** A standard normal draw (Box–Muller) from a uniform generator. */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Student's t with 3 degrees of freedom, scaled to unit variance: heavy-tailed noise. */
function heavyTailed(rand: () => number): number {
  let chi2 = 0;
  for (let i = 0; i < 3; i++) chi2 += normal(rand) ** 2;
  return normal(rand) / Math.sqrt(chi2 / 3) / Math.sqrt(3);
}

export type ChangeShape = 'step' | 'ramp' | 'variance';

export interface InjectedChange {
  /** True change-point location: the first point of the new level (a ramp's middle). */
  index: number;
  /** Size of the level change in percent (+ slower, − faster). */
  sizePct: number;
  shape: ChangeShape;
}

export interface SyntheticSeries {
  values: number[];
  timestampsMs: number[];
  changes: InjectedChange[];
  /** Noise coefficient of variation before any variance change (0.02 = 2%). */
  cv: number;
  /** Weekly seasonal amplitude as a fraction of the level. */
  seasonalAmplitude: number;
}

export interface SeriesSpec {
  n: number;
  cv: number;
  /** Number of changes to inject (0–3). */
  changes: number;
  seed: number;
  /** Probability that a point is an isolated spike (a slow outlier run). */
  spikeRate?: number;
}

const DAY_MS = 86_400_000;
/** Noise levels reported separately in the evaluation. */
export const CV_LEVELS = [0.02, 0.03, 0.05, 0.075, 0.1] as const;

/** Change locations at least `gap` apart and from both ends. */
function locations(rand: () => number, n: number, count: number, gap: number): number[] {
  for (;;) {
    const xs = Array.from({ length: count }, () => gap + Math.floor(rand() * (n - 2 * gap)));
    xs.sort((a, b) => a - b);
    if (xs.every((x, i) => i === 0 || x - (xs[i - 1] as number) >= gap)) return xs;
  }
}

/** One synthetic daily series. */
export function syntheticSeries(spec: SeriesSpec): SyntheticSeries {
  const rand = mulberry32(spec.seed);
  const level = 10 ** (rand() * 3);
  const amplitude = rand() * 0.2;
  const profile = Array.from({ length: 7 }, () => normal(rand));
  const mean = profile.reduce((a, b) => a + b, 0) / 7;
  const peak = Math.max(...profile.map((p) => Math.abs(p - mean)));
  const weekly = profile.map((p) => (p - mean) / peak);
  const at = locations(rand, spec.n, spec.changes, 30);
  const changes: InjectedChange[] = at.map((index) => {
    const size = (0.03 + rand() * 0.27) * (rand() < 0.5 ? 1 : -1);
    const u = rand();
    const shape: ChangeShape = u < 0.7 ? 'step' : u < 0.85 ? 'ramp' : 'variance';
    return { index, sizePct: size * 100, shape };
  });
  const rampLength = changes.map(() => 5 + Math.floor(rand() * 6));
  const noiseFactor = changes.map(() => 1.5 + rand() * 1.5);
  const spikeRate = spec.spikeRate ?? 0.01;
  const values: number[] = [];
  const timestampsMs: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let t = 0; t < spec.n; t++) {
    let logLevel = Math.log(level);
    let cv = spec.cv;
    changes.forEach((c, k) => {
      const step = Math.log1p(c.sizePct / 100);
      if (c.shape === 'ramp') {
        const len = rampLength[k] as number;
        const from = c.index - Math.floor(len / 2);
        logLevel += step * Math.min(1, Math.max(0, (t - from + 1) / (len + 1)));
      } else if (t >= c.index) {
        logLevel += step;
        if (c.shape === 'variance') cv *= noiseFactor[k] as number;
      }
    });
    let v =
      Math.exp(logLevel + cv * heavyTailed(rand)) * (1 + amplitude * (weekly[t % 7] as number));
    if (rand() < spikeRate) v *= 1.3 + rand() * 1.2;
    values.push(v);
    timestampsMs.push(start + t * DAY_MS);
  }
  return { values, timestampsMs, changes, cv: spec.cv, seasonalAmplitude: amplitude };
}

/** The evaluation set: count series of n points; a quarter without change, CV levels in turn. */
export function syntheticSet(count = 1000, n = 365, seed = 20261130): SyntheticSeries[] {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, (_, i) =>
    syntheticSeries({
      n,
      cv: CV_LEVELS[i % CV_LEVELS.length] as number,
      changes: i % 4 === 0 ? 0 : 1 + Math.floor(rand() * 3),
      seed: Math.floor(rand() * 2 ** 32),
    }),
  );
}

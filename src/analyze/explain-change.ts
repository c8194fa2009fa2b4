// Why a series changed level: the environment fields that differ between the runs before a
// change point and the runs after it, ranked as likely causes. A field that changed exactly at
// the change point (between the last run before and the first run after) ranks above one that
// changed near it, which ranks above one that differs between the segments but changed
// elsewhere; within a rank, numeric fields by the size of their change. Pure.

import type { RunRecord } from '../record/run-record.js';

/** One run's environment as flat fields (`go.version`, `storage.GOCACHE`, ...). */
export type EnvSnapshot = Record<string, string | number | null>;

/** Extra figures known for a run: the canary's speed factor, `analyze build` headline figures. */
export interface SnapshotExtras {
  /** The drift canary's machine-speed factor (larger: slower), when the run has one. */
  canarySpeed?: number | null;
  /** Headline figures of the nearest earlier `analyze build` (cache hit rate, compile times). */
  build?: Record<string, number | string | null>;
}

/** Go environment variables that change how the go command builds. */
const GO_ENV_KEYS = [
  'GOFLAGS',
  'GOAMD64',
  'GOARM64',
  'CGO_ENABLED',
  'GOEXPERIMENT',
  'GOGC',
  'GODEBUG',
  'GOTOOLCHAIN',
  'GOROOT',
];

/** The fields of a run's fingerprint and configuration that can explain a change. */
export function envSnapshot(run: RunRecord, extras: SnapshotExtras = {}): EnvSnapshot {
  const f = run.fingerprint;
  const s: EnvSnapshot = {
    'go.version': f.go.version,
    'os.kernel': f.os.release,
    'cpu.model': f.cpu.model,
    'cpu.governor': f.cpu.governor,
    'cgroup.cpuQuotaCores': f.cgroup.cpuQuotaCores,
    'cgroup.memoryLimitBytes': f.cgroup.memoryLimitBytes,
    'memory.totalBytes': f.memory.totalBytes,
    'load.loadAvg1': f.load.loadAvg1,
  };
  for (const key of GO_ENV_KEYS) s[`go.env.${key}`] = f.go.env[key] ?? null;
  for (const [key, value] of Object.entries(run.config.userEnv)) s[`env.${key}`] = value;
  for (const place of f.storage ?? []) {
    s[`storage.${place.name}`] =
      `${place.fsType ?? '?'} on ${place.block?.kind ?? place.source ?? '?'} (${place.mountPoint ?? '?'})`;
  }
  if (f.memoryBandwidth) s['memoryBandwidth.copyGBps'] = f.memoryBandwidth.copyGBps;
  const t = f.topology;
  if (t) {
    s['topology.logicalCpus'] = t.logicalCpus;
    s['topology.affinityCpus'] = t.affinityCpus;
    s['topology.cgroupQuota'] = t.cgroup.effectiveQuotaCpus;
    s['topology.cpuset'] = t.cgroup.cpuset ? t.cgroup.cpuset.join(',') : null;
    s['topology.goDefaultGomaxprocs'] = t.goDefaultGomaxprocs;
  }
  if (extras.canarySpeed !== undefined) s['canary.speed'] = extras.canarySpeed;
  for (const [key, value] of Object.entries(extras.build ?? {})) s[`build.${key}`] = value;
  return s;
}

/** Numeric fields that drift a little anyway: a change below this fraction is not a cause. */
const NUMERIC_TOLERANCE: Record<string, number> = {
  'load.loadAvg1': 0.5,
  'memoryBandwidth.copyGBps': 0.05,
  'canary.speed': 0.03,
};
const DEFAULT_NUMERIC_TOLERANCE = 0.05;

export type CauseRank = 'at-change' | 'near-change' | 'elsewhere';

export interface Cause {
  field: string;
  /** The value most runs before had, and after (numbers: the median). */
  before: string | number | null;
  after: string | number | null;
  rank: CauseRank;
  /** For numbers: relative change of the median, e.g. 0.12; null for text. */
  change: number | null;
}

const RANK_ORDER: Record<CauseRank, number> = { 'at-change': 0, 'near-change': 1, elsewhere: 2 };

function mode(values: readonly (string | number | null)[]): string | number | null {
  const counts = new Map<string | number | null, number>();
  let best: string | number | null = null;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function medianOf(values: number[]): number {
  const a = [...values].sort((x, y) => x - y);
  const mid = Math.floor(a.length / 2);
  return a.length % 2 ? (a[mid] as number) : ((a[mid - 1] as number) + (a[mid] as number)) / 2;
}

/** True when two values of a field differ beyond its tolerance. */
function differs(field: string, a: string | number | null, b: string | number | null): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    const tol = NUMERIC_TOLERANCE[field] ?? DEFAULT_NUMERIC_TOLERANCE;
    const base = Math.max(Math.abs(a), Math.abs(b));
    return base > 0 && Math.abs(a - b) / base > tol;
  }
  return a !== b;
}

/**
 * Likely causes of the change at `index` (first point at the new level) of a series whose runs
 * have the environments `snapshots` (series order); the segments are bounded by the
 * neighbouring change points `from` (inclusive) and `to` (exclusive), default the whole series.
 */
export function explainChange(
  snapshots: readonly EnvSnapshot[],
  index: number,
  from = 0,
  to = snapshots.length,
  nearWithin = 2,
): Cause[] {
  const before = snapshots.slice(from, index);
  const after = snapshots.slice(index, to);
  if (before.length === 0 || after.length === 0) return [];
  const fields = new Set<string>();
  for (const s of [...before, ...after]) for (const k of Object.keys(s)) fields.add(k);
  const causes: Cause[] = [];
  for (const field of fields) {
    const b = before.map((s) => s[field] ?? null);
    const a = after.map((s) => s[field] ?? null);
    const numeric = [...b, ...a].every((v) => v === null || typeof v === 'number');
    let vb: string | number | null;
    let va: string | number | null;
    if (numeric) {
      const nb = b.filter((v): v is number => v !== null);
      const na = a.filter((v): v is number => v !== null);
      vb = nb.length ? medianOf(nb) : null;
      va = na.length ? medianOf(na) : null;
    } else {
      vb = mode(b);
      va = mode(a);
    }
    if (!differs(field, vb, va)) continue;
    // Where did the field itself change? The step nearest to the change point decides the rank.
    const all = snapshots.slice(from, to).map((s) => s[field] ?? null);
    let nearest = Infinity;
    for (let i = 1; i < all.length; i++) {
      if (differs(field, all[i - 1] ?? null, all[i] ?? null)) {
        nearest = Math.min(nearest, Math.abs(from + i - index));
      }
    }
    const rank: CauseRank =
      nearest === 0 ? 'at-change' : nearest <= nearWithin ? 'near-change' : 'elsewhere';
    const change =
      typeof vb === 'number' && typeof va === 'number' && vb !== 0 ? va / vb - 1 : null;
    causes.push({ field, before: vb, after: va, rank, change });
  }
  return causes.sort(
    (x, y) =>
      RANK_ORDER[x.rank] - RANK_ORDER[y.rank] ||
      Math.abs(y.change ?? 1) - Math.abs(x.change ?? 1) ||
      x.field.localeCompare(y.field),
  );
}

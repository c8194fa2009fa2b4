// Analysis of a parsed build action graph as a whole: the critical path (the chain of dependent
// actions with the largest summed duration) and the figures `analyze build` and `analyze cache`
// report (build-actions.ts classifies and times the single actions). Pure: actions in, figures
// out; durations in ns.
import { ActionGraphParseError, type BuildAction } from '../parse/actiongraph.js';
import {
  actionDurationNs,
  cacheStats,
  graphEndNs,
  graphStartNs,
  modeSummaries,
  slowestCompiles,
  timeline,
  type CacheStats,
  type ModeSummary,
  type TimelineEntry,
} from './build-actions.js';

/** The chain of dependent actions with the largest summed duration, ending at the root. */
export interface CriticalPath {
  /** ID of the root action the path ends at. */
  rootId: number;
  /** From the first action (a leaf) to the root. */
  steps: TimelineEntry[];
  /** Sum of the steps' TimeDone - TimeStart, in ns: a lower bound of the build's wall time. */
  totalNs: number;
}

/** Checks that IDs are unique and every dependency exists; returns the actions by ID. */
function indexGraph(actions: readonly BuildAction[]): Map<number, BuildAction> {
  const byId = new Map<number, BuildAction>();
  for (const a of actions) {
    if (byId.has(a.id)) throw new ActionGraphParseError(`duplicate action ID ${a.id}`);
    byId.set(a.id, a);
  }
  for (const a of actions) {
    for (const d of a.deps) {
      if (!byId.has(d)) throw new ActionGraphParseError(`action ${a.id} depends on unknown ${d}`);
    }
  }
  return byId;
}

/**
 * The root of the graph: the go command writes it first (ID 0) and nothing depends on it.
 * Falls back to the action nothing depends on with the longest path when ID 0 is not a root.
 */
function rootCandidates(actions: readonly BuildAction[]): BuildAction[] {
  const depended = new Set(actions.flatMap((a) => a.deps));
  const roots = actions.filter((a) => !depended.has(a.id));
  const zero = roots.find((a) => a.id === 0);
  return zero ? [zero] : roots;
}

/**
 * The critical path: the chain of actions, each depending on the previous, ending at the root
 * action, whose summed TimeDone - TimeStart is largest. No build can finish sooner than this
 * chain, however many workers it has. Throws ActionGraphParseError for an empty graph, unknown
 * dependencies or a dependency cycle.
 */
export function criticalPath(actions: readonly BuildAction[]): CriticalPath {
  if (actions.length === 0) throw new ActionGraphParseError('no actions');
  const byId = indexGraph(actions);
  // Longest path ending at each action, computed in dependency order (Kahn's algorithm).
  const pending = new Map<number, number>();
  const dependents = new Map<number, number[]>();
  for (const a of actions) {
    const deps = new Set(a.deps);
    pending.set(a.id, deps.size);
    for (const d of deps) {
      const list = dependents.get(d);
      if (list) list.push(a.id);
      else dependents.set(d, [a.id]);
    }
  }
  const best = new Map<number, { total: number; via: number | null }>();
  const queue = actions.filter((a) => pending.get(a.id) === 0).map((a) => a.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as number;
    const a = byId.get(id) as BuildAction;
    let via: number | null = null;
    let viaTotal = 0;
    for (const d of a.deps) {
      const t = (best.get(d) as { total: number }).total;
      const dep = byId.get(d) as BuildAction;
      const current = via === null ? null : (byId.get(via) as BuildAction);
      // Ties go to the dependency that finished last: it is the one the action waited for.
      if (
        via === null ||
        t > viaTotal ||
        (t === viaTotal && (dep.timeDoneNs ?? 0n) > (current?.timeDoneNs ?? 0n))
      ) {
        via = d;
        viaTotal = t;
      }
    }
    best.set(id, { total: viaTotal + actionDurationNs(a), via });
    for (const next of dependents.get(id) ?? []) {
      const left = (pending.get(next) as number) - 1;
      pending.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  if (best.size !== actions.length) throw new ActionGraphParseError('dependency cycle');
  const roots = rootCandidates(actions);
  let root = roots[0] as BuildAction;
  for (const r of roots) {
    if ((best.get(r.id)?.total ?? 0) > (best.get(root.id)?.total ?? 0)) root = r;
  }
  const entries = new Map(timeline(actions).map((t) => [t.id, t]));
  const steps: TimelineEntry[] = [];
  for (let id: number | null = root.id; id !== null; id = best.get(id)?.via ?? null) {
    steps.push(entries.get(id) as TimelineEntry);
  }
  steps.reverse();
  return { rootId: root.id, steps, totalNs: best.get(root.id)?.total ?? 0 };
}

/** One row of the critical path as shown: a package's cache check and build merged. */
export interface PathRow {
  /** The package, or the mode and package of an action that is not a package build. */
  label: string;
  /** Start of the first merged step (the cache check, if any), ns after the graph's start. */
  startOffsetNs: number | null;
  /** Start of the action itself, ns after the graph's start. */
  actionStartOffsetNs: number | null;
  /** The "build check cache" step just before this build, in ns; null when there is none. */
  checkNs: number | null;
  /** TimeDone - TimeStart of the action itself, in ns. */
  durationNs: number;
  /** Time ready but waiting for a worker, summed over the merged steps, in ns. */
  waitNs: number | null;
  outcome: TimelineEntry['outcome'];
}

/** The critical path's steps with each "build check cache P" merged into the "build P" after it. */
export function criticalPathRows(steps: readonly TimelineEntry[]): PathRow[] {
  const rows: PathRow[] = [];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i] as TimelineEntry;
    const next = steps[i + 1];
    if (s.mode === 'build check cache' && next?.mode === 'build' && next.package === s.package) {
      rows.push({
        label: s.package,
        startOffsetNs: s.startOffsetNs,
        actionStartOffsetNs: next.startOffsetNs,
        checkNs: s.durationNs,
        durationNs: next.durationNs,
        waitNs:
          s.waitNs === null && next.waitNs === null ? null : (s.waitNs ?? 0) + (next.waitNs ?? 0),
        outcome: next.outcome,
      });
      i++;
      continue;
    }
    rows.push({
      label: s.mode === 'build' ? s.package : `${s.mode}${s.package ? ` ${s.package}` : ''}`,
      startOffsetNs: s.startOffsetNs,
      actionStartOffsetNs: s.startOffsetNs,
      checkNs: null,
      durationNs: s.durationNs,
      waitNs: s.waitNs,
      outcome: s.outcome,
    });
  }
  return rows;
}

/** Everything `analyze build` and `analyze cache` report about one action graph. */
export interface BuildGraphAnalysis {
  actions: number;
  /** The graph's first TimeReady/TimeStart as RFC 3339 with ns; null if nothing ran. */
  startedAt: string | null;
  /** From the first action ready to the last one done, in ns (the build minus load and exit). */
  spanNs: number;
  /** Sum of all actions' TimeDone - TimeStart, in ns. */
  busyNs: number;
  /** busyNs / spanNs: the average number of actions running at once; null for a zero span. */
  parallelism: number | null;
  cache: CacheStats;
  modes: ModeSummary[];
  /** The slowest compile actions that ran, longest first. */
  slowest: TimelineEntry[];
  criticalPath: CriticalPath;
  /** Every action, in the graph's order. */
  timeline: TimelineEntry[];
}

/** Formats ns since the epoch as RFC 3339 in UTC with nanoseconds. */
export function formatRfc3339Ns(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const iso = new Date(Number(ms)).toISOString(); // ...T06:55:04.419Z
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

/** Analyzes a parsed action graph; `top` is how many of the slowest compiles to keep. */
export function analyzeBuildGraph(actions: readonly BuildAction[], top = 10): BuildGraphAnalysis {
  const path = criticalPath(actions);
  const start = graphStartNs(actions);
  const end = graphEndNs(actions);
  const spanNs = start === null || end === null ? 0 : Math.max(0, Number(end - start));
  const busyNs = actions.reduce((sum, a) => sum + actionDurationNs(a), 0);
  return {
    actions: actions.length,
    startedAt: start === null ? null : formatRfc3339Ns(start),
    spanNs,
    busyNs,
    parallelism: spanNs === 0 ? null : busyNs / spanNs,
    cache: cacheStats(actions),
    modes: modeSummaries(actions),
    slowest: slowestCompiles(actions, top),
    criticalPath: path,
    timeline: timeline(actions),
  };
}

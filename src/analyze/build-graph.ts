// Analysis of a parsed build action graph (see actiongraph.ts): which compile actions ran and
// which were served from the build cache, time per action, the slowest compiles and the
// critical path. Pure: actions in, figures out. All durations are nanoseconds (numbers);
// offsets are nanoseconds since the graph's first action became ready.
//
// What counts as a compile action, and as a cache hit (from cmd/go/internal/work, Go 1.26):
// - A compile action is an action of mode "build" with NeedBuild set: the go command wants the
//   package's compiled archive. (NeedBuild is recorded when the graph is planned, before the
//   cache is consulted, so it is true for cached packages too; mode "build" without NeedBuild
//   only prepares vet input. `unsafe` has mode "built-in package" and is never compiled.)
// - Since Go 1.26 each build action depends on a "build check cache" action that looks up
//   the package's action ID in GOCACHE; on a hit the build action returns without running a
//   tool. Every tool the go command runs for an action is appended to its Cmd (compile, asm,
//   pack, ...), so Cmd is null exactly when nothing ran: a cache hit. Earlier releases look up
//   the cache inside the build action itself, with the same effect on Cmd.
// - Failed actions (and actions skipped because a dependency failed) are neither.
// - Link actions are counted apart: `go build` does not cache executables, it links each time.
import { ActionGraphParseError, type BuildAction } from '../parse/actiongraph.js';

/** What became of a compile action. */
export type CompileOutcome = 'ran' | 'cached' | 'failed' | 'not-started';

/** True for an action that compiles a package (mode "build" with NeedBuild). */
export function isCompileAction(a: BuildAction): boolean {
  return a.mode === 'build' && a.needBuild;
}

/** The outcome of a compile action (see the file comment for the rules). */
export function compileOutcome(a: BuildAction): CompileOutcome {
  if (a.failed) return 'failed';
  if (a.cmd !== null && a.cmd.length > 0) return 'ran';
  // An interrupted build writes the graph without times: such actions never started.
  if (a.timeStartNs === null || a.timeDoneNs === null) return 'not-started';
  return 'cached';
}

/** Time the go command spent on an action, TimeDone - TimeStart in ns; 0 if it did not run. */
export function actionDurationNs(a: BuildAction): number {
  if (a.timeStartNs === null || a.timeDoneNs === null) return 0;
  return Math.max(0, Number(a.timeDoneNs - a.timeStartNs));
}

/** Compile actions by outcome. */
export interface CacheStats {
  /** Compile actions (mode "build" with NeedBuild) in the graph. */
  compileActions: number;
  /** Compile actions that ran at least one tool (a cache miss). */
  ran: number;
  /** Compile actions served from the build cache: no tool ran (a cache hit). */
  cached: number;
  failed: number;
  notStarted: number;
  /** cached / (cached + ran), a fraction in [0, 1]; null when no compile action completed. */
  hitRate: number | null;
  /** Import paths of the packages that were compiled, sorted. */
  ranPackages: string[];
  /** Import paths of the packages served from the cache, sorted. */
  cachedPackages: string[];
  /** Time spent in "build check cache" actions (cache lookups, Go 1.26+), summed, in ns. */
  cacheCheckNs: number;
  /** Number of "build check cache" actions. */
  cacheChecks: number;
  /** Link actions (go build links every time; it does not cache executables). */
  links: number;
  /** Link actions that ran the linker. */
  linksRan: number;
}

/** Counts compile actions by outcome; see the file comment for the definitions. */
export function cacheStats(actions: readonly BuildAction[]): CacheStats {
  const ran: string[] = [];
  const cached: string[] = [];
  let failed = 0;
  let notStarted = 0;
  let cacheCheckNs = 0;
  let cacheChecks = 0;
  let links = 0;
  let linksRan = 0;
  for (const a of actions) {
    if (a.mode === 'build check cache') {
      cacheChecks += 1;
      cacheCheckNs += actionDurationNs(a);
    }
    if (a.mode === 'link') {
      links += 1;
      if (a.cmd !== null && a.cmd.length > 0) linksRan += 1;
    }
    if (!isCompileAction(a)) continue;
    const outcome = compileOutcome(a);
    if (outcome === 'ran') ran.push(a.package);
    else if (outcome === 'cached') cached.push(a.package);
    else if (outcome === 'failed') failed += 1;
    else notStarted += 1;
  }
  const done = ran.length + cached.length;
  return {
    compileActions: ran.length + cached.length + failed + notStarted,
    ran: ran.length,
    cached: cached.length,
    failed,
    notStarted,
    hitRate: done === 0 ? null : cached.length / done,
    ranPackages: ran.sort(),
    cachedPackages: cached.sort(),
    cacheCheckNs,
    cacheChecks,
    links,
    linksRan,
  };
}

/** One action on the build's time line. */
export interface TimelineEntry {
  id: number;
  mode: string;
  package: string;
  /** For compile actions, whether it ran or came from the cache; null for other modes. */
  outcome: CompileOutcome | null;
  /** When all its dependencies were done, ns after the graph's start; null if never. */
  readyOffsetNs: number | null;
  /** When a worker started it, ns after the graph's start; null if it never started. */
  startOffsetNs: number | null;
  /** TimeDone - TimeStart in ns (0 if it did not run). */
  durationNs: number;
  /** Ready but waiting for a free worker (TimeStart - TimeReady), in ns; null if unknown. */
  waitNs: number | null;
  /** Summed wall, user and system time of the tools it ran (Go 1.26+), in ns; null if none. */
  cmdRealNs: number | null;
  cmdUserNs: number | null;
  cmdSysNs: number | null;
  /** Number of tool invocations (compile, asm, pack, link...). */
  commands: number;
}

/** The earliest TimeReady or TimeStart of the graph (its time origin), or null if none ran. */
export function graphStartNs(actions: readonly BuildAction[]): bigint | null {
  let start: bigint | null = null;
  for (const a of actions) {
    for (const t of [a.timeReadyNs, a.timeStartNs]) {
      if (t !== null && (start === null || t < start)) start = t;
    }
  }
  return start;
}

/** The latest TimeDone of the graph, or null if none ran. */
export function graphEndNs(actions: readonly BuildAction[]): bigint | null {
  let end: bigint | null = null;
  for (const a of actions) {
    if (a.timeDoneNs !== null && (end === null || a.timeDoneNs > end)) end = a.timeDoneNs;
  }
  return end;
}

/** Every action with times relative to the graph's start, in the graph's order. */
export function timeline(actions: readonly BuildAction[]): TimelineEntry[] {
  const origin = graphStartNs(actions) ?? 0n;
  const offset = (t: bigint | null): number | null => (t === null ? null : Number(t - origin));
  return actions.map((a) => ({
    id: a.id,
    mode: a.mode,
    package: a.package,
    outcome: isCompileAction(a) ? compileOutcome(a) : null,
    readyOffsetNs: offset(a.timeReadyNs),
    startOffsetNs: offset(a.timeStartNs),
    durationNs: actionDurationNs(a),
    waitNs:
      a.timeReadyNs === null || a.timeStartNs === null
        ? null
        : Math.max(0, Number(a.timeStartNs - a.timeReadyNs)),
    cmdRealNs: a.cmdRealNs,
    cmdUserNs: a.cmdUserNs,
    cmdSysNs: a.cmdSysNs,
    commands: a.cmd?.length ?? 0,
  }));
}

/** Time per action mode. */
export interface ModeSummary {
  mode: string;
  actions: number;
  /** Actions that ran at least one tool. */
  ran: number;
  /** Sum of TimeDone - TimeStart over the mode's actions, in ns. */
  totalNs: number;
  /** Largest TimeDone - TimeStart, in ns. */
  maxNs: number;
  /** Sum of the tools' wall time (CmdReal), in ns; 0 when none ran or before Go 1.26. */
  cmdRealNs: number;
  /** Sum of the tools' user + system CPU time (CmdUser + CmdSys), in ns. */
  cmdCpuNs: number;
}

/** Time per action mode, the most expensive mode first. */
export function modeSummaries(actions: readonly BuildAction[]): ModeSummary[] {
  const byMode = new Map<string, ModeSummary>();
  for (const a of actions) {
    let m = byMode.get(a.mode);
    if (!m) {
      m = { mode: a.mode, actions: 0, ran: 0, totalNs: 0, maxNs: 0, cmdRealNs: 0, cmdCpuNs: 0 };
      byMode.set(a.mode, m);
    }
    const d = actionDurationNs(a);
    m.actions += 1;
    if (a.cmd !== null && a.cmd.length > 0) m.ran += 1;
    m.totalNs += d;
    m.maxNs = Math.max(m.maxNs, d);
    m.cmdRealNs += a.cmdRealNs ?? 0;
    m.cmdCpuNs += (a.cmdUserNs ?? 0) + (a.cmdSysNs ?? 0);
  }
  return [...byMode.values()].sort((x, y) => y.totalNs - x.totalNs || x.mode.localeCompare(y.mode));
}

/** The `n` compile actions that ran longest (TimeDone - TimeStart), longest first. */
export function slowestCompiles(actions: readonly BuildAction[], n: number): TimelineEntry[] {
  const ids = new Set(
    actions.filter((a) => isCompileAction(a) && compileOutcome(a) === 'ran').map((a) => a.id),
  );
  return timeline(actions)
    .filter((t) => ids.has(t.id))
    .sort((x, y) => y.durationNs - x.durationNs || x.id - y.id)
    .slice(0, Math.max(0, n));
}

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

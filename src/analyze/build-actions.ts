// The actions of a parsed build action graph (parse/actiongraph.ts) one by one: which compile
// actions ran and which were served from the build cache, time per action and per mode, the
// time line and the slowest compiles. Pure: actions in, figures out. All durations are
// nanoseconds (numbers); offsets are nanoseconds since the graph's first action became ready.
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
import type { BuildAction } from '../parse/actiongraph.js';

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

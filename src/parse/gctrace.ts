// Parser for the Go runtime's GODEBUG=gctrace=1 lines (runtime/mgc.go, gcMarkTermination):
//   gc 3 @0.003s 4%: 0.022+2.3+0.020 ms clock, 0.045+0.058/0.031/0.065+0.040 ms cpu,
//   2->29->26 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P [(forced)]
// "stacks" and "globals" appeared in Go 1.18; older lines without them still parse.
// Pure: text in, data out.

/** One GC cycle as the runtime reported it. Times in milliseconds, sizes in MiB (as printed). */
export interface GcCycle {
  cycle: number;
  /** Seconds since program start when the cycle began. */
  atSeconds: number;
  /** Share of CPU spent in GC since program start, as an integer percent (cumulative). */
  cpuPercent: number;
  /** Wall clock: stop-the-world sweep termination, concurrent mark, stop-the-world mark termination. */
  clockMs: { sweepTermination: number; concurrentMark: number; markTermination: number };
  heapStartMiB: number;
  heapEndMiB: number;
  liveHeapMiB: number;
  goalMiB: number;
  procs: number;
  forced: boolean;
}

/** A line that starts like a gctrace line but does not have its shape. */
export class GctraceParseError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly line: string,
  ) {
    super(`malformed gctrace line ${lineNumber}: ${JSON.stringify(line.slice(0, 120))}`);
    this.name = 'GctraceParseError';
  }
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const LINE = new RegExp(
  `^gc (\\d+) @${NUM}s (\\d+)%(?: \\([^)]*\\))?: ${NUM}\\+${NUM}\\+${NUM} ms clock, ` +
    `${NUM}\\+${NUM}/${NUM}/${NUM}\\+${NUM} ms cpu, (\\d+)->(\\d+)->(\\d+) MB, (\\d+) MB goal, ` +
    `(?:(\\d+) MB stacks, (\\d+) MB globals, )?(\\d+) P( \\(forced\\))?$`,
);
// Lines that claim to be gctrace ("gc <n> @") and so must parse; other stderr output is skipped.
const CLAIMS_GCTRACE = /^gc \d+ @/;

/** Parses one gctrace line; throws GctraceParseError(lineNumber) if malformed. */
export function parseGctraceLine(line: string, lineNumber = 1): GcCycle {
  const m = LINE.exec(line.trim());
  if (!m) throw new GctraceParseError(lineNumber, line);
  const n = (i: number): number => {
    const value = Number(m[i]);
    // A number too long for a double (hundreds of digits) is damage, not a measurement.
    if (!Number.isFinite(value)) throw new GctraceParseError(lineNumber, line);
    return value;
  };
  return {
    cycle: n(1),
    atSeconds: n(2),
    cpuPercent: n(3),
    clockMs: { sweepTermination: n(4), concurrentMark: n(5), markTermination: n(6) },
    heapStartMiB: n(12),
    heapEndMiB: n(13),
    liveHeapMiB: n(14),
    goalMiB: n(15),
    procs: n(18),
    forced: m[19] !== undefined,
  };
}

/**
 * Parses every gctrace line of a program's stderr, skipping lines that are not gctrace.
 * A last line cut off without its newline is skipped too: the runtime prints a cycle's line
 * piece by piece, and a program that exits during a background cycle truncates it.
 */
export function parseGctrace(stderr: string): GcCycle[] {
  const cycles: GcCycle[] = [];
  const lines = stderr.split('\n');
  lines.forEach((line, i) => {
    if (!CLAIMS_GCTRACE.test(line)) return;
    const unterminated = i === lines.length - 1;
    if (unterminated && !LINE.test(line.trim())) return;
    cycles.push(parseGctraceLine(line, i + 1));
  });
  return cycles;
}

/** What a run's GC did, for the runtime/gc scenario. Pauses in ns, sizes in bytes. */
export interface GcSummary {
  gcCycles: number;
  /** Sum of both stop-the-world phases (sweep and mark termination) of every cycle. */
  stwPauseTotalNs: number;
  /** 99th percentile (nearest rank) over all individual stop-the-world pauses. */
  stwPauseP99Ns: number;
  /** The runtime's cumulative GC CPU share at the last cycle, percent. */
  gcCpuPercent: number;
  /** Largest heap the runtime reported at the start or end of a cycle. */
  peakHeapBytes: number;
  /** Largest heap goal of any cycle. */
  maxHeapGoalBytes: number;
}

const MiB = 1024 * 1024;
const msToNs = (ms: number): number => Math.round(ms * 1e6);

/** Summarises cycles; an empty list (the program never collected) gives zeros. */
export function summarizeGc(cycles: GcCycle[]): GcSummary {
  const pausesNs = cycles
    .flatMap((c) => [c.clockMs.sweepTermination, c.clockMs.markTermination])
    .map(msToNs)
    .sort((a, b) => a - b);
  const p99Index = Math.max(0, Math.ceil(0.99 * pausesNs.length) - 1);
  return {
    gcCycles: cycles.length,
    stwPauseTotalNs: pausesNs.reduce((a, b) => a + b, 0),
    stwPauseP99Ns: pausesNs[p99Index] ?? 0,
    gcCpuPercent: cycles.at(-1)?.cpuPercent ?? 0,
    peakHeapBytes: Math.max(0, ...cycles.map((c) => Math.max(c.heapStartMiB, c.heapEndMiB))) * MiB,
    maxHeapGoalBytes: Math.max(0, ...cycles.map((c) => c.goalMiB)) * MiB,
  };
}

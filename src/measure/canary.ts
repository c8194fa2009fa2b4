// The drift canary: small fixed workloads measured with every run, so that compare and check can
// tell a slower machine from a slower Go (docs/methodology.md, "The drift canary"). The programs
// are gobaseline's own (native/canary/main.go, native/canary-start.c), built once and kept, so the
// canary stays the same when the go being measured changes. Every sample goes through the run's
// CommandRunner, like any measured command.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CanaryRecord, CanaryResult, RunRecord } from '../record/run-record.js';
import { canarySpeed, sortedMedianCI } from '../stats/index.js';
import type { CommandRunner } from './command-runner.js';
import { buildWithGo, ensureProgram } from './own-programs.js';
import { succeeded } from './process-runner.js';

const execFileAsync = promisify(execFile);

/** Every candidate docs/benchmarks.md measured (bench/canary-drift.ts). */
export const CANARY_CANDIDATES = ['go-start', 'c-start', 'cpu', 'pingpong', 'fsmeta'] as const;
export type CanaryName = (typeof CANARY_CANDIDATES)[number];

/** What a canary does, for tables and docs. */
export const CANARY_DESCRIPTIONS: Record<CanaryName, string> = {
  'go-start': 'process start of an empty Go binary (Go runtime included)',
  'c-start': 'process start of an empty static C binary',
  cpu: 'a single-threaded integer loop (5M iterations)',
  pingpong: 'a token passed between two OS threads (300 round trips)',
  fsmeta: 'create, stat and remove 100 files in the private temp dir',
};

/**
 * The canaries every run measures: the two that followed the quick suite's start-up scenarios
 * most closely here (docs/benchmarks.md, "Drift canaries"); their geometric mean explained two
 * thirds of the drift.
 */
export const KEPT_CANARIES: readonly CanaryName[] = ['go-start', 'cpu'];

/** Samples of each kept canary per run: about half a second in all on an idle machine. */
export const CANARY_RUNS = 15;

/** The canary programs, or why one is missing. */
export interface CanaryPrograms {
  /** native/canary/main.go, built once with the first go that gobaseline met. */
  go: string | null;
  /** native/canary-start.c, built with the C compiler. */
  c: string | null;
  /** Why a program is missing, for the run's warnings. */
  missing: string[];
}

/** Builds the canary programs on first use (once per source version) and returns them. */
export async function ensureCanaryPrograms(
  goPath: string,
  userEnv: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<CanaryPrograms> {
  const cc = userEnv.CC || 'cc';
  const [go, c] = await Promise.all([
    ensureProgram(
      {
        name: 'canary',
        source: 'native/canary/main.go',
        build: buildWithGo(goPath, userEnv, signal),
        describeFailure: (why) => `could not build the canary program with ${goPath}: ${why}`,
      },
      userEnv,
    ),
    ensureProgram(
      {
        name: 'canary-start',
        source: 'native/canary-start.c',
        build: async (source, target) => {
          try {
            await execFileAsync(cc, ['-O2', '-static', '-o', target, source]);
          } catch {
            await execFileAsync(cc, ['-O2', '-o', target, source]); // no static libc here
          }
        },
        describeFailure: (why) => `could not compile the C canary with ${cc}: ${why}`,
      },
      userEnv,
    ),
  ]);
  const missing: string[] = [];
  if (go.kind === 'unavailable') missing.push(go.reason);
  if (c.kind === 'unavailable') missing.push(c.reason);
  return {
    go: go.kind === 'built' ? go.path : null,
    c: c.kind === 'built' ? c.path : null,
    missing,
  };
}

/** argv of one sample, and whether its figure is the program's own report (else the wall time). */
function canaryCommand(
  name: CanaryName,
  programs: CanaryPrograms,
  tmpDir: string,
): { argv: string[]; reported: boolean } | null {
  if (name === 'c-start') return programs.c ? { argv: [programs.c], reported: false } : null;
  if (!programs.go) return null;
  switch (name) {
    case 'go-start':
      return { argv: [programs.go], reported: false };
    case 'cpu':
      return { argv: [programs.go, 'cpu', '5000000'], reported: true };
    case 'pingpong':
      return { argv: [programs.go, 'pingpong', '300'], reported: true };
    case 'fsmeta':
      return { argv: [programs.go, 'fsmeta', '100', tmpDir], reported: true };
  }
}

/** One sample of a canary in ns, or null when it failed or its program is missing. */
export async function sampleCanary(
  runner: CommandRunner,
  programs: CanaryPrograms,
  name: CanaryName,
  tmpDir: string,
): Promise<number | null> {
  const cmd = canaryCommand(name, programs, tmpDir);
  if (!cmd) return null;
  const r = await runner.run({
    argv: cmd.argv,
    // Nothing of the user's: one P, as the canary measures the machine, not a setting.
    env: { GOMAXPROCS: name === 'pingpong' ? '2' : '1' },
    cwd: tmpDir,
    captureStdout: cmd.reported,
    label: `canary ${name}`,
  });
  if (!succeeded(r)) return null;
  if (!cmd.reported) return r.wallNs;
  const v = Number(r.stdout.trim());
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** Median, 95% CI and n of a canary's samples. Pure. */
export function canaryResult(name: string, samples: readonly number[]): CanaryResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const ci = sortedMedianCI(sorted, 0.95);
  return {
    name,
    median: ci.median,
    ciLow: Number.isFinite(ci.lo) ? ci.lo : null,
    ciHigh: Number.isFinite(ci.hi) ? ci.hi : null,
    n: sorted.length,
    samples: [...samples],
  };
}

/**
 * Samples the canaries interleaved (one sample of each per round, `runs` rounds), so that they
 * see the same moment of the machine; adds the samples to `into` (by canary name).
 */
export async function sampleCanaries(
  runner: CommandRunner,
  programs: CanaryPrograms,
  tmpDir: string,
  runs: number,
  into: Map<string, number[]>,
  names: readonly CanaryName[] = KEPT_CANARIES,
): Promise<void> {
  for (let i = 0; i < runs && !runner.signal.aborted; i++) {
    for (const name of names) {
      const v = await sampleCanary(runner, programs, name, tmpDir);
      if (v === null) continue;
      const xs = into.get(name) ?? [];
      xs.push(v);
      into.set(name, xs);
    }
  }
}

/** The record of the samples taken; null when no canary gave one. Pure. */
export function canaryRecord(samples: ReadonlyMap<string, readonly number[]>): CanaryRecord | null {
  const canaries = [...samples]
    .filter(([, xs]) => xs.length > 0)
    .map(([name, xs]) => canaryResult(name, xs));
  return canaries.length > 0 ? { canaries } : null;
}

/**
 * A machine-speed factor per run from its drift canary (larger: slower), or null when the run
 * has none, such as machineSpeed. Without one, `check` and `history` judge raw figures only.
 */
export type MachineSpeed = (run: RunRecord) => number | null;

/**
 * A run's machine-speed factor (stats/canary-factor.ts canarySpeed over the kept canaries), or
 * null for a run without them. What `check` and `history` divide Go's figures by. Pure.
 */
export function machineSpeed(run: RunRecord): number | null {
  return canarySpeed(run.canary?.canaries, KEPT_CANARIES);
}

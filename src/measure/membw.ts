// The memory-bandwidth program of our own (native/membw/main.go): built once with the go being
// measured, in private directories, into gobaseline's cache directory. Its `bandwidth` mode gives
// the fingerprint's copy and triad figures; its `load` mode is the background load
// (background-load.ts).
import os from 'node:os';
import type { MemoryBandwidth } from '../record/fingerprint.js';
import { buildWithGo, ensureProgram, type ProgramStatus } from './own-programs.js';
import { failureReason, runMeasured, succeeded } from './process-runner.js';

/** The bandwidth mode takes about a second; this is for a machine that is very busy. */
const BANDWIDTH_TIMEOUT_MS = 20_000;

/**
 * The membw binary, built with `goPath` on first use (a cold build, in private GOCACHE and
 * GOPATH that are removed afterwards, also on Ctrl-C).
 */
export function ensureMembw(
  goPath: string,
  userEnv: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<ProgramStatus> {
  return ensureProgram(
    {
      name: 'membw',
      source: 'native/membw/main.go',
      build: buildWithGo(goPath, userEnv, signal),
      describeFailure: (why) =>
        `could not build the memory-bandwidth program with ${goPath}: ${why}`,
    },
    userEnv,
  );
}

/** The program's environment: nothing of the user's; one P (it runs one goroutine). */
export function membwEnv(): Record<string, string> {
  return { GOMAXPROCS: '1' };
}

/** Reads the bandwidth mode's JSON line; null when it is not one. Pure. */
export function parseBandwidth(text: string): MemoryBandwidth | null {
  let v: unknown;
  try {
    v = JSON.parse(text.trim());
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { copyGBps, triadGBps } = v as Record<string, unknown>;
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
  return ok(copyGBps) && ok(triadGBps) ? { copyGBps, triadGBps } : null;
}

/**
 * The fingerprint's memory-bandwidth figure: builds the program if needed (once per version)
 * and measures; `warning` says why there is no figure.
 */
export async function fingerprintBandwidth(
  goPath: string,
  userEnv: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<{ bandwidth?: MemoryBandwidth; warning?: string }> {
  const program = await ensureMembw(goPath, userEnv, signal);
  if (program.kind === 'unavailable') return { warning: `no memory bandwidth: ${program.reason}` };
  const bw = await measureMemoryBandwidth(program.path, signal);
  return 'unavailable' in bw
    ? { warning: `no memory bandwidth: ${bw.unavailable}` }
    : { bandwidth: bw };
}

/**
 * Measures copy and triad bandwidth of one thread (about a second). Returns the figure or why
 * there is none; never throws for a program that fails.
 */
export async function measureMemoryBandwidth(
  program: string,
  signal?: AbortSignal,
): Promise<MemoryBandwidth | { unavailable: string }> {
  const r = await runMeasured(
    {
      argv: [program, 'bandwidth'],
      env: membwEnv(),
      cwd: os.tmpdir(),
      timeoutMs: BANDWIDTH_TIMEOUT_MS,
      signal,
      captureStdout: true,
    },
    null,
  );
  if (!succeeded(r)) return { unavailable: `the bandwidth probe failed: ${failureReason(r)}` };
  return parseBandwidth(r.stdout) ?? { unavailable: 'the bandwidth probe printed no figures' };
}

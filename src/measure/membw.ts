// The memory-bandwidth program of our own (native/membw/main.go): built once with the go being
// measured, in private directories, into gobaseline's cache directory. Its `bandwidth` mode gives
// the fingerprint's copy and triad figures; its `load` mode is the background load
// (background-load.ts).
import os from 'node:os';
import path from 'node:path';
import type { MemoryBandwidth } from '../record/fingerprint.js';
import {
  BANDWIDTH_CACHE_FILE,
  readCachedBandwidth,
  writeCachedBandwidth,
} from './bandwidth-cache.js';
import { buildWithGo, cacheDir, ensureProgram, type ProgramStatus } from './own-programs.js';
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

/** Where the fingerprint's figure may come from. */
export interface BandwidthSource {
  /** machineHash of the run's fingerprint. */
  machine: string;
  /** The kernel's boot id; null (no cache) where there is none. */
  bootId: string | null;
  /** Measure even when a cached figure holds (load=N, --fresh-bandwidth). */
  fresh: boolean;
  /**
   * The machine is busy (load.busy): a figure measured now is this run's, not kept for others
   * (on this VM one measured at load 13 was a third of the idle figure).
   */
  busy?: boolean;
}

/**
 * The fingerprint's memory-bandwidth figure: builds the program if needed (once per version),
 * then the cached figure (bandwidth-cache.ts) unless `fresh`, else a measurement, which is cached
 * for later runs unless the machine is busy; `warning` says why there is no figure.
 */
export async function fingerprintBandwidth(
  goPath: string,
  userEnv: NodeJS.ProcessEnv,
  source: BandwidthSource,
  signal?: AbortSignal,
): Promise<{ bandwidth?: MemoryBandwidth; warning?: string }> {
  const program = await ensureMembw(goPath, userEnv, signal);
  if (program.kind === 'unavailable') return { warning: `no memory bandwidth: ${program.reason}` };
  const file = path.join(cacheDir(userEnv), BANDWIDTH_CACHE_FILE);
  const key = source.bootId
    ? { machine: source.machine, bootId: source.bootId, program: path.basename(program.path) }
    : null;
  if (key && !source.fresh) {
    const cached = await readCachedBandwidth(file, key);
    if (cached) return { bandwidth: cached };
  }
  const measuredAt = new Date().toISOString();
  const bw = await measureMemoryBandwidth(program.path, signal);
  if ('unavailable' in bw) return { warning: `no memory bandwidth: ${bw.unavailable}` };
  const measured = { ...bw, measuredAt };
  if (key && !source.busy) await writeCachedBandwidth(file, key, measured);
  return { bandwidth: measured };
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

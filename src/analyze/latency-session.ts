// `analyze latency`'s session: which directories to probe (GOROOT, the temp dir, the user's
// GOCACHE and GOMODCACHE locations, --dir), which engines, and the report of the measured
// latencies (measure/io-latency.ts measures).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';
import { withContext, type MeasureContext } from '../measure/context.js';
import { probeLatency, type LatencyTarget } from '../measure/io-latency.js';
import { fioVersion } from '../measure/latency-fio.js';
import type { LatencyEngine } from '../measure/latency-measurement.js';
import {
  findOnPath,
  readGoEnvFile,
  readMounts,
  userGoCacheDir,
  userGoModCacheDir,
} from '../probe/index.js';
import {
  LATENCY_REPORT_SCHEMA,
  REFERENCE_LATENCIES,
  type LatencyReport,
} from './latency-report.js';

/** --engine: fio, the built-in probe, both, or fio when installed. */
export type LatencyEngineChoice = 'auto' | 'builtin' | 'fio' | 'both';

/** What `analyze latency` is asked for (its command-line options). */
export interface LatencySessionOptions {
  engine: LatencyEngineChoice;
  reads: number;
  fileSize: number;
  dir?: string[];
  /** false with --no-direct. */
  direct: boolean;
  go?: string;
}

/** The engines to run for --engine: `auto` is fio when installed, else the built-in probe. */
export function chooseEngines(
  choice: LatencyEngineChoice,
  fioPath: string | null,
): LatencyEngine[] {
  if (choice === 'both') return ['builtin', 'fio'];
  if (choice === 'builtin') return ['builtin'];
  if (choice === 'fio') {
    if (!fioPath)
      throw new EnvironmentError('fio is not installed (Debian: apt-get install -y fio)');
    return ['fio'];
  }
  return fioPath ? ['fio'] : ['builtin'];
}

/** fio reads a few thousand blocks; a minute or two even on a slow network disk. */
const FIO_TIMEOUT_MS = 120_000;

/** The --dir directories (absolute), checked before anything is measured. */
async function userDirs(dirs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const d of dirs) {
    const abs = path.resolve(d);
    try {
      if (!(await fs.stat(abs)).isDirectory()) throw new Error('not a directory');
    } catch (err) {
      throw new UsageError(`--dir ${d}: ${(err as Error).message}`);
    }
    out.push(abs);
  }
  return out;
}

/**
 * Measures 4 KiB random-read latency on the filesystems of GOROOT, the temp dir, the user's
 * GOCACHE and GOMODCACHE locations and any --dir, with the chosen engines.
 */
export async function measureLatency(
  opts: LatencySessionOptions,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<LatencyReport> {
  const fioPath = findOnPath('fio', process.env.PATH);
  const chosen = chooseEngines(opts.engine, fioPath);
  const extraDirs = await userDirs(opts.dir ?? []);
  return withContext(
    { go: opts.go, userEnv: process.env, overrides: {}, timeoutMs: FIO_TIMEOUT_MS, signal },
    (ctx) => probeIn(ctx, opts, chosen, fioPath, extraDirs, say),
  );
}

async function probeIn(
  ctx: MeasureContext,
  opts: LatencySessionOptions,
  chosen: LatencyEngine[],
  fioPath: string | null,
  extraDirs: string[],
  say: (line: string) => void,
): Promise<LatencyReport> {
  const goroot = ctx.go.env.GOROOT ?? '';
  if (!goroot) throw new EnvironmentError('`go env GOROOT` is empty');
  const targets: LatencyTarget[] = [
    { role: 'GOROOT', dir: goroot, method: 'read-existing' },
    { role: 'temp dir', dir: os.tmpdir(), method: 'test-file-inside' },
  ];
  const gocache = userGoCacheDir(process.env, readGoEnvFile(process.env));
  if (gocache) targets.push({ role: 'GOCACHE location', dir: gocache, method: 'test-file-beside' });
  const gomodcache = userGoModCacheDir(process.env, readGoEnvFile(process.env));
  if (gomodcache)
    targets.push({ role: 'GOMODCACHE location', dir: gomodcache, method: 'test-file-beside' });
  for (const abs of extraDirs) targets.push({ role: abs, dir: abs, method: 'test-file-inside' });
  const results = await probeLatency(
    targets,
    {
      runner: ctx.runner,
      engines: chosen,
      reads: opts.reads,
      fileBytes: opts.fileSize * 1024 * 1024,
      direct: opts.direct,
      fioPath,
      say,
    },
    // Not Linux: no mount table, filesystems stay unknown.
    await readMounts(),
  );
  return {
    schemaVersion: LATENCY_REPORT_SCHEMA,
    command: 'analyze latency',
    reads: opts.reads,
    testFileBytes: opts.fileSize * 1024 * 1024,
    engines: chosen,
    fio: fioPath ? { path: fioPath, version: await fioVersion(ctx.runner, fioPath) } : null,
    results,
    reference: REFERENCE_LATENCIES,
    warnings: [
      ...ctx.warnings,
      ...(fioPath || opts.engine === 'builtin'
        ? []
        : ['fio is not installed (Debian: apt-get install -y fio): built-in probe']),
    ],
  };
}

// `analyze latency`'s session: which directories to probe (GOROOT, the temp dir, the user's
// GOCACHE and GOMODCACHE locations, --dir), which engines, and the report of the measured
// latencies (measure/io-latency.ts measures).
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';
import { controlledEnv, type PrivatePaths } from '../measure/controlled-env.js';
import { probeLatency, type LatencyTarget } from '../measure/io-latency.js';
import type { LatencyEngine } from '../measure/latency-measurement.js';
import { PrivateDirs } from '../measure/private-dirs.js';
import {
  findOnPath,
  queryGo,
  readGoEnvFile,
  resolveGo,
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

/** `fio --version`, or null when it does not answer. */
export async function fioVersion(fioPath: string): Promise<string | null> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) =>
    execFile(fioPath, ['--version'], { timeout: 10_000 }, (err, stdout) =>
      resolve(err ? null : stdout.trim() || null),
    ),
  );
}

/**
 * Measures 4 KiB random-read latency on the filesystems of GOROOT, the temp dir, the user's
 * GOCACHE and GOMODCACHE locations and any --dir, with the chosen engines.
 */
export async function measureLatency(
  opts: LatencySessionOptions,
  say: (line: string) => void,
): Promise<LatencyReport> {
  const fioPath = findOnPath('fio', process.env.PATH);
  const chosen = chooseEngines(opts.engine, fioPath);
  const goPath = resolveGo(opts.go, process.env);
  const dirs = PrivateDirs.create();
  let goroot: string;
  try {
    const paths: PrivatePaths = dirs.goPaths();
    const info = await queryGo(goPath, controlledEnv(process.env, paths, {}));
    goroot = info.env.GOROOT ?? '';
  } finally {
    dirs.dispose();
  }
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
  for (const d of opts.dir ?? []) {
    const abs = path.resolve(d);
    try {
      if (!(await fs.stat(abs)).isDirectory()) throw new Error('not a directory');
    } catch (err) {
      throw new UsageError(`--dir ${d}: ${(err as Error).message}`);
    }
    targets.push({ role: abs, dir: abs, method: 'test-file-inside' });
  }
  let mountinfo = '';
  try {
    mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    // Not Linux: filesystems stay unknown.
  }
  const results = await probeLatency(
    targets,
    {
      engines: chosen,
      reads: opts.reads,
      fileBytes: opts.fileSize * 1024 * 1024,
      direct: opts.direct,
      fioPath,
      say,
    },
    mountinfo,
  );
  const report: LatencyReport = {
    schemaVersion: LATENCY_REPORT_SCHEMA,
    command: 'analyze latency',
    reads: opts.reads,
    testFileBytes: opts.fileSize * 1024 * 1024,
    engines: chosen,
    fio: fioPath ? { path: fioPath, version: await fioVersion(fioPath) } : null,
    results,
    reference: REFERENCE_LATENCIES,
    warnings:
      fioPath || opts.engine === 'builtin'
        ? []
        : ['fio is not installed (Debian: apt-get install -y fio): built-in probe'],
  };
  return report;
}

// Shared pieces of the benchmark scripts: running commands, reading JSON, medians.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '../src/record/run-record.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');

/** Exits with a clear message when a tool the benchmark compares against is missing. */
export function requireTool(name: string, debianPackage: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    console.error(`bench: ${name} is not installed (Debian: apt-get install -y ${debianPackage})`);
    process.exit(3);
  }
  return found.stdout.trim();
}

/** Runs gobaseline with args and returns the run record it wrote. */
export function gobaseline(args: string[]): RunRecord {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-'));
  try {
    const file = path.join(dir, 'run.json');
    execFileSync(process.execPath, [cli, 'run', ...args, '--json', file, '--no-save', '--quiet'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Values of one metric over a scenario's successful samples. */
export function metricValues(run: RunRecord, scenarioId: string, key: string): number[] {
  const s = run.scenarios.find((x) => x.scenarioId === scenarioId);
  return (s?.samples ?? [])
    .filter((x) => x.ok)
    .map((x) => x.metrics[key])
    .filter((v): v is number => v !== undefined);
}

/** The median (mean of the middle two for even n). */
export function median(values: number[]): number {
  const a = [...values].sort((x, y) => x - y);
  const mid = Math.floor(a.length / 2);
  return a.length % 2 ? (a[mid] as number) : ((a[mid - 1] as number) + (a[mid] as number)) / 2;
}

/** A line for docs/benchmarks.md: date and machine. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${execFileSync('go', ['version'], { encoding: 'utf8' }).trim()}`;
}

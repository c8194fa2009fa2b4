// Runs the built CLI as a user would, with a private HOME/XDG layout per call unless given.
import { spawn, type ChildProcess } from 'node:child_process';
import type { RunRecord } from '../../src/record/run-record.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from '../../src/measure/helper.js';
import { repoRoot } from './paths.js';

export const cliPath = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const created: string[] = [];
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the system temp dir for one test, removed when the test file ends. */
export function tempDir(prefix = 'gbtest-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/**
 * Environment for a CLI call: the real PATH (so the real go is found), a data directory
 * private to the test, CI set so progress is plain. The config directory is private too, so
 * the go commands run by tests count their Go telemetry there, not in the user's
 * ~/.config/go/telemetry (measurements never read the go env file found there: GOENV=off).
 */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_DATA_HOME: tempDir('gbtest-data-'),
    XDG_CONFIG_HOME: tempDir('gbtest-config-'),
    CI: 'true',
    ...extra,
  };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

/**
 * Runs `gobaseline ARGS...` to completion; with `timeoutMs`, a run that takes longer is killed
 * (SIGKILL) and resolves with code null, so a hang fails the test instead of stalling it.
 */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = cliEnv(),
  timeoutMs?: number,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer =
      timeoutMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A private GOCACHE shared by the tests' warm scenarios (passed as --warm-cache), so the
 * runtime is compiled once per machine rather than once per test. It is kept in gobaseline's
 * own cache directory, where `gobaseline cache` lists it (about 70 MB) and
 * `gobaseline cache clean` removes it (docs/cache.md), not in the temp dir.
 */
export const sharedWarmCache = path.join(cacheDir(process.env), 'test-warm-cache');

/** Output with prose wrapped to the terminal's width joined back into one line per paragraph. */
export function unwrap(text: string): string {
  return text.replace(/\n {4,}/g, ' ');
}

/** Reads a run record written with --json FILE. */
export function readRun(file: string): RunRecord {
  return JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
}

/**
 * Runs `gobaseline run --scenario startup/go-version --runs 100000 --warmup 0 ...extra` and
 * sends `signal` once sampling has started and `afterMs` more have passed; resolves with the
 * exit code and stderr. For the interrupt tests.
 */
export function interruptSampling(
  signal: NodeJS.Signals,
  afterMs: number,
  extra: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string }> {
  const args = ['run', '--scenario', 'startup/go-version', '--runs', '100000', '--warmup', '0'];
  return interruptWhen(/100000 runs/, signal, afterMs, [...args, ...extra], env);
}

/**
 * Runs `gobaseline ARGS...` and sends `signal` `afterMs` after stderr first matches `when`;
 * resolves with the exit code, stdout and stderr.
 */
export function interruptWhen(
  when: RegExp,
  signal: NodeJS.Signals,
  afterMs: number,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<CliResult> {
  return runCliUntil(when, (child) => setTimeout(() => child.kill(signal), afterMs), args, env);
}

/**
 * Runs `gobaseline ARGS...` and calls `action` once, when stderr first matches `when` (for
 * doing something while a run measures); resolves with the exit code, stdout and stderr.
 */
export function runCliUntil(
  when: RegExp,
  action: (child: ChildProcess) => void,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<CliResult> {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let done = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!done && when.test(stderr)) {
      done = true;
      action(child);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

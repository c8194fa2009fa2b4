// Runs the built CLI as a user would, with a private HOME/XDG layout per call unless given.
import { spawn } from 'node:child_process';
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

/** Runs `gobaseline ARGS...` to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
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
  const child = spawn(process.execPath, [cliPath, ...args, ...extra], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!sent && /100000 runs/.test(stderr)) {
      sent = true;
      setTimeout(() => child.kill(signal), afterMs);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

// Locating and interrogating the Go toolchain (argv-only, never through a shell).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GoEnvJsonError, parseGoEnvJson } from '../parse/go-env-json.js';
import { ToolchainError } from './errors.js';
import { findOnPath, isExecutableFile } from './path-search.js';
import type { GoInfo } from '../record/fingerprint.js';

/** How long one `go version` / `go env` may take, in milliseconds. */
export const GO_QUERY_TIMEOUT_MS = 60_000;

/** The absolute path of the first executable `go` on the PATH-style list `pathEnv`, or null. */
export function findGoOnPath(pathEnv: string | undefined): string | null {
  return findOnPath('go', pathEnv);
}

/**
 * The go binary to use: `explicit` (e.g. from --go, resolved against the working directory) if
 * given, else the first `go` on `env.PATH`. Throws {@link ToolchainError} when there is none.
 */
export function resolveGo(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  if (explicit !== undefined && explicit !== '') {
    const file = path.resolve(explicit);
    if (!isExecutableFile(file)) throw new ToolchainError(`no Go toolchain at ${explicit}`);
    return file;
  }
  const found = findGoOnPath(env.PATH);
  if (found === null) {
    throw new ToolchainError('no `go` found on PATH; install Go or pass --go /path/to/go');
  }
  return found;
}

interface RunFailure {
  code?: number | string | null;
  signal?: NodeJS.Signals | null;
  killed?: boolean;
  message: string;
}

/** Run `goPath args...` with `env` in `cwd` (errors name `goPath` as given); resolve with stdout, or throw a one-line ToolchainError. */
function runGo(
  goPath: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    // Absolute, so that a relative go path is not taken relative to `cwd`.
    execFile(
      path.resolve(goPath),
      args,
      { env, cwd, timeout: GO_QUERY_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error: RunFailure | null, stdout: string, stderr: string) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        if (error.code === 'ENOENT' || error.code === 'EACCES') {
          reject(new ToolchainError(`no Go toolchain at ${goPath}`));
          return;
        }
        reject(
          new ToolchainError(
            `the Go toolchain at ${goPath} does not work: ${why(error, stderr, args)}`,
          ),
        );
      },
    );
  });
}

function why(error: RunFailure, stderr: string, args: string[]): string {
  const firstLine = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (firstLine !== undefined) return firstLine;
  const command = `go ${args.join(' ')}`;
  if (error.killed) return `${command} did not finish within ${GO_QUERY_TIMEOUT_MS / 1000} s`;
  if (error.signal) return `${command} was killed by ${error.signal}`;
  if (typeof error.code === 'number') return `${command} exited with status ${error.code}`;
  return `${command} failed: ${error.message.split('\n')[0] ?? ''}`;
}

/**
 * Ask the toolchain at `goPath` for `go version` and `go env -json`, run with exactly `env`.
 * `cwd` defaults to the OS temp directory so that no go.mod (and its toolchain line) applies.
 * Throws {@link ToolchainError} when the binary is missing or either command fails.
 */
export async function queryGo(
  goPath: string,
  env: NodeJS.ProcessEnv,
  cwd = os.tmpdir(),
): Promise<GoInfo> {
  if (!isExecutableFile(goPath)) throw new ToolchainError(`no Go toolchain at ${goPath}`);
  const resolved = await fs.realpath(goPath);
  const versionOut = await runGo(goPath, ['version'], env, cwd);
  const version = versionOut.split('\n')[0]?.trim() ?? '';
  if (!version.startsWith('go version ')) {
    throw new ToolchainError(
      `the Go toolchain at ${goPath} does not work: unexpected \`go version\` output: ${JSON.stringify(version)}`,
    );
  }
  const envOut = await runGo(goPath, ['env', '-json'], env, cwd);
  let goEnv: Record<string, string>;
  try {
    goEnv = parseGoEnvJson(envOut);
  } catch (err) {
    if (!(err instanceof GoEnvJsonError)) throw err;
    throw new ToolchainError(`the Go toolchain at ${goPath} does not work: ${err.message}`);
  }
  return { path: resolved, version, env: goEnv };
}

// Runs the builds that `analyze io` reads: `go build` under `strace -f` (a trace file with the
// call summary appended, -C) or under `strace -c -f` (the summary alone), always with the
// controlled environment and private GOCACHE, GOMODCACHE and TMPDIR. The I/O half of the
// analysis; strace.ts and io-attribution.ts are the pure half.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { EnvironmentError, ExitCode, UserError } from '../errors.js';
import { controlledEnv, type PrivatePaths } from '../measure/controlled-env.js';
import {
  complaint,
  failureReason,
  runMeasured,
  succeeded,
  type ProcessResult,
} from '../measure/process-runner.js';
import { findOnPath } from '../probe/index.js';
import type { GoRunner } from './build-runner.js';

/**
 * The calls traced: everything that takes a file name (openat, newfstatat, statx, readlinkat,
 * execve, mkdirat, unlinkat, ...), the whole stat family (fstat too), reads and directory reads.
 */
export const TRACE_SET = '%file,%%stat,read,pread64,getdents64';

/**
 * strace's flags for a trace file: follow forks and threads (-f; the go command is
 * multi-threaded and starts compile and link), wall-clock times (-tt), time in each call (-T),
 * paths of descriptors and of AT_FDCWD (-y), the call summary appended to the file (-C), no
 * data strings (-s 0), and stops only at traced calls (--seccomp-bpf, which needs -f).
 */
export function traceFlags(traceFile: string, seccomp = true): string[] {
  return [
    '-f',
    ...(seccomp ? ['--seccomp-bpf'] : []),
    '-tt',
    '-T',
    '-y',
    '-C',
    '-s',
    '0',
    '-e',
    `trace=${TRACE_SET}`,
    '-o',
    traceFile,
  ];
}

/** strace's flags for counting only (`strace -c -f`), the independent check. */
export function countFlags(summaryFile: string, seccomp = true): string[] {
  return [
    '-f',
    ...(seccomp ? ['--seccomp-bpf'] : []),
    '-c',
    '-e',
    `trace=${TRACE_SET}`,
    '-o',
    summaryFile,
  ];
}

/** The build was stopped by Ctrl-C: the CLI exits 130. */
export class TraceInterruptedError extends UserError {
  constructor() {
    super('interrupted', ExitCode.interrupted);
  }
}

/** Finds strace on PATH; throws the one-line EnvironmentError (exit 3) when it is missing. */
export function requireStrace(pathEnv: string | undefined): string {
  const found = findOnPath('strace', pathEnv);
  if (!found) {
    throw new EnvironmentError('strace is not installed (Debian: apt-get install -y strace)');
  }
  return found;
}

/** How to run the traced go commands: the go runner of `analyze build`, plus strace. */
export interface TraceRunner extends GoRunner {
  stracePath: string;
}

/** Runs argv with the controlled environment; throws when it fails. */
export async function runChecked(
  runner: TraceRunner,
  argv: string[],
  cwd: string,
  paths: PrivatePaths,
  what: string,
): Promise<ProcessResult> {
  const env = controlledEnv(runner.userEnv, paths, runner.overrides);
  const result = await runMeasured(
    {
      argv,
      env,
      cwd,
      timeoutMs: runner.timeoutMs,
      ...(runner.signal ? { signal: runner.signal } : {}),
    },
    runner.helperPath,
  );
  if (result.interrupted) throw new TraceInterruptedError();
  if (!succeeded(result)) {
    const why = complaint(result.stderr);
    throw new EnvironmentError(`${what} failed (${failureReason(result)})${why ? `: ${why}` : ''}`);
  }
  return result;
}

/** A build run under strace and what strace wrote. */
export interface StraceRun {
  argv: string[];
  process: ProcessResult;
  /** The -o file's content: the trace (and -C summary), or the -c summary. */
  output: string;
}

/**
 * Runs `go <goArgs>` under strace with `flags` (traceFlags or countFlags, writing `outFile`) and
 * reads the file strace wrote.
 */
export async function runUnderStrace(
  runner: TraceRunner,
  flags: string[],
  outFile: string,
  goArgs: string[],
  cwd: string,
  paths: PrivatePaths,
): Promise<StraceRun> {
  const argv = [runner.stracePath, ...flags, '--', runner.goPath, ...goArgs];
  const process = await runChecked(
    runner,
    argv,
    cwd,
    paths,
    `\`strace ... go ${goArgs.join(' ')}\``,
  );
  let output: string;
  try {
    output = await fs.readFile(outFile, 'utf8');
  } catch (err) {
    throw new EnvironmentError(`strace wrote no output file ${outFile}: ${(err as Error).message}`);
  }
  return { argv, process, output };
}

/** True for strace 5.3 and later, which have --seccomp-bpf. */
export function hasSeccompBpf(version: string | null): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 5 || (major === 5 && minor >= 3);
}

/** `strace -V`'s version, e.g. "6.1"; null when it cannot be read. */
export function straceVersion(stracePath: string): Promise<string | null> {
  return new Promise((resolve) =>
    execFile(stracePath, ['-V'], { timeout: 10_000 }, (err, stdout) =>
      resolve(err ? null : (/version\s+(\S+)/.exec(stdout)?.[1] ?? null)),
    ),
  );
}

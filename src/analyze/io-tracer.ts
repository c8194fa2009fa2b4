// Runs the builds that `analyze io` reads: `go build` under `strace -f` (a trace file with the
// call summary appended, -C) or under `strace -c -f` (the summary alone), always with the
// controlled environment and private GOCACHE, GOMODCACHE and TMPDIR. The I/O half of the
// analysis; strace.ts and io-attribution.ts are the pure half.
import { promises as fs } from 'node:fs';
import { EnvironmentError } from '../errors.js';
import type { GoCommands } from '../measure/context.js';
import type { PrivatePaths } from '../measure/controlled-env.js';
import type { ProcessResult } from '../measure/process-runner.js';
import { findOnPath } from '../probe/index.js';

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

/** Finds strace on PATH; throws the one-line EnvironmentError (exit 3) when it is missing. */
export function requireStrace(pathEnv: string | undefined): string {
  const found = findOnPath('strace', pathEnv);
  if (!found) {
    throw new EnvironmentError('strace is not installed (Debian: apt-get install -y strace)');
  }
  return found;
}

/** How to run the traced go commands: the go commands of the context, plus strace. */
export interface TraceCommands extends GoCommands {
  stracePath: string;
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
  go: TraceCommands,
  flags: string[],
  outFile: string,
  goArgs: string[],
  cwd: string,
  paths: PrivatePaths,
): Promise<StraceRun> {
  const argv = [go.stracePath, ...flags, '--', go.goPath, ...goArgs];
  const process = await go.runner.runOrFail({
    argv,
    env: go.env(paths),
    cwd,
    label: `strace ... go ${goArgs.join(' ')}`,
  });
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
export async function straceVersion(go: TraceCommands): Promise<string | null> {
  const r = await go.runner.run({
    argv: [go.stracePath, '-V'],
    cwd: '/',
    kind: 'tool',
    captureStdout: true,
    timeoutMs: 10_000,
  });
  return r.exitCode === 0 ? (/version\s+(\S+)/.exec(r.stdout)?.[1] ?? null) : null;
}

// The I/O primitives of `analyze goroot`: one timed go command (argv only, never a shell, with
// the rusage helper when there is one) through the context's CommandRunner, and the size of a
// tree. Copying GOROOT and flushing a copy are measure/tools.ts.
import fs from 'node:fs/promises';
import { lstatSync, readdirSync } from 'node:fs';
import { setImmediate as nextTick } from 'node:timers/promises';
import path from 'node:path';
import type { CommandRunner } from '../measure/command-runner.js';
import { failureText } from '../measure/command-runner.js';
import { succeeded } from '../measure/process-runner.js';

/** What every measurement of one `analyze goroot` invocation shares. */
export interface RunContext {
  /** Runs every command; Ctrl-C stops the running one and the analysis ends with exit 130. */
  runner: CommandRunner;
  /** Writes one progress line (to stderr, or nowhere with --quiet). */
  say: (line: string) => void;
}

/** One timed run: wall time in ns, or why it failed. */
export interface TimedRun {
  /** Wall time in ns; null when the command failed. */
  ns: number | null;
  /** One line on why the command failed, else null. */
  failure: string | null;
  /** Its stdout when captured, else "". */
  stdout: string;
}

/**
 * Runs `argv` once with exactly `env` in `cwd` and times it; a failure is data, not an
 * exception, but Ctrl-C throws InterruptedError.
 */
export async function timedRun(
  ctx: RunContext,
  argv: string[],
  env: Record<string, string>,
  cwd: string,
  captureStdout = false,
): Promise<TimedRun> {
  ctx.runner.throwIfInterrupted();
  const r = await ctx.runner.run({ argv, env, cwd, captureStdout });
  ctx.runner.throwIfInterrupted();
  if (succeeded(r)) return { ns: r.wallNs, failure: null, stdout: r.stdout };
  return { ns: null, failure: failureText(r), stdout: r.stdout };
}

/** Runs a command that must succeed (set-up steps); throws EnvironmentError with its reason. */
export async function mustRun(...args: Parameters<typeof timedRun>): Promise<TimedRun> {
  const [ctx, argv, env, cwd, captureStdout = false] = args;
  const r = await ctx.runner.runOrFail({ argv, env, cwd, captureStdout });
  return { ns: r.wallNs, failure: null, stdout: r.stdout };
}

/** Bytes of the regular files under `dir` (what a copy needs), and the number of entries. */
export async function treeSize(dir: string): Promise<{ bytes: number; entries: number }> {
  const names = await fs.readdir(dir, { recursive: true });
  let bytes = 0;
  for (const name of names) {
    const st = await fs.lstat(path.join(dir, name));
    if (st.isFile()) bytes += st.size;
  }
  return { bytes, entries: names.length };
}

/** Entries under `dir` (recursive), relative to it: the stat probes' work list. */
export function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true }) as string[];
}

/** One timed pass of lstat over `files`; returns ns per call (Node's call overhead included). */
export function lstatPass(files: readonly string[]): number {
  const started = process.hrtime.bigint();
  for (const f of files) lstatSync(f);
  return Number(process.hrtime.bigint() - started) / files.length;
}

/**
 * The stat probe: one untimed pass per group (dentries and inodes into memory), then `rounds`
 * rounds of one timed pass per group, the order rotating every round. Returns ns per lstat call,
 * per group and round. Yields between rounds so Ctrl-C gets through.
 */
export async function lstatRounds(
  ctx: RunContext,
  groups: readonly (readonly string[])[],
  rounds: number,
): Promise<number[][]> {
  for (const files of groups) lstatPass(files);
  const out = groups.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < groups.length; i++) {
      const g = (i + r) % groups.length;
      out[g]?.push(lstatPass(groups[g] as string[]));
    }
    ctx.runner.throwIfInterrupted();
    await nextTick();
  }
  return out;
}

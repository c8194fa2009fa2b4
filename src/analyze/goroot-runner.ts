// The I/O primitives of `analyze goroot`: one timed go command (argv only, never a shell, with
// the rusage helper when there is one), copying GOROOT with `cp -a`, flushing a copy to disk,
// and the size of a tree.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { lstatSync, readdirSync } from 'node:fs';
import { setImmediate as nextTick } from 'node:timers/promises';
import path from 'node:path';
import { EnvironmentError, InterruptedError } from '../errors.js';
import {
  failureReason,
  runMeasured,
  succeeded,
  tail,
  trackChild,
} from '../measure/process-runner.js';

/** What every measurement of one `analyze goroot` invocation shares. */
export interface RunContext {
  /** The rusage-exec helper, or null to time in Node (wall time only). */
  helperPath: string | null;
  /** Kill a go command running longer than this, in ms. */
  timeoutMs: number;
  /** Ctrl-C: stops the running command; the analysis then ends with exit 130. */
  signal: AbortSignal;
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

export { InterruptedError };

/** Throws {@link InterruptedError} once Ctrl-C was pressed. */
export function checkInterrupted(ctx: RunContext): void {
  if (ctx.signal.aborted) throw new InterruptedError();
}

/** Runs `argv` once with exactly `env` in `cwd` and times it; a failure is data, not an exception. */
export async function timedRun(
  ctx: RunContext,
  argv: string[],
  env: Record<string, string>,
  cwd: string,
  captureStdout = false,
): Promise<TimedRun> {
  checkInterrupted(ctx);
  const r = await runMeasured(
    { argv, env, cwd, timeoutMs: ctx.timeoutMs, signal: ctx.signal, captureStdout },
    ctx.helperPath,
  );
  if (r.interrupted) throw new InterruptedError();
  if (succeeded(r)) return { ns: r.wallNs, failure: null, stdout: r.stdout };
  const why = tail(r.stderr, 1);
  return { ns: null, failure: `${failureReason(r)}${why ? `: ${why}` : ''}`, stdout: r.stdout };
}

/** Runs a command that must succeed (set-up steps); throws EnvironmentError with its reason. */
export async function mustRun(
  ctx: RunContext,
  argv: string[],
  env: Record<string, string>,
  cwd: string,
  captureStdout = false,
): Promise<TimedRun> {
  const r = await timedRun(ctx, argv, env, cwd, captureStdout);
  if (r.failure !== null) {
    const shown = argv.map((a, i) => (i === 0 ? path.basename(a) : a)).join(' ');
    throw new EnvironmentError(`\`${shown}\` failed (${r.failure})`);
  }
  return r;
}

function runTool(ctx: RunContext, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], signal: ctx.signal });
    trackChild(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) =>
      reject(
        ctx.signal.aborted
          ? new InterruptedError()
          : new EnvironmentError(`\`${argv.join(' ')}\` failed: ${err.message}`),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else if (ctx.signal.aborted) reject(new InterruptedError());
      else reject(new EnvironmentError(`\`${argv.join(' ')}\` failed: ${tail(stderr, 1)}`));
    });
  });
}

/** Copies `from` to the new path `to` with `cp -a` (modes, times, symlinks kept); resolves to ns taken. */
export async function copyTree(ctx: RunContext, from: string, to: string): Promise<number> {
  const started = process.hrtime.bigint();
  await runTool(ctx, ['cp', '-a', '--', from, to]);
  return Number(process.hrtime.bigint() - started);
}

/** Flushes the file system holding `dir` (`sync -f`), so write-back does not run during timing. */
export async function syncFileSystem(ctx: RunContext, dir: string): Promise<void> {
  try {
    await runTool(ctx, ['sync', '-f', dir]);
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    // Without sync, the timings may include write-back; not a reason to stop.
  }
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
    checkInterrupted(ctx);
    await nextTick();
  }
  return out;
}

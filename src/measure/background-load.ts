// Background load for contention experiments (`load=N`): N processes of our membw program in
// `load` mode, each copying arrays larger than the last-level cache on one thread. They are never
// left running: stop() ends them, so does the abort signal (Ctrl-C), a hard exit kills every one
// still registered (process-runner's stopLiveCommands), and each exits by itself when its stdin
// closes, which the kernel does when gobaseline dies, even of SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { EnvironmentError, oneLine } from '../errors.js';
import { ensureMembw, membwEnv } from './membw.js';
import type { ProgramStatus } from './own-programs.js';
import { trackLiveProcess, untrackLiveProcess } from './process-runner.js';

/** How long a load process may take to touch its arrays before it counts as failed. */
const READY_TIMEOUT_MS = 60_000;
/** After SIGTERM, a load process that is still there this much later gets SIGKILL. */
const KILL_AFTER_MS = 2000;

export interface LoadOptions {
  /** The membw binary (ensureMembw). */
  program: string;
  /** Ctrl-C: stops the load at once (stop() may still be called and waits for the exits). */
  signal?: AbortSignal;
  /**
   * Size of each copied array in MiB; by default four times the last-level cache (memory-bound).
   * A size that fits in the cache (1) makes a CPU-bound load instead.
   */
  arrayMiB?: number;
}

/** Load processes that run until stop(). */
export interface LoadHandle {
  /** Their process ids (for tests and diagnostics). */
  readonly pids: number[];
  /** Ends every load process and resolves once all have exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** One started process and the promise of its exit. */
interface Started {
  child: ChildProcess;
  exited: Promise<void>;
  stderr: () => string;
}

function launch(program: string, arrayMiB: number | undefined): Started {
  const args = arrayMiB === undefined ? ['load'] : ['load', '-mib', String(arrayMiB)];
  const child = spawn(program, args, {
    env: membwEnv(),
    cwd: os.tmpdir(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) trackLiveProcess(child.pid);
  child.stdin?.on('error', () => undefined); // it may be gone before we close its stdin
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (err.length < 4096) err += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => {
    const done = (): void => {
      if (child.pid !== undefined) untrackLiveProcess(child.pid);
      resolve();
    };
    child.once('error', done);
    child.once('exit', done);
  });
  return { child, exited, stderr: () => err };
}

/** Resolves once the process printed `ready`; rejects when it fails or takes too long. */
function ready(s: Started): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    const finish = (err?: Error): void => {
      clearTimeout(timer);
      s.child.stdout?.removeListener('data', onData);
      // Nothing else is printed, but keep the pipe drained.
      s.child.stdout?.resume();
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      if (out.includes('ready\n')) finish();
    };
    s.child.stdout?.on('data', onData);
    s.child.once('error', (e) => finish(e));
    s.child.once('exit', (code, sig) =>
      finish(
        new Error(`exited (${sig ?? `status ${code}`}): ${oneLine(s.stderr()) || 'no output'}`),
      ),
    );
  });
}

/** Ends one process: SIGTERM and stdin closed, SIGKILL if still there after KILL_AFTER_MS. */
function end(s: Started): Promise<void> {
  const { child } = s;
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    child.kill('SIGTERM');
    child.stdin?.end();
    const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    void s.exited.then(() => clearTimeout(killer));
  }
  return s.exited;
}

/**
 * Starts `n` load processes and resolves once every one has touched its arrays (so the load is
 * at full strength when the measured command starts). Throws EnvironmentError (after stopping
 * those already started) when one cannot start. With an aborted signal it starts nothing.
 */
export async function startLoad(n: number, opts: LoadOptions): Promise<LoadHandle> {
  const started: Started[] = [];
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= Promise.all(started.map(end)).then(() => undefined);
    opts.signal?.removeEventListener('abort', onAbort);
    return stopping;
  };
  const onAbort = (): void => void stop();
  if (opts.signal?.aborted) return { pids: [], stop };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  for (let i = 0; i < n; i++) started.push(launch(opts.program, opts.arrayMiB));
  try {
    await Promise.all(started.map(ready));
  } catch (err) {
    await stop();
    if (opts.signal?.aborted) return { pids: [], stop };
    throw new EnvironmentError(
      `the background load (${opts.program} load) could not start: ${(err as Error).message}`,
    );
  }
  return { pids: started.flatMap((s) => (s.child.pid === undefined ? [] : [s.child.pid])), stop };
}

/**
 * startLoad bound to the membw program, for the sampler: the program is built with `goPath` on
 * first use (once; the fingerprint has usually built it already). Throws EnvironmentError when it
 * cannot be built or started, so that the run says so rather than measuring without the load.
 */
export function loadStarter(
  goPath: string,
  userEnv: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): (n: number) => Promise<LoadHandle> {
  let program: Promise<ProgramStatus> | null = null;
  return async (n) => {
    program ??= ensureMembw(goPath, userEnv, signal);
    const built = await program;
    if (built.kind === 'unavailable')
      throw new EnvironmentError(`no background load: ${built.reason}`);
    return startLoad(n, { program: built.path, signal });
  };
}

// Runs one command (an argv, never through a shell) and measures it.
// With the rusage-exec helper: monotonic wall time, user/sys CPU and peak RSS from wait4.
// Without it: wall time from Node's clock only, and CPU/RSS are null.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { constants as osConstants } from 'node:os';

/** One command to run: argv[0] is looked up on env.PATH when it has no slash. */
export interface CommandSpec {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Kill the command (SIGTERM, then SIGKILL after 2 s) when it runs longer than this. */
  timeoutMs?: number;
  /** Stops the command early; the result is marked interrupted. */
  signal?: AbortSignal;
  /**
   * Keep the command's stdout (default: discard it to /dev/null, as hyperfine does, so that
   * Node does not wake up to read output while the command is still running).
   */
  captureStdout?: boolean;
}

/** What one run of a command produced. Times in nanoseconds, sizes in bytes. */
export interface ProcessResult {
  wallNs: number;
  userNs: number | null;
  sysNs: number | null;
  /** ru_maxrss: the largest single process of the waited-for tree, as /usr/bin/time reports. */
  peakRssBytes: number | null;
  exitCode: number | null;
  /** Name of the signal that ended the command, e.g. SIGKILL. */
  signal: string | null;
  timedOut: boolean;
  interrupted: boolean;
  /** Why the command could not be started (e.g. "No such file or directory"). */
  spawnError: string | null;
  stdout: string;
  stderr: string;
  measuredBy: 'rusage-exec' | 'node';
}

/** Output kept per stream; a build's output is far smaller, gctrace of a long program is not. */
const STREAM_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Processes running now, to stop on a hard exit: helpers, Node-spawned groups, and background
 * processes (the load of background-load.ts).
 */
const live = new Map<number, 'helper' | 'group' | 'process'>();

/** Registers a background process of ours, so a hard exit stops it (SIGKILL). */
export function trackLiveProcess(pid: number): void {
  live.set(pid, 'process');
}

/** Forgets a background process that has exited. */
export function untrackLiveProcess(pid: number): void {
  live.delete(pid);
}

/**
 * Stops every command still running (before a hard exit removes their directories): a helper
 * gets SIGTERM, which it forwards to the command's group (SIGKILL 2 s later); a group started
 * from Node without the helper gets SIGKILL, and so does a background process.
 */
export function stopLiveCommands(): void {
  for (const [pid, kind] of live) {
    try {
      if (kind === 'helper') process.kill(pid, 'SIGTERM');
      else if (kind === 'process') process.kill(pid, 'SIGKILL');
      else process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

/** True when the command ran to completion with exit status 0. */
export function succeeded(r: ProcessResult): boolean {
  return r.exitCode === 0 && !r.timedOut && !r.interrupted && r.spawnError === null;
}

/** One line saying why a run failed, for tables and errors. */
export function failureReason(r: ProcessResult): string {
  if (r.spawnError) return `could not start: ${r.spawnError}`;
  if (r.interrupted) return 'interrupted';
  if (r.timedOut) return 'timed out';
  if (r.signal) return `killed by ${r.signal}`;
  return `exit status ${r.exitCode}`;
}

/** A failed command's complaint on one line: its first two non-empty stderr lines, joined. */
export function complaint(stderr: string): string {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, 2)
    .join('; ');
}

/** The last non-empty lines of a stream, for reports. */
export function tail(text: string, lines = 5): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function collect(stream: Readable | null): Promise<string> {
  return new Promise((resolve) => {
    if (!stream) return resolve('');
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      if (size < STREAM_LIMIT_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    stream.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function signalName(num: number): string {
  const entry = Object.entries(osConstants.signals).find(([, n]) => n === num);
  return entry ? entry[0] : `signal ${num}`;
}

interface HelperReport {
  wallNs: number;
  userNs: number;
  sysNs: number;
  maxRssKb: number;
  exitCode: number | null;
  signal: number | null;
  spawnError: string | null;
}

/**
 * Runs spec under the helper at helperPath (or, when null, directly from Node) and
 * resolves once the command and its output streams have finished. Never rejects for a
 * failing command: failures are data in the result.
 */
export async function runMeasured(
  spec: CommandSpec,
  helperPath: string | null,
): Promise<ProcessResult> {
  const viaHelper = helperPath !== null;
  const [file, ...args] = viaHelper ? [helperPath, '-w', ...spec.argv] : spec.argv;
  if (!file) throw new Error('runMeasured: empty argv');
  let timedOut = false;
  let interrupted = false;
  const started = process.hrtime.bigint();
  const child = spawn(file, args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: [
      viaHelper ? 'pipe' : 'ignore',
      spec.captureStdout ? 'pipe' : 'ignore',
      'pipe',
      ...(viaHelper ? (['pipe'] as const) : []),
    ],
    // Without the helper, give the command its own process group so it can be stopped whole.
    detached: !viaHelper,
  });
  if (child.pid !== undefined) live.set(child.pid, viaHelper ? 'helper' : 'group');
  const stop = (): void => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    // The helper forwards SIGTERM to the command's process group and escalates to SIGKILL.
    if (viaHelper) child.kill('SIGTERM');
    else {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 2000).unref();
    }
  };
  const timer =
    spec.timeoutMs !== undefined
      ? setTimeout(() => {
          timedOut = true;
          stop();
        }, spec.timeoutMs)
      : undefined;
  const onAbort = (): void => {
    interrupted = true;
    stop();
  };
  if (spec.signal?.aborted) onAbort();
  spec.signal?.addEventListener('abort', onAbort, { once: true });

  const exited = new Promise<{ code: number | null; sig: NodeJS.Signals | null; error?: Error }>(
    (resolve) => {
      child.once('error', (error) => resolve({ code: null, sig: null, error }));
      child.once('close', (code, sig) => resolve({ code, sig }));
    },
  );
  const outputs = Promise.all([
    collect(child.stdout),
    collect(child.stderr),
    viaHelper ? collect(child.stdio[3] as Readable) : Promise.resolve(''),
    exited,
  ]);
  // Start the clock only now that Node's side of the spawn is set up (see rusage-exec -w).
  if (viaHelper) {
    child.stdin?.on('error', () => undefined); // the helper may already be gone
    // Stopped before it started: no go-ahead, the helper exits without running the command.
    child.stdin?.end(interrupted || timedOut ? undefined : 'g');
  }
  const [stdout, stderr, reportText, exit] = await outputs;
  if (child.pid !== undefined) live.delete(child.pid);
  const wallNodeNs = Number(process.hrtime.bigint() - started);
  if (timer) clearTimeout(timer);
  spec.signal?.removeEventListener('abort', onAbort);

  const base = { timedOut, interrupted, stdout, stderr };
  // Results timed by Node alone: wall time only, no rusage.
  const nodeTimed = (
    rest: Pick<ProcessResult, 'exitCode' | 'signal' | 'spawnError'>,
  ): ProcessResult => ({
    ...base,
    ...rest,
    wallNs: wallNodeNs,
    userNs: null,
    sysNs: null,
    peakRssBytes: null,
    measuredBy: viaHelper ? 'rusage-exec' : 'node',
  });
  if (exit.error)
    return nodeTimed({ exitCode: null, signal: null, spawnError: exit.error.message });
  if (!viaHelper) return nodeTimed({ exitCode: exit.code, signal: exit.sig, spawnError: null });
  let report: HelperReport;
  try {
    report = JSON.parse(reportText.trim()) as HelperReport;
  } catch {
    return nodeTimed({
      exitCode: null,
      signal: exit.sig,
      spawnError: `the rusage helper gave no report (helper exit ${exit.code ?? exit.sig})`,
    });
  }
  return {
    ...base,
    wallNs: report.wallNs,
    userNs: report.userNs,
    sysNs: report.sysNs,
    peakRssBytes: report.maxRssKb * 1024,
    exitCode: report.exitCode,
    signal: report.signal === null ? null : signalName(report.signal),
    spawnError: report.spawnError,
    measuredBy: 'rusage-exec',
  };
}

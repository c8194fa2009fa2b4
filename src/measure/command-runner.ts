// The one seam for running commands. Measured go commands, strace sessions, fio and tools such
// as `cp -a` and `sync` all go through a CommandRunner, so the timeout, the rusage helper,
// Ctrl-C, the base environment and the wording of a failure are written once. The real runner
// sits on runMeasured (process-runner.ts, whose timing agrees with hyperfine); tests script a
// fake one (test/support/fake-runner.ts) to check run order and stopping rules without running
// anything.
import path from 'node:path';
import { EnvironmentError, InterruptedError } from '../errors.js';
import type { ProcessResult } from './process-runner.js';
import { complaint, failureReason, runMeasured, succeeded } from './process-runner.js';

/** One command for a runner. */
export interface RunRequest {
  /** argv[0] is looked up on env.PATH when it has no slash; never run through a shell. */
  argv: string[];
  /** Exactly the environment the command gets; default: the runner's base environment. */
  env?: Record<string, string>;
  cwd: string;
  /** Keep stdout (default: discarded, as hyperfine does). */
  captureStdout?: boolean;
  /**
   * measured (default): under the rusage helper when there is one; tool: timed by Node alone,
   * for commands that are not measurements (cp -a, sync).
   */
  kind?: 'measured' | 'tool';
  /** Overrides the runner's timeout in ms; null for none (copying a large tree). */
  timeoutMs?: number | null;
  /** How a failure names the command; default: argv with the program's base name. */
  label?: string;
}

/** Runs commands; a failed command is data from `run` and an exception from `runOrFail`. */
export interface CommandRunner {
  /** How measured commands are timed: with the rusage helper, or by Node (wall time only). */
  readonly measuredBy: 'rusage-exec' | 'node';
  /** Aborted by Ctrl-C: the running command is stopped and its result marked interrupted. */
  readonly signal: AbortSignal;
  /** Runs the command to its end; never rejects for a failing command. */
  run(request: RunRequest): Promise<ProcessResult>;
  /**
   * Runs the command and returns its result when it succeeded; throws InterruptedError after
   * Ctrl-C and a one-line EnvironmentError (exit 3) saying why otherwise.
   */
  runOrFail(request: RunRequest): Promise<ProcessResult>;
  /** Throws InterruptedError once Ctrl-C was pressed (between steps that run nothing). */
  throwIfInterrupted(): void;
}

/** Runs one request and resolves with its result: the part a real and a fake runner differ in. */
export type Execute = (request: RunRequest) => Promise<ProcessResult>;

/** The command as a failure names it: the label, else argv with the program's base name. */
export function commandLabel(request: RunRequest): string {
  if (request.label !== undefined) return request.label;
  const [program = '', ...args] = request.argv;
  return [path.basename(program), ...args].join(' ');
}

/** Why a run failed, on one line: the reason and the command's own complaint. */
export function failureText(result: ProcessResult): string {
  const why = complaint(result.stderr);
  return `${failureReason(result)}${why ? `: ${why}` : ''}`;
}

/** The one-line error for a failed run: what ran, why it failed, and its complaint. */
export function failureError(request: RunRequest, result: ProcessResult): Error {
  if (result.interrupted) return new InterruptedError();
  const why = complaint(result.stderr);
  return new EnvironmentError(
    `\`${commandLabel(request)}\` failed (${failureReason(result)})${why ? `: ${why}` : ''}`,
  );
}

/** A CommandRunner around `execute`; run-or-fail and interruption behave alike for every runner. */
export function commandRunner(
  execute: Execute,
  measuredBy: 'rusage-exec' | 'node',
  signal: AbortSignal,
): CommandRunner {
  const throwIfInterrupted = (): void => {
    if (signal.aborted) throw new InterruptedError();
  };
  return {
    measuredBy,
    signal,
    run: execute,
    async runOrFail(request) {
      throwIfInterrupted();
      const result = await execute(request);
      if (!succeeded(result)) throw failureError(request, result);
      return result;
    },
    throwIfInterrupted,
  };
}

/** What the real runner needs: the helper, the default timeout, Ctrl-C, the base environment. */
export interface RealRunnerOptions {
  /** The rusage-exec helper, or null to time in Node (wall time only). */
  helperPath: string | null;
  /** Kill a command running longer than this, in ms (SIGTERM, then SIGKILL after 2 s). */
  timeoutMs: number;
  signal: AbortSignal;
  /** Environment of requests that give none (tools); default: this process's environment. */
  baseEnv?: NodeJS.ProcessEnv;
}

/** The environment as plain strings (NodeJS.ProcessEnv may hold undefined). */
export function plainEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** The real runner: every command through runMeasured. */
export function realCommandRunner(opts: RealRunnerOptions): CommandRunner {
  const base = plainEnv(opts.baseEnv ?? process.env);
  return commandRunner(
    (request) => {
      const timeoutMs = request.timeoutMs === undefined ? opts.timeoutMs : request.timeoutMs;
      return runMeasured(
        {
          argv: request.argv,
          env: request.env ?? base,
          cwd: request.cwd,
          signal: opts.signal,
          ...(timeoutMs === null ? {} : { timeoutMs }),
          ...(request.captureStdout ? { captureStdout: true } : {}),
        },
        request.kind === 'tool' ? null : opts.helperPath,
      );
    },
    opts.helperPath === null ? 'node' : 'rusage-exec',
    opts.signal,
  );
}

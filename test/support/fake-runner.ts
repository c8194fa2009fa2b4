// A scripted CommandRunner: runs nothing, answers each request with what the script returns and
// records every call, so the sampling loop's order and stopping rules are tested without
// timings. Failure wording and run-or-fail come from the real runner's commandRunner().
import type { CommandRunner, RunRequest } from '../../src/measure/command-runner.js';
import { commandRunner } from '../../src/measure/command-runner.js';
import type { ProcessResult } from '../../src/measure/process-runner.js';

/** One recorded call: the request and its position among all calls, from 0. */
export interface FakeCall extends RunRequest {
  n: number;
}

/** Says how call `n` ends; fields left out are those of a successful 1 ms run. */
export type Script = (request: RunRequest, n: number) => Partial<ProcessResult>;

/** A result of a successful run taking `wallNs`. */
export function okResult(wallNs = 1_000_000): ProcessResult {
  return {
    wallNs,
    userNs: wallNs / 2,
    sysNs: wallNs / 4,
    peakRssBytes: 10 * 1024 * 1024,
    exitCode: 0,
    signal: null,
    timedOut: false,
    interrupted: false,
    spawnError: null,
    stdout: '',
    stderr: '',
    measuredBy: 'rusage-exec',
  };
}

/** A fake runner and the calls it received. */
export interface FakeRunner {
  runner: CommandRunner;
  calls: FakeCall[];
  /** Aborts the runner's signal, as Ctrl-C does. */
  interrupt(): void;
}

/** A runner answering with `script` (default: every command succeeds in 1 ms). */
export function fakeRunner(script: Script = () => ({})): FakeRunner {
  const controller = new AbortController();
  const calls: FakeCall[] = [];
  const runner = commandRunner(
    (request) => {
      const n = calls.length;
      calls.push({ ...request, n });
      return Promise.resolve({ ...okResult(), ...script(request, n) });
    },
    'rusage-exec',
    controller.signal,
  );
  return { runner, calls, interrupt: () => controller.abort() };
}

// Runs the builds that `analyze build` and `analyze cache` read: `go build -o /dev/null` with
// `-debug-actiongraph` or `-x`, always with the controlled environment and private GOCACHE,
// GOMODCACHE and TMPDIR (never the user's own), and copies of caches and GOROOT.
// The I/O half of the analysis; build-graph.ts is the pure half.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { EnvironmentError, InterruptedError } from '../errors.js';
import { controlledEnv, type PrivatePaths } from '../measure/controlled-env.js';
import {
  complaint,
  failureReason,
  runMeasured,
  succeeded,
  trackChild,
  type ProcessResult,
} from '../measure/process-runner.js';
import { parseActionGraph, type BuildAction } from '../parse/actiongraph.js';
import { compiledPackagesFromBuildX } from '../parse/build-x.js';

/** What to build, and where. */
export interface BuildTarget {
  /** Package patterns given to go build, e.g. ["net/http"] or ["./..."]. */
  packages: string[];
  /** Working directory: the project's directory, or the private temp dir for std packages. */
  cwd: string;
  /** The user's module directory with --project, else null. */
  project: string | null;
}

/** How to run the go command. */
export interface GoRunner {
  goPath: string;
  /** The rusage-exec helper, or null to time in Node (wall time only). */
  helperPath: string | null;
  /** The user's environment, before the controlled settings. */
  userEnv: NodeJS.ProcessEnv;
  /** The user's --env KEY=VALUE pairs, applied last. */
  overrides: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

export { InterruptedError };

/** Runs one go command with the controlled environment; throws when it does not succeed. */
export async function runGo(
  runner: GoRunner,
  goPath: string,
  args: string[],
  cwd: string,
  dirs: PrivatePaths,
  extraEnv: Record<string, string> = {},
): Promise<ProcessResult> {
  const env = controlledEnv(runner.userEnv, dirs, { ...runner.overrides, ...extraEnv });
  const result = await runMeasured(
    {
      argv: [goPath, ...args],
      env,
      cwd,
      timeoutMs: runner.timeoutMs,
      ...(runner.signal ? { signal: runner.signal } : {}),
    },
    runner.helperPath,
  );
  if (result.interrupted) throw new InterruptedError();
  if (!succeeded(result)) {
    // One line: the go command's first two lines of complaint (e.g. "# pkg" and the error).
    const why = complaint(result.stderr);
    throw new EnvironmentError(
      `\`go ${args.join(' ')}\` failed (${failureReason(result)})${why ? `: ${why}` : ''}`,
    );
  }
  return result;
}

/** `go build -o /dev/null` arguments for the target, with extra flags before the packages. */
export function buildArgs(target: BuildTarget, flags: string[] = []): string[] {
  return ['build', '-o', '/dev/null', ...flags, ...target.packages];
}

/** One measured build and the action graph it wrote. */
export interface GraphBuild {
  /** The go command's arguments (after the go binary). */
  args: string[];
  /** Wall, user and system time and peak RSS of the whole build. */
  process: ProcessResult;
  actions: BuildAction[];
  /** The action graph exactly as the go command wrote it. */
  graphText: string;
}

/**
 * Builds the target with `-debug-actiongraph=graphFile` and parses the graph. Throws
 * EnvironmentError when the build fails and ActionGraphParseError when the graph is malformed.
 */
export async function runGraphBuild(
  runner: GoRunner,
  target: BuildTarget,
  dirs: PrivatePaths,
  graphFile: string,
  options: { goPath?: string; extraEnv?: Record<string, string> } = {},
): Promise<GraphBuild> {
  const args = buildArgs(target, [`-debug-actiongraph=${graphFile}`]);
  const process = await runGo(
    runner,
    options.goPath ?? runner.goPath,
    args,
    target.cwd,
    dirs,
    options.extraEnv,
  );
  const graphText = await fs.readFile(graphFile, 'utf8');
  return { args, process, actions: parseActionGraph(graphText), graphText };
}

/** The packages the compiler ran for in a `go build -x` of the target (stderr's -p values). */
export async function runBuildX(
  runner: GoRunner,
  target: BuildTarget,
  dirs: PrivatePaths,
): Promise<string[]> {
  const result = await runGo(runner, runner.goPath, buildArgs(target, ['-x']), target.cwd, dirs);
  return compiledPackagesFromBuildX(result.stderr);
}

/** Copies a directory tree with `cp -a` (modes, times and symlinks kept). */
export function copyTree(from: string, to: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('cp', ['-a', '--', from, to], {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(signal ? { signal } : {}),
    });
    trackChild(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) =>
      reject(
        signal?.aborted
          ? new InterruptedError()
          : new EnvironmentError(`could not copy ${from}: ${err.message}`),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else if (signal?.aborted) reject(new InterruptedError());
      else reject(new EnvironmentError(`could not copy ${from} to ${to}: ${stderr.trim()}`));
    });
  });
}

/** Number of regular files under `dir` (e.g. GOCACHE entries); 0 when it does not exist. */
export async function countFiles(dir: string): Promise<number> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

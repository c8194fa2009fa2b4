// Runs the builds that `analyze build` and `analyze cache` read: `go build -o /dev/null` with
// `-debug-actiongraph` or `-x`, always with the controlled environment and private GOCACHE,
// GOMODCACHE and TMPDIR (never the user's own), and copies of caches and GOROOT.
// The I/O half of the analysis; build-graph.ts is the pure half.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { ContextOptions, GoCommands } from '../measure/context.js';
import type { PrivatePaths } from '../measure/controlled-env.js';
import type { ProcessResult } from '../measure/process-runner.js';
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

/** How the go commands of an analysis run (--go, --env, --timeout). */
export interface GoRunOptions {
  go?: string;
  env?: Record<string, string>;
  /** Seconds a go command may run before it is killed. */
  timeout: number;
}

/**
 * The --project directory (absolute), checked for a go.mod before anything is measured; null
 * without --project. A directory without go.mod is a usage error.
 */
export async function projectDir(project: string | undefined): Promise<string | null> {
  if (project === undefined) return null;
  const dir = path.resolve(project);
  try {
    await fs.access(path.join(dir, 'go.mod'));
  } catch {
    throw new UsageError(`--project ${project}: no go.mod in ${dir}`);
  }
  return dir;
}

/** The measurement context of a build analysis: go is queried in the project, if any. */
export function buildContextOptions(
  opts: GoRunOptions,
  project: string | null,
  signal: AbortSignal,
): ContextOptions {
  return {
    go: opts.go,
    userEnv: process.env,
    overrides: opts.env ?? {},
    timeoutMs: opts.timeout * 1000,
    signal,
    ...(project === null ? {} : { queryCwd: project }),
  };
}

/** Another go binary (a relocated GOROOT's) or extra environment for one go command. */
export interface GoCommandOptions {
  goPath?: string;
  extraEnv?: Record<string, string>;
}

/**
 * Runs one go command with the controlled environment and the private `paths`; throws
 * InterruptedError after Ctrl-C and a one-line EnvironmentError when it does not succeed.
 */
export function runGo(
  go: GoCommands,
  args: string[],
  cwd: string,
  paths: PrivatePaths,
  options: GoCommandOptions = {},
): Promise<ProcessResult> {
  return go.runner.runOrFail({
    argv: [options.goPath ?? go.goPath, ...args],
    env: go.env(paths, options.extraEnv),
    cwd,
    label: `go ${args.join(' ')}`,
  });
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
  go: GoCommands,
  target: BuildTarget,
  paths: PrivatePaths,
  graphFile: string,
  options: GoCommandOptions = {},
): Promise<GraphBuild> {
  const args = buildArgs(target, [`-debug-actiongraph=${graphFile}`]);
  const process = await runGo(go, args, target.cwd, paths, options);
  const graphText = await fs.readFile(graphFile, 'utf8');
  return { args, process, actions: parseActionGraph(graphText), graphText };
}

/** The packages the compiler ran for in a `go build -x` of the target (stderr's -p values). */
export async function runBuildX(
  go: GoCommands,
  target: BuildTarget,
  paths: PrivatePaths,
): Promise<string[]> {
  const result = await runGo(go, buildArgs(target, ['-x']), target.cwd, paths);
  return compiledPackagesFromBuildX(result.stderr);
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

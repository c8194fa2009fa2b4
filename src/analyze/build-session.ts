// One build analysis (`analyze build`, `analyze cache`): go, helper and private directories, the
// build target, the private GOCACHE brought into the asked state (cold, warm, primed), and the
// measured build read from its action graph. Every go command gets private GOCACHE, GOMODCACHE
// and TMPDIR; the caller removes them (PrivateDirs), also on Ctrl-C.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActionGraphParseError, parseActionGraph, type BuildAction } from '../parse/actiongraph.js';
import { UsageError } from '../errors.js';
import { controlledEnv, goRelevant, type PrivatePaths } from '../measure/controlled-env.js';
import { ensureHelper } from '../measure/helper.js';
import type { PrivateDirs } from '../measure/private-dirs.js';
import { busyWarning, queryGo, resolveGo } from '../probe/index.js';
import { analyzeBuildGraph, type BuildGraphAnalysis } from './build-graph.js';
import { BUILD_REPORT_SCHEMA, type BuildAnalysisReport, type CacheState } from './build-report.js';
import {
  copyTree,
  runBuildX,
  runGo,
  runGraphBuild,
  type BuildTarget,
  type GoRunner,
} from './build-runner.js';

/** Default target: the source document's package. */
export const DEFAULT_PACKAGE = 'net/http';

/** What a build analysis is asked for (the options of `analyze build` and `analyze cache`). */
export interface BuildSessionOptions {
  package?: string[];
  project?: string;
  go?: string;
  env?: Record<string, string>;
  /** Seconds a go command may run before it is killed. */
  timeout: number;
  cache?: 'cold' | 'warm';
  prime?: string[];
  /** How many of the slowest compiles to keep. */
  top: number;
}

/** The GOCACHE state asked for: --prime, else --cache, else the command's default. */
export function cacheState(
  opts: Pick<BuildSessionOptions, 'cache' | 'prime'>,
  defaultCache: 'cold' | 'warm',
): CacheState {
  if (opts.prime?.length) {
    if (opts.cache) throw new UsageError('--prime and --cache exclude each other');
    return { state: 'primed', primedWith: opts.prime };
  }
  return { state: opts.cache ?? defaultCache, primedWith: [] };
}

async function targetOf(opts: BuildSessionOptions, workDir: string): Promise<BuildTarget> {
  if (opts.project === undefined) {
    return { packages: opts.package ?? [DEFAULT_PACKAGE], cwd: workDir, project: null };
  }
  const dir = path.resolve(opts.project);
  try {
    await fs.access(path.join(dir, 'go.mod'));
  } catch {
    throw new UsageError(`--project ${opts.project}: no go.mod in ${dir}`);
  }
  return { packages: opts.package ?? ['./...'], cwd: dir, project: dir };
}

function parseOrUsage(text: string, what: string): ReturnType<typeof parseActionGraph> {
  try {
    return parseActionGraph(text);
  } catch (err) {
    if (err instanceof ActionGraphParseError) throw new UsageError(`${what}: ${err.message}`);
    throw err;
  }
}

/** The session: toolchain, helper and private directories for one analysis. */
export interface Session {
  runner: GoRunner;
  dirs: PrivateDirs;
  paths: PrivatePaths;
  target: BuildTarget;
  go: { path: string; version: string; goroot: string };
  warnings: string[];
  say: (line: string) => void;
}

export async function openSession(
  opts: BuildSessionOptions,
  dirs: PrivateDirs,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<Session> {
  const goPath = resolveGo(opts.go, process.env);
  const warnings: string[] = [];
  const busy = busyWarning({ loadAvg1: os.loadavg()[0] ?? 0 }, os.availableParallelism());
  if (busy) warnings.push(`at start: ${busy}`);
  const helper = await ensureHelper();
  if (helper.kind === 'unavailable') warnings.push(`${helper.reason}; wall time only`);
  const paths: PrivatePaths = dirs.goPaths();
  const target = await targetOf(opts, dirs.named('work'));
  const env = controlledEnv(process.env, paths, opts.env ?? {});
  const info = await queryGo(goPath, env, target.cwd);
  const runner: GoRunner = {
    goPath,
    helperPath: helper.kind === 'built' ? helper.path : null,
    userEnv: process.env,
    overrides: opts.env ?? {},
    timeoutMs: opts.timeout * 1000,
    signal,
  };
  return {
    runner,
    dirs,
    paths,
    target,
    go: { path: info.path, version: info.version, goroot: info.env.GOROOT ?? '' },
    warnings,
    say,
  };
}

/** Brings the private GOCACHE into the requested state (untimed builds). */
export async function prepareCache(s: Session, state: CacheState): Promise<void> {
  const { runner, target, paths } = s;
  if (target.project !== null) {
    // Module downloads go to the private GOMODCACHE before anything is timed.
    s.say(`downloading the project's modules into a private GOMODCACHE (untimed)`);
    await runGo(
      runner,
      runner.goPath,
      ['list', '-e', '-deps', ...target.packages],
      target.cwd,
      paths,
    );
  }
  const prime = state.state === 'warm' ? target.packages : state.primedWith;
  if (prime.length) {
    s.say(`priming the private GOCACHE: go build -o /dev/null ${prime.join(' ')} (untimed)`);
    await runGo(runner, runner.goPath, ['build', '-o', '/dev/null', ...prime], target.cwd, paths);
  }
}

/**
 * The packages `go build -x` compiles in the same cache state as the measured build (--verify):
 * run in a copy of the prepared GOCACHE, so the measured build still finds it untouched.
 */
export async function compilesInCacheCopy(s: Session): Promise<string[]> {
  const copy = path.join(s.dirs.root, 'gocache-copy');
  await copyTree(s.paths.gocache, copy, s.runner.signal);
  s.say('verifying: go build -x with a copy of the same cache');
  return runBuildX(s.runner, s.target, { ...s.paths, gocache: copy });
}

/** The measured build: `go build` with -debug-actiongraph in the prepared cache, analyzed. */
export async function measureBuild(
  s: Session,
  opts: BuildSessionOptions,
  command: BuildAnalysisReport['command'],
  state: CacheState,
  saveGraph?: (graphText: string) => Promise<void>,
): Promise<{ report: BuildAnalysisReport; actions: BuildAction[] }> {
  const graphFile = path.join(s.dirs.named('graphs'), 'measured.json');
  s.say(
    `building ${s.target.packages.join(' ')} with ${state.state === 'cold' ? 'an empty' : 'the primed'} private GOCACHE`,
  );
  const built = await runGraphBuild(s.runner, s.target, s.paths, graphFile);
  if (saveGraph) await saveGraph(built.graphText);
  const p = built.process;
  const report: BuildAnalysisReport = {
    schemaVersion: BUILD_REPORT_SCHEMA,
    command,
    go: s.go,
    target: { packages: s.target.packages, project: s.target.project },
    cache: state,
    env: goRelevant(controlledEnv(process.env, s.paths, opts.env ?? {})),
    build: {
      args: built.args,
      wallNs: p.wallNs,
      userNs: p.userNs,
      sysNs: p.sysNs,
      peakRssBytes: p.peakRssBytes,
      measuredBy: p.measuredBy,
    },
    analysis: analyzeBuildGraph(built.actions, opts.top),
    verify: null,
    relocation: null,
    warnings: s.warnings,
  };
  return { report, actions: built.actions };
}

/** The report of a saved action graph (--graph FILE): no build, nothing measured. */
export function reportFromGraph(
  text: string,
  file: string,
  opts: { top: number },
  command: BuildAnalysisReport['command'],
): BuildAnalysisReport {
  const actions = parseOrUsage(text, `--graph ${file}`);
  let analysis: BuildGraphAnalysis;
  try {
    analysis = analyzeBuildGraph(actions, opts.top);
  } catch (err) {
    if (err instanceof ActionGraphParseError) {
      throw new UsageError(`--graph ${file}: ${err.message}`);
    }
    throw err;
  }
  return {
    schemaVersion: BUILD_REPORT_SCHEMA,
    command,
    go: null,
    target: { packages: [], project: null },
    cache: { state: 'graph-file', primedWith: [] },
    env: {},
    build: null,
    analysis,
    verify: null,
    relocation: null,
    warnings: [],
  };
}

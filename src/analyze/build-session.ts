// One build analysis (`analyze build`, `analyze cache`): the measurement context (go, helper,
// private directories, busy check), the build target, the private GOCACHE brought into the
// asked state (cold, warm, primed), and the measured build read from its action graph. Every go
// command gets private GOCACHE, GOMODCACHE and TMPDIR, removed at the end, also on Ctrl-C.
import path from 'node:path';
import { ActionGraphParseError, parseActionGraph, type BuildAction } from '../parse/actiongraph.js';
import { UsageError } from '../errors.js';
import { withContext, type MeasureContext } from '../measure/context.js';
import { goRelevant } from '../measure/controlled-env.js';
import { copyTree } from '../measure/tools.js';
import { analyzeBuildGraph, type BuildGraphAnalysis } from './build-graph.js';
import { BUILD_REPORT_SCHEMA, type BuildAnalysisReport, type CacheState } from './build-report.js';
import {
  buildContextOptions,
  projectDir,
  runBuildX,
  runGo,
  runGraphBuild,
  type BuildTarget,
  type GoRunOptions,
} from './build-runner.js';

/** Default target: the source document's package. */
export const DEFAULT_PACKAGE = 'net/http';

/** What a build analysis is asked for (the options of `analyze build` and `analyze cache`). */
export interface BuildSessionOptions extends GoRunOptions {
  package?: string[];
  project?: string;
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

function parseOrUsage(text: string, what: string): ReturnType<typeof parseActionGraph> {
  try {
    return parseActionGraph(text);
  } catch (err) {
    if (err instanceof ActionGraphParseError) throw new UsageError(`${what}: ${err.message}`);
    throw err;
  }
}

/** One analysis: the measurement context and the build target. */
export interface Session {
  ctx: MeasureContext;
  target: BuildTarget;
  go: { path: string; version: string; goroot: string };
  say: (line: string) => void;
}

/**
 * Checks --project, opens the measurement context (go, helper, private directories, busy check)
 * for a build analysis and runs `work` in it; the directories are removed afterwards, also when
 * `work` throws or Ctrl-C (`signal`) stops it.
 */
export async function withSession<T>(
  opts: BuildSessionOptions,
  signal: AbortSignal,
  say: (line: string) => void,
  work: (s: Session) => Promise<T>,
): Promise<T> {
  const project = await projectDir(opts.project);
  return withContext(buildContextOptions(opts, project, signal), (ctx) =>
    work({
      ctx,
      target: {
        packages: opts.package ?? (project === null ? [DEFAULT_PACKAGE] : ['./...']),
        cwd: project ?? ctx.workDir,
        project,
      },
      go: { path: ctx.go.path, version: ctx.go.version, goroot: ctx.go.env.GOROOT ?? '' },
      say,
    }),
  );
}

/** Brings the private GOCACHE into the requested state (untimed builds). */
export async function prepareCache(s: Session, state: CacheState): Promise<void> {
  const { ctx, target } = s;
  if (target.project !== null) {
    // Module downloads go to the private GOMODCACHE before anything is timed.
    s.say(`downloading the project's modules into a private GOMODCACHE (untimed)`);
    await runGo(ctx, ['list', '-e', '-deps', ...target.packages], target.cwd, ctx.paths);
  }
  const prime = state.state === 'warm' ? target.packages : state.primedWith;
  if (prime.length) {
    s.say(`priming the private GOCACHE: go build -o /dev/null ${prime.join(' ')} (untimed)`);
    await runGo(ctx, ['build', '-o', '/dev/null', ...prime], target.cwd, ctx.paths);
  }
}

/**
 * The packages `go build -x` compiles in the same cache state as the measured build (--verify):
 * run in a copy of the prepared GOCACHE, so the measured build still finds it untouched.
 */
export async function compilesInCacheCopy(s: Session): Promise<string[]> {
  const { ctx } = s;
  const copy = path.join(ctx.dirs.root, 'gocache-copy');
  await copyTree(ctx.runner, ctx.paths.gocache, copy);
  s.say('verifying: go build -x with a copy of the same cache');
  return runBuildX(ctx, s.target, { ...ctx.paths, gocache: copy });
}

/** The measured build: `go build` with -debug-actiongraph in the prepared cache, analyzed. */
export async function measureBuild(
  s: Session,
  opts: Pick<BuildSessionOptions, 'top'>,
  command: BuildAnalysisReport['command'],
  state: CacheState,
  saveGraph?: (graphText: string) => Promise<void>,
): Promise<{ report: BuildAnalysisReport; actions: BuildAction[] }> {
  const graphFile = path.join(s.ctx.dirs.named('graphs'), 'measured.json');
  s.say(
    `building ${s.target.packages.join(' ')} with ${state.state === 'cold' ? 'an empty' : 'the primed'} private GOCACHE`,
  );
  const built = await runGraphBuild(s.ctx, s.target, s.ctx.paths, graphFile);
  if (saveGraph) await saveGraph(built.graphText);
  const p = built.process;
  const report: BuildAnalysisReport = {
    schemaVersion: BUILD_REPORT_SCHEMA,
    command,
    go: s.go,
    target: { packages: s.target.packages, project: s.target.project },
    cache: state,
    env: goRelevant(s.ctx.env()),
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
    warnings: s.ctx.warnings,
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

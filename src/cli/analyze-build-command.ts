// `gobaseline analyze build` and `gobaseline analyze cache`: build a target with a private
// GOCACHE in a chosen state, read the go command's action graph, and report compile times,
// the critical path and the cache hit rate; `analyze cache --relocated-goroot` repeats the warm
// build with a copy of GOROOT elsewhere and the same GOCACHE. Every go command gets private
// GOCACHE, GOMODCACHE and TMPDIR, removed at the end (also on Ctrl-C).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ActionGraphParseError, parseActionGraph, type BuildAction } from '../parse/actiongraph.js';
import { cacheStats } from '../analyze/build-actions.js';
import { analyzeBuildGraph, type BuildGraphAnalysis } from '../analyze/build-graph.js';
import {
  BUILD_REPORT_SCHEMA,
  type BuildAnalysisReport,
  type CacheState,
  type RelocationResult,
  type RelocationRun,
} from '../analyze/build-report.js';
import { renderBuildReport, renderCacheReport, verifyLines } from '../report/build-report.js';
import {
  copyTree,
  countFiles,
  runBuildX,
  runGo,
  runGraphBuild,
  type BuildTarget,
  type GoRunner,
} from '../analyze/build-runner.js';
import { buildChartSvg } from '../report/build-svg.js';
import { compareWithBuildX } from '../analyze/build-x-agreement.js';
import { ExitCode, EnvironmentError, UsageError } from '../errors.js';
import { controlledEnv, goRelevant, type PrivatePaths } from '../measure/controlled-env.js';
import { ensureHelper } from '../measure/helper.js';
import { PrivateDirs } from '../measure/private-dirs.js';
import { busyWarning, queryGo, resolveGo } from '../probe/index.js';
import { probeStorage } from '../probe/storage.js';
import { compareSamples, median } from '../stats/index.js';
import { collectList, wholeNumber } from './options.js';
import { interruptible } from './interruptible.js';
import { exitForChecks } from './failed-checks.js';
import { writeOutput } from './output-file.js';
import { symlinksOutOf } from '../analyze/goroot-copy-check.js';
import {
  addBuildTargetOptions,
  addGoCommandOptions,
  type BuildTargetOptions,
  type GoCommandOptions,
} from './build-target-options.js';

/** Options shared by `analyze build` and `analyze cache`. */
export interface AnalyzeBuildOptions extends BuildTargetOptions, GoCommandOptions {
  cache?: 'cold' | 'warm';
  prime?: string[];
  top: number;
  svg?: string;
  json?: boolean;
  graph?: string;
  saveGraph?: string;
}

/** Options of `analyze cache` only. */
export interface AnalyzeCacheOptions extends AnalyzeBuildOptions {
  verify?: boolean;
  relocatedGoroot?: boolean;
  runs: number;
}

/** Default target: the source document's package. */
export const DEFAULT_PACKAGE = 'net/http';

function addSharedOptions(cmd: Command, defaultCache: 'cold' | 'warm'): Command {
  addBuildTargetOptions(cmd, DEFAULT_PACKAGE)
    .addOption(
      new Option(
        '--cache <state>',
        `GOCACHE state the build starts from (default: ${defaultCache})`,
      ).choices(['cold', 'warm']),
    )
    .option(
      '--prime <pkg>',
      'start from an empty GOCACHE primed by an untimed build of these packages (repeatable), e.g. net/url: a partly warm cache',
      collectList,
    )
    .option('--top <n>', 'how many of the slowest compiles to show', wholeNumber(1), 10)
    .option('--svg <file>', 'write a Gantt chart of the critical path and the slowest compiles')
    .option('--json', 'print the report as JSON instead of tables')
    .option(
      '--graph <file>',
      'analyze this action graph (go build -debug-actiongraph) instead of building',
    )
    .option('--save-graph <file>', "also write the build's raw action graph to this file");
  return addGoCommandOptions(cmd);
}

/** Adds `build` and `cache` to the `analyze` command; `setExit` receives the exit code. */
export function register(analyze: Command, setExit: (code: number) => void): void {
  addSharedOptions(
    analyze
      .command('build')
      .description(
        'per-package compile times and the critical path, from the action graph of a build with a private GOCACHE',
      ),
    'cold',
  )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  gobaseline analyze build                      # cold net/http: slowest compiles, critical path',
        '  gobaseline analyze build --project . --svg build.svg   # your module (./...), with a chart',
        '  gobaseline analyze build --graph graph.json   # from go build -debug-actiongraph=graph.json',
      ].join('\n'),
    )
    .action(async (opts: AnalyzeBuildOptions) => setExit(await analyzeBuildCommand(opts)));

  addSharedOptions(
    analyze
      .command('cache')
      .description(
        'build-cache hit rate from the action graph of a build with a private GOCACHE; --relocated-goroot: the same GOCACHE with GOROOT copied elsewhere',
      ),
    'warm',
  )
    .option('--verify', 'cross-check the hit count with `go build -x` in a copy of the same cache')
    .option(
      '--relocated-goroot',
      'time warm builds with GOROOT and with a copy of GOROOT elsewhere, same GOCACHE',
    )
    .option('--runs <n>', 'timed builds per GOROOT with --relocated-goroot', wholeNumber(1), 5)
    .addHelpText(
      'after',
      [
        '',
        'Compile actions are the graph\'s mode "build" actions; one that ran no tool (Cmd null)',
        'was served from the cache. Exit code 1 when --verify disagrees.',
        '',
        'Examples:',
        '  gobaseline analyze cache                        # warm net/http: every package from the cache',
        '  gobaseline analyze cache --prime net/url --verify   # partly warm, checked with go build -x',
        '  gobaseline analyze cache --relocated-goroot     # same GOCACHE, GOROOT copied elsewhere',
      ].join('\n'),
    )
    .action(async (opts: AnalyzeCacheOptions) => setExit(await analyzeCacheCommand(opts)));
}

/** Progress lines on stderr, unless --quiet. */
function progress(opts: AnalyzeBuildOptions): (line: string) => void {
  return opts.quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`);
}

function cacheState(opts: AnalyzeBuildOptions, defaultCache: 'cold' | 'warm'): CacheState {
  if (opts.prime?.length) {
    if (opts.cache) throw new UsageError('--prime and --cache exclude each other');
    return { state: 'primed', primedWith: opts.prime };
  }
  return { state: opts.cache ?? defaultCache, primedWith: [] };
}

async function targetOf(opts: AnalyzeBuildOptions, workDir: string): Promise<BuildTarget> {
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

/** Writes an output file named by an option; a file that cannot be written is a usage error. */
/** Reads an action graph file (--graph); a missing or unreadable file is a usage error. */
async function readGraphFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--graph ${file}: ${(err as Error).message}`);
  }
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
interface Session {
  runner: GoRunner;
  dirs: PrivateDirs;
  paths: PrivatePaths;
  target: BuildTarget;
  go: { path: string; version: string; goroot: string };
  warnings: string[];
  say: (line: string) => void;
}

async function openSession(
  opts: AnalyzeBuildOptions,
  dirs: PrivateDirs,
  signal: AbortSignal,
): Promise<Session> {
  const say = progress(opts);
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
async function prepareCache(s: Session, state: CacheState): Promise<void> {
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

async function measure(
  s: Session,
  opts: AnalyzeBuildOptions,
  command: BuildAnalysisReport['command'],
  state: CacheState,
): Promise<{ report: BuildAnalysisReport; actions: BuildAction[] }> {
  const graphFile = path.join(s.dirs.named('graphs'), 'measured.json');
  s.say(
    `building ${s.target.packages.join(' ')} with ${state.state === 'cold' ? 'an empty' : 'the primed'} private GOCACHE`,
  );
  const built = await runGraphBuild(s.runner, s.target, s.paths, graphFile);
  if (opts.saveGraph) await writeOutput(opts.saveGraph, built.graphText, '--save-graph');
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

function fromGraphFile(
  text: string,
  file: string,
  opts: AnalyzeBuildOptions,
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

async function output(
  report: BuildAnalysisReport,
  opts: AnalyzeBuildOptions,
  render: (r: BuildAnalysisReport) => string,
): Promise<void> {
  if (opts.svg) {
    const c = report.cache;
    const state =
      c.state === 'primed'
        ? `cache primed by ${c.primedWith.join(' ')}`
        : c.state === 'graph-file'
          ? 'from an action graph file'
          : `${c.state} cache`;
    const title = `gobaseline ${report.command} · ${report.target.packages.join(' ') || 'build'} · ${state}`;
    await writeOutput(opts.svg, buildChartSvg(title, report.analysis), '--svg');
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(render(report));
  if (opts.svg && !opts.quiet) process.stderr.write(`wrote ${opts.svg}\n`);
}

function refuseWithGraph(opts: AnalyzeCacheOptions | AnalyzeBuildOptions): void {
  const c = opts as AnalyzeCacheOptions;
  const clash = [
    opts.package && '--package',
    opts.project && '--project',
    opts.cache && '--cache',
    opts.prime && '--prime',
    opts.saveGraph && '--save-graph',
    c.verify && '--verify',
    c.relocatedGoroot && '--relocated-goroot',
  ].filter(Boolean);
  if (clash.length)
    throw new UsageError(`--graph reads a finished build; it excludes ${clash.join(', ')}`);
}

/** `gobaseline analyze build`; resolves to the exit code. */
export async function analyzeBuildCommand(opts: AnalyzeBuildOptions): Promise<number> {
  if (opts.graph !== undefined) {
    refuseWithGraph(opts);
    const text = await readGraphFile(opts.graph);
    await output(fromGraphFile(text, opts.graph, opts, 'analyze build'), opts, renderBuildReport);
    return ExitCode.ok;
  }
  const state = cacheState(opts, 'cold');
  const dirs = PrivateDirs.create();
  try {
    const report = await interruptible(async (signal) => {
      const s = await openSession(opts, dirs, signal);
      await prepareCache(s, state);
      return (await measure(s, opts, 'analyze build', state)).report;
    });
    await output(report, opts, renderBuildReport);
    return ExitCode.ok;
  } finally {
    dirs.dispose();
  }
}

function relocationRun(
  wallNs: number,
  actions: BuildAction[],
  newCacheFiles: number,
): RelocationRun {
  const c = cacheStats(actions);
  return {
    wallNs,
    cached: c.cached,
    ran: c.ran,
    hitRate: c.hitRate,
    ranPackages: c.ranPackages,
    newCacheFiles,
  };
}

/**
 * The GOROOT/GOCACHE experiment: with the (now warm) private GOCACHE, GOROOT is copied with
 * `cp -a` into the private directory; one build with the copy's go binary and GOROOT set to the
 * copy and cmd/go's package index off (GODEBUG=goindex=0), one with the index on (where a
 * GOROOT-dependent cache misses), then `runs` rounds of one build with each GOROOT, all against
 * the same GOCACHE.
 */
async function relocateGoroot(s: Session, runs: number): Promise<RelocationResult> {
  const original = s.go.goroot;
  if (!original) throw new EnvironmentError('`go env GOROOT` is empty; cannot relocate GOROOT');
  const graphs = s.dirs.named('graphs');
  const timed = async (
    label: string,
    goPath: string,
    extraEnv: Record<string, string>,
    i: number,
  ) => {
    const file = path.join(graphs, `${label}-${i}.json`);
    const before = await countFiles(s.paths.gocache);
    const b = await runGraphBuild(s.runner, s.target, s.paths, file, { goPath, extraEnv });
    return relocationRun(b.process.wallNs, b.actions, (await countFiles(s.paths.gocache)) - before);
  };
  const copy = path.join(s.dirs.root, 'goroot-copy');
  s.say(`copying ${original} to ${copy} (cp -a)`);
  const started = process.hrtime.bigint();
  // Copy the real directory: a GOROOT given as a symlink would otherwise be copied as a link.
  await copyTree(await fs.realpath(original), copy, s.runner.signal);
  const copyNs = Number(process.hrtime.bigint() - started);
  const escaping = await symlinksOutOf(copy);
  if (escaping.length > 0) {
    throw new EnvironmentError(
      `GOROOT ${original} links out of itself (${escaping.join(', ')}): a copy would still use the original files, so it cannot be relocated`,
    );
  }
  const copiedGo = path.join(copy, 'bin', 'go');
  try {
    await fs.access(copiedGo);
  } catch {
    throw new EnvironmentError(`no bin/go in the copy of GOROOT ${original}`);
  }
  const storage = await probeStorage({ original: original, copy });
  const env = { GOROOT: copy };
  s.say('GOROOT relocation: the first builds with the copy, same GOCACHE');
  const godebug = s.runner.overrides.GODEBUG ?? process.env.GODEBUG ?? '';
  const withoutIndex = await timed(
    'relocated-noindex',
    copiedGo,
    { ...env, GODEBUG: godebug ? `${godebug},goindex=0` : 'goindex=0' },
    0,
  );
  const first = await timed('relocated', copiedGo, env, 0);
  // Then alternate, so that a drift in the machine's load affects both sides alike.
  s.say(`GOROOT relocation: ${runs} more builds with each GOROOT, alternating`);
  const originalRuns: RelocationRun[] = [];
  const later: RelocationRun[] = [];
  for (let i = 1; i <= runs; i++) {
    originalRuns.push(await timed('original', s.runner.goPath, {}, i));
    later.push(await timed('relocated', copiedGo, env, i));
  }
  const base = median(originalRuns.map((r) => r.wallNs));
  return {
    originalGoroot: original,
    relocatedGoroot: copy,
    copyNs,
    storage,
    original: originalRuns,
    withoutIndex,
    firstRelocated: first,
    relocated: later,
    comparison: compareSamples(
      originalRuns.map((r) => r.wallNs),
      later.map((r) => r.wallNs),
    ),
    firstDeltaFraction: base > 0 ? first.wallNs / base - 1 : null,
  };
}

/** `gobaseline analyze cache`; resolves to the exit code. */
export async function analyzeCacheCommand(opts: AnalyzeCacheOptions): Promise<number> {
  if (opts.graph !== undefined) {
    refuseWithGraph(opts);
    const text = await readGraphFile(opts.graph);
    await output(fromGraphFile(text, opts.graph, opts, 'analyze cache'), opts, renderCacheReport);
    return ExitCode.ok;
  }
  const state = cacheState(opts, 'warm');
  const dirs = PrivateDirs.create();
  try {
    const report = await interruptible(async (signal) => {
      const s = await openSession(opts, dirs, signal);
      await prepareCache(s, state);
      let xCompiled: string[] | null = null;
      if (opts.verify) {
        // The same cache state for `go build -x`: a copy of the primed cache.
        const copy = path.join(dirs.root, 'gocache-copy');
        await copyTree(s.paths.gocache, copy, signal);
        s.say('verifying: go build -x with a copy of the same cache');
        xCompiled = await runBuildX(s.runner, s.target, { ...s.paths, gocache: copy });
      }
      const { report, actions } = await measure(s, opts, 'analyze cache', state);
      if (xCompiled !== null) report.verify = compareWithBuildX(actions, xCompiled);
      if (opts.relocatedGoroot) report.relocation = await relocateGoroot(s, opts.runs);
      return report;
    });
    await output(report, opts, renderCacheReport);
    const v = report.verify;
    return exitForChecks(
      v && !v.agrees
        ? [
            `--verify: the action graph disagrees with \`go build -x\`: ${verifyLines(v).join('; ')}`,
          ]
        : [],
    );
  } finally {
    dirs.dispose();
  }
}

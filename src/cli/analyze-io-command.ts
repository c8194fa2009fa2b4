// `gobaseline analyze io`: a build traced with `strace -f`, its file-system calls attributed to
// GOROOT/src, GOROOT/pkg, GOCACHE, GOMODCACHE, the project, ..., cold and warm GOCACHE side by
// side, checked against strace's own counts. `gobaseline analyze latency`: 4 KiB random-read
// latency on the filesystems of GOROOT, the temp dir, GOCACHE and GOMODCACHE.
// Every go command gets private GOCACHE, GOMODCACHE and TMPDIR, removed at the end (also on
// Ctrl-C); the user's own directories are never written.
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { areaRoots, attributeIo, checkCounts } from '../analyze/io-attribution.js';
import {
  INDEPENDENT_TOLERANCE,
  IO_REPORT_SCHEMA,
  type IoReport,
  type TracedBuild,
} from '../analyze/io-report.js';
import { failedChecks, renderIoReport } from '../report/io-report.js';
import { ioHeatMapSvg } from '../report/io-svg.js';
import {
  countFlags,
  hasSeccompBpf,
  requireStrace,
  runChecked,
  runUnderStrace,
  straceVersion,
  traceFlags,
  type TraceRunner,
} from '../analyze/io-tracer.js';
import {
  parseStraceSummary,
  parseStraceTrace,
  StraceParseError,
  type StraceTrace,
} from '../parse/strace.js';
import { EnvironmentError, ExitCode, UsageError } from '../errors.js';
import { controlledEnv, goRelevant, type PrivatePaths } from '../measure/controlled-env.js';
import { ensureHelper } from '../measure/helper.js';
import { PrivateDirs } from '../measure/private-dirs.js';
import {
  findOnPath,
  queryGo,
  readGoEnvFile,
  resolveGo,
  userGoCacheDir,
  userGoModCacheDir,
} from '../probe/index.js';
import { probeLatency, type LatencyEngine, type LatencyTarget } from '../measure/io-latency.js';
import {
  LATENCY_REPORT_SCHEMA,
  REFERENCE_LATENCIES,
  renderLatencyReport,
  type LatencyReport,
} from '../report/io-latency.js';
import { collectRepeat, wholeNumber } from './options.js';
import { interruptible } from './interruptible.js';
import { exitForChecks } from './failed-checks.js';
import { writeOutput } from './output-file.js';
import {
  addBuildTargetOptions,
  addGoCommandOptions,
  type BuildTargetOptions,
  type GoCommandOptions,
} from './build-target-options.js';

/** Default target of `analyze io`: small enough for a 2-core machine, big enough to matter. */
export const DEFAULT_IO_PACKAGE = 'net/url';

/** Options of `analyze io`. */
export interface AnalyzeIoOptions extends BuildTargetOptions, GoCommandOptions {
  cache: 'cold' | 'warm' | 'both';
  top: number;
  svg?: string;
  json?: boolean;
  verify?: boolean;
  trace?: string;
  saveTrace?: string;
}

/** Options of `analyze latency`. */
export interface AnalyzeLatencyOptions {
  engine: 'auto' | 'builtin' | 'fio' | 'both';
  reads: number;
  fileSize: number;
  dir?: string[];
  /** false with --no-direct. */
  direct: boolean;
  go?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Adds `io` and `latency` to the `analyze` command; `setExit` receives the exit code. */
export function register(analyze: Command, setExit: (code: number) => void): void {
  const io = addBuildTargetOptions(
    analyze
      .command('io')
      .description(
        'file-system calls of a build, traced with strace -f, by area (GOROOT, GOCACHE, GOMODCACHE, project, ...), cold and warm GOCACHE side by side',
      ),
    DEFAULT_IO_PACKAGE,
  )
    .addOption(
      new Option('--cache <state>', 'GOCACHE state(s) to trace')
        .choices(['cold', 'warm', 'both'])
        .default('both'),
    )
    .option('--top <n>', 'how many of the most-called files to list', wholeNumber(1), 10)
    .option('--svg <file>', 'write a heat map (areas × kinds of call, colour by count)')
    .option('--json', 'print the report as JSON instead of tables')
    .option(
      '--verify',
      'also count with a separate `strace -c -f` build in the same cache state (openat and stat family must agree within 5%)',
    )
    .option(
      '--trace <file>',
      'analyze this trace (strace -f -y -o FILE) instead of building; areas from go env and your GOCACHE/GOMODCACHE',
    )
    .option('--save-trace <dir>', 'also copy the raw trace files into this directory');
  addGoCommandOptions(io, 'a traced build').action(async (opts: AnalyzeIoOptions) =>
    setExit(await analyzeIoCommand(opts)),
  );

  analyze
    .command('latency')
    .description(
      '4 KiB random-read latency at queue depth 1 on the filesystems of GOROOT, the temp dir, GOCACHE and GOMODCACHE (fio when installed)',
    )
    .addOption(
      new Option('--engine <engine>', 'fio, the built-in probe, or both (auto: fio when installed)')
        .choices(['auto', 'builtin', 'fio', 'both'])
        .default('auto'),
    )
    .option('--reads <n>', 'timed reads per directory and engine', wholeNumber(10), 2000)
    .option('--file-size <MiB>', 'size of each private test file', wholeNumber(1), 64)
    .option('--dir <path>', 'also probe this directory, e.g. /dev/shm (repeatable)', collectRepeat)
    .option('--no-direct', 'buffered reads through the page cache instead of O_DIRECT')
    .option('--go <path>', 'the go binary whose GOROOT is probed (default: go on PATH)')
    .option('--json', 'print the results as JSON instead of a table')
    .option('-q, --quiet', 'no progress output')
    .action(async (opts: AnalyzeLatencyOptions) => setExit(await analyzeLatencyCommand(opts)));
}

function progress(quiet: boolean | undefined): (line: string) => void {
  return quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`);
}

/** The path as given and its real path, when they differ. */
async function spellings(dir: string | null | undefined): Promise<string[]> {
  if (!dir) return [];
  const abs = path.resolve(dir);
  try {
    const real = await fs.realpath(abs);
    return real === abs ? [abs] : [abs, real];
  } catch {
    return [abs];
  }
}

function parseTraceOr(text: string, what: string, asUsage: boolean): StraceTrace {
  try {
    return parseStraceTrace(text);
  } catch (err) {
    if (err instanceof StraceParseError) {
      const message = `${what}: cannot parse strace output: ${err.message}`;
      throw asUsage ? new UsageError(message) : new EnvironmentError(message);
    }
    throw err;
  }
}

/** Turns one parsed trace into the report's entry for a build. */
function tracedBuild(
  cache: TracedBuild['cache'],
  argv: string[],
  text: string,
  trace: StraceTrace,
  roots: ReturnType<typeof areaRoots>,
  top: number,
  proc: { wallNs: number; userNs: number | null; sysNs: number | null } | null,
): TracedBuild {
  const attribution = attributeIo(trace.calls, roots, top);
  return {
    cache,
    argv,
    wallNs: proc?.wallNs ?? null,
    userNs: proc?.userNs ?? null,
    sysNs: proc?.sysNs ?? null,
    traceLines: text.split('\n').filter((l) => l.trim() !== '').length,
    calls: trace.calls.length,
    joinedCalls: trace.calls.filter((c) => c.joined).length,
    neverResumed: trace.neverResumed,
    attribution,
    sameTraceCheck: trace.summary ? checkCounts(attribution.bySyscall, trace.summary, 0) : null,
    independentCheck: null,
  };
}

async function output(report: IoReport, opts: AnalyzeIoOptions): Promise<void> {
  if (opts.svg) await writeOutput(opts.svg, ioHeatMapSvg(report), '--svg');
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderIoReport(report));
  if (opts.svg && !opts.quiet) process.stderr.write(`wrote ${opts.svg}\n`);
}

/** Exit 1 when a count check failed (the parsed counts disagree with strace's own). */
function exitFor(report: IoReport): number {
  return exitForChecks(failedChecks(report).map((l) => `count check failed: ${l}`));
}

/** `--trace FILE`: attribute a saved trace, with GOROOT from go env and the user's caches. */
async function fromTraceFile(opts: AnalyzeIoOptions): Promise<IoReport> {
  const clash = [
    opts.package && '--package',
    opts.project && '--project',
    opts.verify && '--verify',
    opts.saveTrace && '--save-trace',
  ].filter(Boolean);
  if (clash.length)
    throw new UsageError(`--trace reads a finished trace; it excludes ${clash.join(', ')}`);
  const file = opts.trace as string;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--trace ${file}: ${(err as Error).message}`);
  }
  const trace = parseTraceOr(text, `--trace ${file}`, true);
  const dirs = PrivateDirs.create();
  try {
    const paths: PrivatePaths = dirs.goPaths();
    const goPath = resolveGo(opts.go, process.env);
    const info = await queryGo(goPath, controlledEnv(process.env, paths, opts.env ?? {}));
    const goroot = info.env.GOROOT ?? '';
    const roots = areaRoots({
      goroot: await spellings(goroot),
      gorootSrc: await spellings(goroot && path.join(goroot, 'src')),
      gorootPkg: await spellings(goroot && path.join(goroot, 'pkg')),
      gocache: await spellings(userGoCacheDir(process.env, readGoEnvFile(process.env))),
      gomodcache: await spellings(userGoModCacheDir(process.env, readGoEnvFile(process.env))),
      project: [],
      tmpdir: await spellings(os.tmpdir()),
    });
    return {
      schemaVersion: IO_REPORT_SCHEMA,
      command: 'analyze io',
      go: { path: info.path, version: info.version, goroot },
      target: { packages: [], project: null },
      strace: null,
      roots,
      env: {},
      builds: [tracedBuild('trace-file', [], text, trace, roots, opts.top, null)],
      warnings: [],
    };
  } finally {
    dirs.dispose();
  }
}

/** `gobaseline analyze io`; resolves to the exit code. */
export async function analyzeIoCommand(opts: AnalyzeIoOptions): Promise<number> {
  if (opts.trace !== undefined) {
    const report = await fromTraceFile(opts);
    await output(report, opts);
    return exitFor(report);
  }
  const stracePath = requireStrace(process.env.PATH);
  const say = progress(opts.quiet);
  const dirs = PrivateDirs.create();
  try {
    const report = await interruptible((signal) =>
      traceBuilds(opts, stracePath, dirs, signal, say),
    );
    await output(report, opts);
    return exitFor(report);
  } finally {
    dirs.dispose();
  }
}

async function traceBuilds(
  opts: AnalyzeIoOptions,
  stracePath: string,
  dirs: PrivateDirs,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<IoReport> {
  const goPath = resolveGo(opts.go, process.env);
  const warnings: string[] = [];
  const helper = await ensureHelper();
  if (helper.kind === 'unavailable') warnings.push(`${helper.reason}; wall time only`);
  const paths: PrivatePaths = dirs.goPaths();
  let cwd = dirs.named('work');
  let project: string | null = null;
  if (opts.project !== undefined) {
    project = path.resolve(opts.project);
    try {
      await fs.access(path.join(project, 'go.mod'));
    } catch {
      throw new UsageError(`--project ${opts.project}: no go.mod in ${project}`);
    }
    cwd = project;
  }
  const packages = opts.package ?? (project ? ['./...'] : [DEFAULT_IO_PACKAGE]);
  // `go env -json` writes build-cache entries: give it its own GOCACHE so the traced cold
  // build starts from a really empty one.
  const queryPaths = { ...paths, gocache: dirs.named('gocache-query') };
  const info = await queryGo(goPath, controlledEnv(process.env, queryPaths, opts.env ?? {}), cwd);
  const goroot = info.env.GOROOT ?? '';
  const runner: TraceRunner = {
    stracePath,
    goPath,
    helperPath: helper.kind === 'built' ? helper.path : null,
    userEnv: process.env,
    overrides: opts.env ?? {},
    timeoutMs: opts.timeout * 1000,
    signal,
  };
  const goArgs = ['build', '-o', '/dev/null', ...packages];
  if (project !== null) {
    // Modules go to the private GOMODCACHE before anything is traced, with a throwaway
    // GOCACHE so that the traced cold build starts from an empty one.
    say("downloading the project's modules into a private GOMODCACHE (untraced)");
    await runChecked(
      runner,
      [goPath, 'mod', 'download'],
      cwd,
      { ...paths, gocache: dirs.named('gocache-download') },
      '`go mod download`',
    );
  }
  const roots = areaRoots({
    goroot: await spellings(goroot),
    gorootSrc: await spellings(goroot && path.join(goroot, 'src')),
    gorootPkg: await spellings(goroot && path.join(goroot, 'pkg')),
    gocache: [
      ...(await spellings(paths.gocache)),
      ...(opts.verify ? await spellings(path.join(dirs.root, 'gocache-verify')) : []),
    ],
    gomodcache: await spellings(paths.gomodcache),
    // The build's directory: the project, or the empty private directory std builds run in.
    project: await spellings(cwd),
    tmpdir: await spellings(paths.tmpdir),
  });
  const version = await straceVersion(stracePath);
  const seccomp = hasSeccompBpf(version);
  const traces = dirs.named('traces');
  const builds: TracedBuild[] = [];
  const states = opts.cache === 'both' ? (['cold', 'warm'] as const) : [opts.cache];
  for (const state of states) {
    if (state === 'warm' && opts.cache === 'warm') {
      say(`priming the private GOCACHE: go ${goArgs.join(' ')} (untraced)`);
      await runChecked(runner, [goPath, ...goArgs], cwd, paths, `\`go ${goArgs.join(' ')}\``);
    }
    const file = path.join(traces, `${state}.trace`);
    say(
      `tracing go ${goArgs.join(' ')} with ${state === 'cold' ? 'an empty' : 'the warm'} private GOCACHE`,
    );
    const run = await runUnderStrace(runner, traceFlags(file, seccomp), file, goArgs, cwd, paths);
    if (opts.saveTrace) {
      try {
        await fs.mkdir(opts.saveTrace, { recursive: true });
        await fs.copyFile(file, path.join(opts.saveTrace, `${state}.trace`));
      } catch (err) {
        throw new UsageError(`--save-trace ${opts.saveTrace}: ${(err as Error).message}`);
      }
    }
    const trace = parseTraceOr(run.output, `the ${state} trace`, false);
    const build = tracedBuild(state, run.argv, run.output, trace, roots, opts.top, run.process);
    if (opts.verify) {
      // The same build in the same cache state, counted by strace alone: a fresh empty GOCACHE
      // for cold; for warm, the same GOCACHE again (a warm build leaves it as it found it).
      const verifyPaths =
        state === 'cold' ? { ...paths, gocache: path.join(dirs.root, 'gocache-verify') } : paths;
      await fs.mkdir(verifyPaths.gocache, { recursive: true });
      const summaryFile = path.join(traces, `${state}.summary`);
      say(`verifying: strace -c -f go ${goArgs.join(' ')} (${state})`);
      const counted = await runUnderStrace(
        runner,
        countFlags(summaryFile, seccomp),
        summaryFile,
        goArgs,
        cwd,
        verifyPaths,
      );
      let summary;
      try {
        summary = parseStraceSummary(counted.output);
      } catch (err) {
        if (err instanceof StraceParseError)
          throw new EnvironmentError(`strace -c output: ${err.message}`);
        throw err;
      }
      build.independentCheck = {
        argv: counted.argv,
        checks: checkCounts(build.attribution.bySyscall, summary, INDEPENDENT_TOLERANCE),
      };
    }
    builds.push(build);
  }
  if (builds.some((b) => b.neverResumed > 0))
    warnings.push(
      'some calls never returned (a thread ended inside them); strace -c does not count them either',
    );
  return {
    schemaVersion: IO_REPORT_SCHEMA,
    command: 'analyze io',
    go: { path: info.path, version: info.version, goroot },
    target: { packages, project },
    strace: { path: stracePath, version: version ?? '?' },
    roots,
    env: goRelevant(controlledEnv(process.env, paths, opts.env ?? {})),
    builds,
    warnings,
  };
}

function engines(choice: AnalyzeLatencyOptions['engine'], fioPath: string | null): LatencyEngine[] {
  if (choice === 'both') return ['builtin', 'fio'];
  if (choice === 'builtin') return ['builtin'];
  if (choice === 'fio') {
    if (!fioPath)
      throw new EnvironmentError('fio is not installed (Debian: apt-get install -y fio)');
    return ['fio'];
  }
  return fioPath ? ['fio'] : ['builtin'];
}

async function fioVersion(fioPath: string): Promise<string | null> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) =>
    execFile(fioPath, ['--version'], { timeout: 10_000 }, (err, stdout) =>
      resolve(err ? null : stdout.trim() || null),
    ),
  );
}

/** `gobaseline analyze latency`; resolves to the exit code. */
export async function analyzeLatencyCommand(opts: AnalyzeLatencyOptions): Promise<number> {
  const say = progress(opts.quiet);
  const fioPath = findOnPath('fio', process.env.PATH);
  const chosen = engines(opts.engine, fioPath);
  const goPath = resolveGo(opts.go, process.env);
  const dirs = PrivateDirs.create();
  let goroot: string;
  try {
    const paths: PrivatePaths = dirs.goPaths();
    const info = await queryGo(goPath, controlledEnv(process.env, paths, {}));
    goroot = info.env.GOROOT ?? '';
  } finally {
    dirs.dispose();
  }
  if (!goroot) throw new EnvironmentError('`go env GOROOT` is empty');
  const targets: LatencyTarget[] = [
    { role: 'GOROOT', dir: goroot, method: 'read-existing' },
    { role: 'temp dir', dir: os.tmpdir(), method: 'test-file-inside' },
  ];
  const gocache = userGoCacheDir(process.env, readGoEnvFile(process.env));
  if (gocache) targets.push({ role: 'GOCACHE location', dir: gocache, method: 'test-file-beside' });
  const gomodcache = userGoModCacheDir(process.env, readGoEnvFile(process.env));
  if (gomodcache)
    targets.push({ role: 'GOMODCACHE location', dir: gomodcache, method: 'test-file-beside' });
  for (const d of opts.dir ?? []) {
    const abs = path.resolve(d);
    try {
      if (!(await fs.stat(abs)).isDirectory()) throw new Error('not a directory');
    } catch (err) {
      throw new UsageError(`--dir ${d}: ${(err as Error).message}`);
    }
    targets.push({ role: abs, dir: abs, method: 'test-file-inside' });
  }
  let mountinfo = '';
  try {
    mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    // Not Linux: filesystems stay unknown.
  }
  const results = await probeLatency(
    targets,
    {
      engines: chosen,
      reads: opts.reads,
      fileBytes: opts.fileSize * 1024 * 1024,
      direct: opts.direct,
      fioPath,
      say,
    },
    mountinfo,
  );
  const report: LatencyReport = {
    schemaVersion: LATENCY_REPORT_SCHEMA,
    command: 'analyze latency',
    reads: opts.reads,
    testFileBytes: opts.fileSize * 1024 * 1024,
    engines: chosen,
    fio: fioPath ? { path: fioPath, version: await fioVersion(fioPath) } : null,
    results,
    reference: REFERENCE_LATENCIES,
    warnings:
      fioPath || opts.engine === 'builtin'
        ? []
        : ['fio is not installed (Debian: apt-get install -y fio): built-in probe'],
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderLatencyReport(report));
  if (results.some((r) => r.measurements.length > 0)) return ExitCode.ok;
  const why = results.map((r) => `${r.role}: ${r.skipped ?? 'no measurement'}`).join('; ');
  process.stderr.write(`gobaseline: no directory could be measured (${why})\n`);
  return ExitCode.environment;
}

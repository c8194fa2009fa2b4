// `analyze io`'s tracing session: a build traced with `strace -f`, its file-system calls
// attributed to GOROOT/src, GOROOT/pkg, GOCACHE, GOMODCACHE, the project, ..., cold and warm
// GOCACHE side by side, checked against strace's own counts; or a saved trace attributed.
// Every go command gets private GOCACHE, GOMODCACHE and TMPDIR (the measurement context's),
// removed at the end, also on Ctrl-C.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';
import { withContext, type MeasureContext } from '../measure/context.js';
import { goRelevant } from '../measure/controlled-env.js';
import { ensureDir } from '../measure/own-dirs.js';
import {
  parseStraceSummary,
  parseStraceTrace,
  StraceParseError,
  type StraceTrace,
} from '../parse/strace.js';
import { readGoEnvFile, userGoCacheDir, userGoModCacheDir } from '../probe/index.js';
import { buildContextOptions, projectDir, runGo, type GoRunOptions } from './build-runner.js';
import { areaRoots, attributeIo, checkCounts } from './io-attribution.js';
import {
  INDEPENDENT_TOLERANCE,
  IO_REPORT_SCHEMA,
  type IoReport,
  type TracedBuild,
} from './io-report.js';
import {
  countFlags,
  hasSeccompBpf,
  runUnderStrace,
  straceVersion,
  traceFlags,
  type TraceCommands,
} from './io-tracer.js';

/** Default target of `analyze io`: small enough for a 2-core machine, big enough to matter. */
export const DEFAULT_IO_PACKAGE = 'net/url';

/** What `analyze io` is asked for (its command-line options). */
export interface IoSessionOptions extends GoRunOptions {
  package?: string[];
  project?: string;
  cache: 'cold' | 'warm' | 'both';
  top: number;
  verify?: boolean;
  trace?: string;
  saveTrace?: string;
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

/** `--trace FILE`: attribute a saved trace, with GOROOT from go env and the user's caches. */
export async function fromTraceFile(
  opts: IoSessionOptions,
  signal: AbortSignal,
): Promise<IoReport> {
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
  return withContext(buildContextOptions(opts, null, signal), async ({ go: info }) => {
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
  });
}

/**
 * Traces `go build` of the target under `strace -f` with a cold and/or warm private GOCACHE and
 * attributes its calls; with `verify`, counts the same build again with `strace -c -f`.
 */
export async function traceBuilds(
  opts: IoSessionOptions,
  stracePath: string,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<IoReport> {
  const project = await projectDir(opts.project);
  return withContext(buildContextOptions(opts, project, signal), (ctx) =>
    traceIn({ ...ctx, stracePath }, opts, project, say),
  );
}

async function traceIn(
  ctx: MeasureContext & TraceCommands,
  opts: IoSessionOptions,
  project: string | null,
  say: (line: string) => void,
): Promise<IoReport> {
  const { dirs, paths, warnings, go: info, stracePath } = ctx;
  const cwd = project ?? ctx.workDir;
  const packages = opts.package ?? (project ? ['./...'] : [DEFAULT_IO_PACKAGE]);
  const goroot = info.env.GOROOT ?? '';
  const goArgs = ['build', '-o', '/dev/null', ...packages];
  if (project !== null) {
    // Modules go to the private GOMODCACHE before anything is traced, with a throwaway
    // GOCACHE so that the traced cold build starts from an empty one.
    say("downloading the project's modules into a private GOMODCACHE (untraced)");
    await runGo(ctx, ['mod', 'download'], cwd, {
      ...paths,
      gocache: dirs.named('gocache-download'),
    });
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
  const version = await straceVersion(ctx);
  const seccomp = hasSeccompBpf(version);
  const traces = dirs.named('traces');
  const builds: TracedBuild[] = [];
  const states = opts.cache === 'both' ? (['cold', 'warm'] as const) : [opts.cache];
  for (const state of states) {
    if (state === 'warm' && opts.cache === 'warm') {
      say(`priming the private GOCACHE: go ${goArgs.join(' ')} (untraced)`);
      await runGo(ctx, goArgs, cwd, paths);
    }
    const file = path.join(traces, `${state}.trace`);
    say(
      `tracing go ${goArgs.join(' ')} with ${state === 'cold' ? 'an empty' : 'the warm'} private GOCACHE`,
    );
    const run = await runUnderStrace(ctx, traceFlags(file, seccomp), file, goArgs, cwd, paths);
    if (opts.saveTrace) {
      const saveIn = ensureDir(opts.saveTrace, `--save-trace ${opts.saveTrace}`, 'self');
      try {
        await fs.copyFile(file, path.join(saveIn, `${state}.trace`));
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
        ctx,
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
    env: goRelevant(ctx.env()),
    builds,
    warnings,
  };
}

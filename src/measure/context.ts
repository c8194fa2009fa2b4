// The measurement context every measuring command opens first (`run`, each `analyze` topic, the
// latency probe): the go binary resolved and queried, the rusage helper built or found, the
// CommandRunner, the private directories, and the warnings every report carries (a busy
// machine, no helper). One place, so every command starts and warns the same way.
import os from 'node:os';
import { busyWarning, queryGo, resolveGo, type GoInfo } from '../probe/index.js';
import type { CommandRunner } from './command-runner.js';
import { realCommandRunner } from './command-runner.js';
import { controlledEnv, withOwnGoroot, type PrivatePaths } from './controlled-env.js';
import { ensureHelper } from './helper.js';
import { PrivateDirs } from './private-dirs.js';

/** What to open a context with. */
export interface ContextOptions {
  /** The go binary as the user named it (--go); undefined for the go on PATH. */
  go?: string;
  /** The user's environment (process.env); never modified. */
  userEnv: NodeJS.ProcessEnv;
  /** --env KEY=VALUE pairs, applied after the controlled defaults. */
  overrides: Record<string, string>;
  /** Kill a command running longer than this, in ms. */
  timeoutMs: number;
  /** Ctrl-C: stops the running command. */
  signal: AbortSignal;
  /** Where go is queried: a module's directory (its toolchain line applies); default a private empty one. */
  queryCwd?: string;
  /**
   * False for a toolchain that must find its own GOROOT (a GOROOT exported for the local go would
   * give it the wrong standard library), unless --env sets one. Default true.
   */
  inheritsGoroot?: boolean;
}

/** What running a go command needs: the runner, the go binary, the controlled environment. */
export interface GoCommands {
  runner: CommandRunner;
  /** The go binary that is run (absolute). */
  goPath: string;
  /** The controlled environment with `paths` (default the context's) and extra variables. */
  env(paths?: PrivatePaths, extra?: Record<string, string>): Record<string, string>;
}

/** An open measurement context; close() removes its private directories. */
export interface MeasureContext extends GoCommands {
  /** `go version` and `go env -json` of that binary, run with the controlled environment. */
  go: GoInfo;
  dirs: PrivateDirs;
  /** The private GOCACHE, GOMODCACHE and TMPDIR under dirs. */
  paths: PrivatePaths;
  /** An empty private directory for builds of standard packages. */
  workDir: string;
  /** What every report says about how it was measured: busy machine, no helper. */
  warnings: string[];
  close(): void;
}

/** The load now and the busy warning for it, if any; `when` prefixes the warning. */
export function loadCheck(when: 'at start' | 'at end'): {
  loadAvg1: number;
  threads: number;
  warning: string | null;
} {
  const loadAvg1 = os.loadavg()[0] ?? 0;
  const threads = os.availableParallelism();
  const busy = busyWarning({ loadAvg1 }, threads);
  return { loadAvg1, threads, warning: busy ? `${when}: ${busy}` : null };
}

/**
 * Opens a context: resolves and queries go, builds (or finds) the rusage helper, creates the
 * private directories, and notes a busy machine. Throws ToolchainError (exit 3) for a go that
 * cannot be found or run; the directories are removed again when it throws.
 */
export async function openContext(opts: ContextOptions): Promise<MeasureContext> {
  const goPath = resolveGo(opts.go, opts.userEnv);
  const warnings: string[] = [];
  const busy = loadCheck('at start').warning;
  if (busy) warnings.push(busy);
  const helper = await ensureHelper(opts.userEnv);
  if (helper.kind === 'unavailable') {
    warnings.push(`no rusage helper (${helper.reason}): wall time only, no CPU or peak RSS`);
  }
  const dirs = PrivateDirs.create();
  try {
    const paths = dirs.goPaths();
    const env = (p: PrivatePaths = paths, extra: Record<string, string> = {}) => {
      const overrides = { ...opts.overrides, ...extra };
      const out = controlledEnv(opts.userEnv, p, overrides);
      return opts.inheritsGoroot === false ? withOwnGoroot(out, overrides) : out;
    };
    const workDir = dirs.named('work');
    // `go env -json` writes build-cache entries: it gets a GOCACHE of its own, so a cold
    // build afterwards starts from a really empty one.
    const go = await queryGo(
      goPath,
      env({ ...paths, gocache: dirs.named('gocache-query') }),
      opts.queryCwd ?? workDir,
    );
    const runner = realCommandRunner({
      helperPath: helper.kind === 'built' ? helper.path : null,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      baseEnv: opts.userEnv,
    });
    return { runner, goPath, go, dirs, paths, workDir, warnings, env, close: () => dirs.dispose() };
  } catch (err) {
    dirs.dispose();
    throw err;
  }
}

/** Runs `work` in an open context and closes it afterwards, also when `work` throws. */
export async function withContext<T>(
  opts: ContextOptions,
  work: (ctx: MeasureContext) => Promise<T>,
): Promise<T> {
  const ctx = await openContext(opts);
  try {
    return await work(ctx);
  } finally {
    ctx.close();
  }
}

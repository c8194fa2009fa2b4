// `analyze modules --project DIR`: the modes of modules-modes.ts's projectModes on the user's own
// module. measure/project.ts copies it into the private directory and downloads its dependencies
// once (untimed) into a private module cache, or the one --modcache names; vendor mode runs on
// its own vendor/, or on a temporary copy where `--try-vendor` ran `go mod vendor`; -mod=mod runs
// in a copy of its own. The user's tree is only read, so its go.mod and go.sum never change; the
// cold-cache mode always empties a private cache, never the one --modcache names.
import fs from 'node:fs';
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import { loadCheck, type MeasureContext } from '../measure/context.js';
import { networkSettingsFromFile, prepareProject } from '../measure/project.js';
import { succeeded } from '../measure/process-runner.js';
import type { ProgressSink, SampledConfiguration } from '../measure/sampler.js';
import { copyTree } from '../measure/tools.js';
import { readGoEnvFile } from '../probe/index.js';
import { judgeModulesClaims } from './modules-claims.js';
import { projectModes, type ModuleMode } from './modules-modes.js';
import type { ModulesProject, ModulesReport } from './modules-report.js';
import {
  assembleReport,
  coldSettings,
  goVersion,
  measureModeCommands,
} from './modules-sampling.js';

/** What `analyze modules --project` measures. */
export interface ModulesProjectOptions {
  /** The module's root (checked with checkProjectDir). */
  dir: string;
  /** Make vendor/ with `go mod vendor` in a temporary copy when the module has none. */
  tryVendor: boolean;
  /** A module cache to download into instead of a private one (kept afterwards). */
  modcache?: string;
  runs: number;
  /** Counted runs of the cold-module-cache mode, when fewer than `runs`. */
  coldRuns?: number;
  warmup: number;
  /** The GOCACHE of the warm builds; default one under the context's private directory. */
  warmCacheDir?: string;
  /** The user's environment: its go env file's network settings reach the downloads. */
  userEnv: NodeJS.ProcessEnv;
}

/** Non-empty lines of a go command's output. */
const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

/** The go command's complaint on one line, for a skipped cell. */
const complaint = (stderr: string): string => lines(stderr).slice(0, 2).join(' ').trim();

/** Measures the user's module in an open context and builds the report. */
export async function measureProject(
  ctx: MeasureContext,
  opts: ModulesProjectOptions,
  progress: ProgressSink,
  say: (line: string) => void,
): Promise<ModulesReport> {
  const start = loadCheck('at start');
  const { dirs, runner, goPath } = ctx;
  const started = process.hrtime.bigint();
  const modcache = opts.modcache ?? dirs.named('gomodcache-project');
  const gopath = dirs.named('gopath-project');
  const warmCache = opts.warmCacheDir ?? dirs.named('gocache-warm');
  const fromFile = networkSettingsFromFile(
    opts.userEnv,
    readGoEnvFile(opts.userEnv)?.settings ?? {},
  );
  // GOPROXY and the rest as configured (environment, else go env file): the cold mode needs them.
  const base = ctx.env(
    { ...ctx.paths, gocache: warmCache, gomodcache: modcache },
    { ...fromFile, GOPATH: gopath, GOWORK: 'off' },
  );
  const module = await prepareProject(opts.dir, {
    runner,
    dirs,
    goPath,
    env: base,
    userEnv: opts.userEnv,
    modcacherw: opts.modcache === undefined,
    progress: (text) => say(`project: ${text}`),
  });
  const offline = { ...base, GOPROXY: 'off', GOSUMDB: 'off' };
  const goList = async (args: string[]): Promise<string[]> =>
    lines(
      (
        await runner.runOrFail({
          argv: [goPath, 'list', '-mod=readonly', ...args],
          env: offline,
          cwd: module.dir,
          kind: 'tool',
          captureStdout: true,
        })
      ).stdout,
    );
  const dependencyModules = (await goList(['-m', 'all'])).length - 1;
  const packages = (await goList(['./...'])).length;

  let vendor: ModulesProject['vendor'] = fs.existsSync(path.join(module.dir, 'vendor'))
    ? 'own'
    : null;
  let vendorProblem: string | null = null;
  const vendored = path.join(dirs.root, 'project-vendor');
  if (vendor === null && opts.tryVendor) {
    say('project: go mod vendor (in a temporary copy, --try-vendor)');
    await copyTree(runner, module.dir, vendored);
    const made = await runner.run({
      argv: [goPath, 'mod', 'vendor'],
      env: offline,
      cwd: vendored,
      kind: 'tool',
    });
    if (made.interrupted) throw new InterruptedError();
    if (succeeded(made)) vendor = 'made';
    else vendorProblem = `go mod vendor failed: ${complaint(made.stderr)}`;
  }
  const modCopy = path.join(dirs.root, 'project-mod');
  await copyTree(runner, module.dir, modCopy);
  const prepareNs = Number(process.hrtime.bigint() - started);

  const modes = projectModes({ scratchDir: dirs.root, vendor }).map((m): ModuleMode =>
    m.id === 'vendor' && vendorProblem ? { ...m, notApplicable: vendorProblem } : m,
  );
  const dirOf: Record<ModuleMode['dir'], string> = {
    main: module.dir,
    vendored,
    'mod-copy': modCopy,
    gopath: module.dir,
  };
  // The cold mode empties the private module cache (moved aside, put back), so its packages keep
  // their paths and build-cache entries; a cache the user named is never moved: a private one.
  const coldModCache = opts.modcache === undefined ? modcache : dirs.fresh('gomodcache-cold');
  const configurations = modes.map((mode): SampledConfiguration => ({
    configuration: { name: mode.id, toolchain: goVersion(ctx), env: mode.env, build: {} },
    goPath,
    env: base,
    cwd: dirOf[mode.dir],
    ...coldSettings(mode, coldModCache, opts.coldRuns),
  }));
  const commands = await measureModeCommands(
    { idPrefix: 'project', subject: `on ${module.modulePath}`, modes, configurations },
    opts,
    { runner, dirs, warmCacheDir: warmCache, progress },
  );
  const interrupted = commands.length < 3 || runner.signal.aborted;
  const project: ModulesProject = {
    dir: opts.dir,
    modulePath: module.modulePath,
    dependencyModules,
    packages,
    vendor,
    modcache: opts.modcache ?? null,
    prepareNs,
    commands,
  };
  return assembleReport(ctx, start, {
    status: interrupted ? 'interrupted' : 'complete',
    sizes: [],
    workspace: null,
    project,
    runs: opts.runs,
    coldRuns: Math.min(opts.runs, opts.coldRuns ?? opts.runs),
    warmup: opts.warmup,
    modes,
    perSize: [],
    scaling: [],
    claims: judgeModulesClaims(
      commands.length > 0 ? [{ modules: dependencyModules, commands }] : [],
    ),
  });
}

// `analyze modules`'s session: for each size a workspace is generated once (generate/, with its
// GOPATH tree and vendored copy) into the context's private directory, then each command is
// timed under every mode, interleaved (modules-sampling.ts). Each size's files and
// caches are removed before the next; everything lies under the context's private root,
// removed at the end, also on Ctrl-C. Ctrl-C keeps what was measured.
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import { LAYOUT, generateWorkspace, localProxyEnv } from '../generate/workspace-writer.js';
import type { GenerateOptions } from '../generate/plan.js';
import { loadCheck, type MeasureContext } from '../measure/context.js';
import { removeTree } from '../measure/private-dirs.js';
import type { ProgressSink, SampledConfiguration, SamplerContext } from '../measure/sampler.js';
import { judgeModulesClaims } from './modules-claims.js';
import { moduleModes, type ModuleMode } from './modules-modes.js';
import type { ModulesReport, ModulesSize } from './modules-report.js';
import {
  assembleReport,
  coldSettings,
  goVersion,
  measureModeCommands,
} from './modules-sampling.js';
import { scalingCurves } from './modules-scaling.js';

/** What `analyze modules` measures. */
export interface ModulesSessionOptions {
  /** Dependency modules per workspace, ascending, each >= 1. */
  sizes: number[];
  /** The generator's options apart from the size (depth is capped at each size). */
  workspace: Omit<GenerateOptions, 'modules'>;
  runs: number;
  /** Counted runs of the cold-module-cache mode, when fewer than `runs`. */
  coldRuns?: number;
  warmup: number;
  /**
   * The GOCACHE of the warm builds, shared by the sizes (the standard library is compiled once);
   * default one under the context's private directory.
   */
  warmCacheDir?: string;
}

/** The generator's options for one size. */
export function sizeOptions(
  workspace: Omit<GenerateOptions, 'modules'>,
  modules: number,
): GenerateOptions {
  return { ...workspace, modules, depth: Math.min(workspace.depth, modules) };
}

/** Measures one size; throws InterruptedError when Ctrl-C came before anything was measured. */
async function measureSize(
  ctx: MeasureContext,
  opts: ModulesSessionOptions,
  modules: number,
  progress: ProgressSink,
  say: (line: string) => void,
): Promise<ModulesSize> {
  const { dirs, runner } = ctx;
  const generated = sizeOptions(opts.workspace, modules);
  const wsDir = dirs.fresh(`ws-${modules}`);
  const genModCache = dirs.fresh('gomodcache-generate');
  const warmCache = opts.warmCacheDir ?? dirs.named('gocache-warm');
  const warmModCache = dirs.fresh('gomodcache');
  const gopathPrivate = dirs.fresh('gopath');
  try {
    say(`modules ${modules}: generating the workspace`);
    const started = process.hrtime.bigint();
    const ws = await generateWorkspace(
      wsDir,
      generated,
      { gopath: true, vendor: true },
      {
        runner,
        goPath: ctx.goPath,
        env: ctx.env({ ...ctx.paths, gomodcache: genModCache }),
        gopath: gopathPrivate,
      },
      (text) => say(`modules ${modules}: ${text}`),
    );
    const generateNs = Number(process.hrtime.bigint() - started);
    removeTree(genModCache);
    const gopathTree = path.join(wsDir, LAYOUT.gopath);
    const dirOf: Record<ModuleMode['dir'], string> = {
      main: ws.dirs.main,
      vendored: path.join(wsDir, LAYOUT.vendored),
      gopath: path.join(gopathTree, 'src', ws.mainPath),
      // Generated modules are tidy: -mod=mod changes nothing, so it shares the main module.
      'mod-copy': ws.dirs.main,
    };
    const base = ctx.env(
      { ...ctx.paths, gocache: warmCache, gomodcache: warmModCache },
      {
        ...localProxyEnv(ws.dirs.proxy),
        GOPATH: gopathPrivate,
      },
    );
    const modes = moduleModes(wsDir);
    const configurations = modes.map((mode): SampledConfiguration => ({
      configuration: {
        name: mode.id,
        toolchain: goVersion(ctx),
        env: { ...mode.env, ...(mode.dir === 'gopath' ? { GOPATH: gopathTree } : {}) },
        build: {},
      },
      goPath: ctx.goPath,
      env: base,
      cwd: dirOf[mode.dir],
      // The cold mode empties the warm modes' module cache (moved aside, put back): at the same
      // path, its packages hit the build cache its warm builds need, with no compile of its own.
      ...coldSettings(mode, warmModCache, opts.coldRuns),
    }));
    const sampling: SamplerContext = { runner, dirs, warmCacheDir: warmCache, progress };
    const commands = await measureModeCommands(
      { idPrefix: `modules-${modules}`, subject: `on ${modules} modules`, modes, configurations },
      opts,
      sampling,
    );
    if (commands.length === 0) throw new InterruptedError();
    return {
      modules,
      generated,
      packages: ws.counts.packages,
      goFiles: ws.counts.goFiles,
      sourceBytes: ws.bytes.source,
      zipBytes: ws.bytes.zips,
      generateNs,
      commands,
    };
  } finally {
    for (const dir of [wsDir, genModCache, warmModCache, gopathPrivate]) removeTree(dir);
  }
}

/** Measures every size in an open context and builds the report. */
export async function measureModules(
  ctx: MeasureContext,
  opts: ModulesSessionOptions,
  progress: ProgressSink,
  say: (line: string) => void,
): Promise<ModulesReport> {
  const start = loadCheck('at start');
  const perSize: ModulesSize[] = [];
  let interrupted = false;
  for (const modules of opts.sizes) {
    try {
      perSize.push(await measureSize(ctx, opts, modules, progress, say));
    } catch (err) {
      if (!(err instanceof InterruptedError)) throw err;
      interrupted = true;
    }
    if (interrupted || ctx.runner.signal.aborted) {
      interrupted = true;
      break;
    }
  }
  return assembleReport(ctx, start, {
    status: interrupted ? 'interrupted' : 'complete',
    sizes: opts.sizes,
    workspace: opts.workspace,
    project: null,
    runs: opts.runs,
    coldRuns: Math.min(opts.runs, opts.coldRuns ?? opts.runs),
    warmup: opts.warmup,
    modes: moduleModes('<workspace>'),
    perSize,
    scaling: scalingCurves(perSize),
    claims: judgeModulesClaims(perSize),
  });
}

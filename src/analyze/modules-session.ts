// `analyze modules`'s session: for each size a workspace is generated once (generate/, with its
// GOPATH tree and vendored copy) into the context's private directory, then each command is
// timed under every mode as interleaved configurations of one sampler (measure/sampler.ts: one
// round runs every mode once, ABBA order), so drift hits every mode alike. A mode's untimed
// first run (the sampler's priming, which also warms the build and module caches) failing
// means the mode cannot run that command: skipped, with go's reason. Each size's files and
// caches are removed before the next; everything lies under the context's private root,
// removed at the end, also on Ctrl-C. Ctrl-C keeps what was measured.
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import { LAYOUT, generateWorkspace, localProxyEnv } from '../generate/workspace-writer.js';
import type { GenerateOptions } from '../generate/plan.js';
import { loadCheck, type MeasureContext } from '../measure/context.js';
import { removeTree } from '../measure/private-dirs.js';
import {
  runScenario,
  type ProgressSink,
  type SampledConfiguration,
  type SamplerContext,
} from '../measure/sampler.js';
import type { ScenarioResult, ScenarioRun } from '../record/run-record.js';
import { PROCESS_METRICS, type Scenario } from '../scenarios/types.js';
import { judgeModulesClaims } from './modules-claims.js';
import { BASE_MODE, MODULE_COMMANDS, moduleModes, type ModuleMode } from './modules-modes.js';
import {
  MODULES_REPORT_SCHEMA,
  type ModeSeries,
  type ModulesCommandResult,
  type ModulesReport,
  type ModulesSize,
} from './modules-report.js';
import { scalingCurves } from './modules-scaling.js';
import { analyzeScenarioResults } from './sweep-analysis.js';

/** What `analyze modules` measures. */
export interface ModulesSessionOptions {
  /** Dependency modules per workspace, ascending, each >= 1. */
  sizes: number[];
  /** The generator's options apart from the size (depth is capped at each size). */
  workspace: Omit<GenerateOptions, 'modules'>;
  runs: number;
  warmup: number;
  /**
   * The GOCACHE of the warm builds, shared by the sizes (the standard library is compiled once);
   * default one under the context's private directory.
   */
  warmCacheDir?: string;
}

const ALPHA = 0.05;
const CONFIDENCE = 0.95;

/** The generator's options for one size. */
export function sizeOptions(
  workspace: Omit<GenerateOptions, 'modules'>,
  modules: number,
): GenerateOptions {
  return { ...workspace, modules, depth: Math.min(workspace.depth, modules) };
}

/** `go1.26.8`: go env GOVERSION, else the `go version` line. */
const goVersion = (ctx: MeasureContext): string => ctx.go.env.GOVERSION ?? ctx.go.version;

/** The series of one mode: wall time per counted round, or why it was skipped. */
function seriesOf(mode: string, run: ScenarioRun, runs: number): ModeSeries {
  const wallNs: (number | null)[] = Array.from({ length: runs }, () => null);
  for (const s of run.samples) {
    const round = s.round ?? -1;
    if (round >= 0 && round < runs && s.ok) wallNs[round] = s.metrics.wallNs ?? null;
  }
  const f = run.setupFailure;
  const said = f?.stderrTail
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  return {
    mode,
    wallNs,
    skipped: f ? (said ? said : f.reason) : null,
  };
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
  const coldModCache = dirs.fresh('gomodcache-cold');
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
    };
    const base = ctx.env(
      { ...ctx.paths, gocache: warmCache, gomodcache: warmModCache },
      {
        ...localProxyEnv(ws.dirs.proxy),
        GOPATH: gopathPrivate,
      },
    );
    const configurations = moduleModes(wsDir).map((mode): SampledConfiguration => ({
      configuration: {
        name: mode.id,
        toolchain: goVersion(ctx),
        env: { ...mode.env, ...(mode.dir === 'gopath' ? { GOPATH: gopathTree } : {}) },
        build: {},
      },
      goPath: ctx.goPath,
      env: base,
      cwd: dirOf[mode.dir],
      ...(mode.coldModCache ? { emptiedPerRun: { GOMODCACHE: coldModCache } } : {}),
    }));
    const sampling: SamplerContext = { runner, dirs, warmCacheDir: warmCache, progress };
    const commands: ModulesCommandResult[] = [];
    for (const command of MODULE_COMMANDS) {
      if (runner.signal.aborted) break;
      const scenario: Scenario = {
        id: `modules-${modules}/${command.id}`,
        description: `${command.label} on ${modules} modules`,
        // warm: one untimed run first, which primes the caches and tells whether the mode runs.
        cache: 'warm',
        argv: ['{go}', ...command.args],
        extractors: [],
        metrics: [],
        defaultWarmup: opts.warmup,
        defaultRuns: opts.runs,
      };
      const runs = await runScenario(
        scenario,
        { warmup: opts.warmup, runs: opts.runs, order: { kind: 'abba' } },
        configurations,
        sampling,
      );
      const results: ScenarioResult[] = runs.map((r) => ({
        ...r,
        description: scenario.description,
        cache: 'warm',
        metrics: PROCESS_METRICS,
      }));
      commands.push({
        command: command.id,
        label: command.label,
        series: runs.map((r, i) =>
          seriesOf(configurations[i]?.configuration.name ?? '', r, opts.runs),
        ),
        analysis: analyzeScenarioResults(
          scenario.id,
          results,
          configurations.map((c) => c.configuration),
          { alpha: ALPHA, confidence: CONFIDENCE },
        ),
      });
    }
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
    for (const dir of [wsDir, genModCache, warmModCache, coldModCache, gopathPrivate])
      removeTree(dir);
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
  const end = loadCheck('at end');
  const warnings = [...ctx.warnings];
  if (end.warning) warnings.push(end.warning);
  return {
    schemaVersion: MODULES_REPORT_SCHEMA,
    command: 'analyze modules',
    status: interrupted ? 'interrupted' : 'complete',
    go: { path: ctx.goPath, version: goVersion(ctx) },
    measuredBy: ctx.runner.measuredBy,
    sizes: opts.sizes,
    workspace: opts.workspace,
    runs: opts.runs,
    warmup: opts.warmup,
    order: 'abba',
    alpha: ALPHA,
    confidence: CONFIDENCE,
    base: BASE_MODE,
    modes: moduleModes('<workspace>').map(({ id, description, env, coldModCache }) => ({
      id,
      description,
      env,
      coldModCache,
    })),
    commands: [...MODULE_COMMANDS],
    perSize,
    scaling: scalingCurves(perSize),
    claims: judgeModulesClaims(perSize),
    load: { start: start.loadAvg1, end: end.loadAvg1, threads: end.threads },
    warnings,
  };
}

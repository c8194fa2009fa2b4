// The sampling loop: prepares a scenario (workspace, setup, cache priming) for each
// configuration (toolchain, environment, build settings), runs warm-ups and counted runs, and
// turns each run into a sample. With several configurations every round runs each once, in the
// round's order (round-order.ts: ABBA or a seeded shuffle), so that drift in the machine hits
// all of them equally; each sample records its round and place.
// A failed command is a failed sample with its stderr tail, never a timing. Stops early,
// keeping what it has, when aborted; with `auto`, stops once the median's CI is narrow enough.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { extractMetrics, needsStdout } from '../scenarios/extractors.js';
import { WORKSPACES } from '../scenarios/programs.js';
import type { Scenario } from '../scenarios/types.js';
import type {
  AutoPlan,
  AutoStop,
  CacheMode,
  Configuration,
  InterleaveOrder,
  Sample,
  ScenarioRun,
} from '../record/run-record.js';
import { hasExitCode } from '../errors.js';
import { summarize } from '../stats/index.js';
import type { PrivateDirs } from './private-dirs.js';
import { removeTree } from './private-dirs.js';
import type { CommandRunner } from './command-runner.js';
import type { ProcessResult } from './process-runner.js';
import { failureReason, succeeded, tail } from './process-runner.js';
import { effectiveCache, withBuildFlags } from './configurations.js';
import { roundOrder } from './round-order.js';

/** Receives progress events; the CLI draws them (or not, in a pipe). `id` names scenario and configuration. */
export interface ProgressSink {
  phase(id: string, text: string): void;
  sample(id: string, done: number, total: number, warmup: boolean, sample: Sample): void;
}

/** One configuration to sample a scenario with. */
export interface SampledConfiguration {
  /** What is measured; its name is shown in progress and recorded with the samples. */
  configuration: Configuration;
  /** The go binary of its toolchain. */
  goPath: string;
  /**
   * Controlled environment of its toolchain, --env included (private GOCACHE etc. already
   * set); the scenario's and then the configuration's own variables are added to it.
   */
  env: Record<string, string>;
  /** The directory its commands run in; default the scenario's workspace (`{ws}`). */
  cwd?: string;
  /**
   * Variables naming a directory that every run (the priming run too) starts with empty, at the
   * same path: e.g. a cold GOMODCACHE filled from a local proxy. What was there (another
   * configuration's warm module cache at that path, so that build-cache entries keyed by source
   * paths stay valid) is moved aside by a rename and put back after the run, whose own files are
   * removed. None of this is timed.
   */
  emptiedPerRun?: Record<string, string>;
  /**
   * Counted runs of this configuration when fewer than the plan's (an expensive one): it sits
   * out the later rounds, warm-ups still run. Not with --auto.
   */
  runs?: number;
}

/** Background load around a measured run (measure/background-load.ts); stop() ends it. */
export type StartLoad = (processes: number) => Promise<{ stop(): Promise<void> }>;

/** What sampling shares across configurations: how commands run, where they write, who watches. */
export interface SamplerContext {
  /** Runs every command (timeout, rusage helper and Ctrl-C are its business). */
  runner: CommandRunner;
  dirs: PrivateDirs;
  /** The private GOCACHE shared by `warm` and `none` scenarios. */
  warmCacheDir: string;
  progress: ProgressSink;
  /** Starts `load=N` background processes; a configuration with load needs it. */
  startLoad?: StartLoad;
  /** Clock for the --auto time budget, in ms; default Date.now. */
  now?: () => number;
}

/** Runs to make: `runs` counted runs, or with `auto` at least `runs` and then until a stop. */
export interface SamplePlan {
  warmup: number;
  runs: number;
  auto?: AutoPlan;
  /** Order of the configurations inside each round; default ABBA. */
  order?: InterleaveOrder;
}

/** Stop a configuration after this many failed runs in a row: the rest would fail the same way. */
const MAX_CONSECUTIVE_FAILURES = 3;
/** Fewest samples for which the 95% CI of the median is bounded (benchstat). */
export const MIN_RUNS_FOR_CI = 6;

function resolveTokens(argv: string[], tokens: Record<string, string>): string[] {
  return argv.map((arg) =>
    arg.replace(/\{(\w+)\}/g, (whole, name: string) => tokens[name] ?? whole),
  );
}

function failureOf(result: ProcessResult): { reason: string; stderrTail: string } {
  return { reason: failureReason(result), stderrTail: tail(result.stderr) };
}

/** Half-width of the 95% CI of the median of the ok samples' wall time, as a fraction; null if unbounded. */
export function ciHalfWidth(samples: Sample[]): number | null {
  const walls = samples
    .filter((s) => s.ok && s.metrics.wallNs !== undefined)
    .map((s) => s.metrics.wallNs as number);
  if (walls.length < MIN_RUNS_FOR_CI) return null;
  const s = summarize(walls);
  if (s.ciLo === null || s.ciHi === null || s.median === 0) return null;
  return (s.ciHi - s.ciLo) / 2 / s.median;
}

/** A scenario made ready for one configuration: workspace written, setup run, cache primed. */
interface Prepared {
  ctx: SamplerContext;
  tc: SampledConfiguration;
  run: ScenarioRun;
  /** The scenario's command with the configuration's build flags (tokens unresolved). */
  argv: string[];
  cache: CacheMode;
  ws: string;
  env: Record<string, string>;
  id: string;
  consecutiveFailures: number;
  active: boolean;
}

async function writeWorkspace(scenario: Scenario, dirs: PrivateDirs): Promise<string> {
  if (scenario.workspaceDir) return scenario.workspaceDir;
  const dir = dirs.fresh(`ws-${scenario.id.replace(/\W/g, '-')}`);
  if (scenario.workspace) {
    for (const [name, text] of Object.entries(WORKSPACES[scenario.workspace])) {
      await fs.writeFile(path.join(dir, name), text);
    }
  }
  return dir;
}

/** Where an emptied directory's earlier contents wait during a run: beside it, one rename away. */
const asideOf = (dir: string): string => `${dir}.aside`;

async function execute(
  scenario: Scenario,
  p: Prepared,
  argv: string[],
  env = p.env,
): Promise<ProcessResult> {
  const emptied = Object.values(p.tc.emptiedPerRun ?? {});
  for (const dir of emptied) {
    await fs.mkdir(dir, { recursive: true });
    await fs.rename(dir, asideOf(dir));
    await fs.mkdir(dir);
  }
  try {
    return await p.ctx.runner.run({
      argv,
      env,
      cwd: p.ws,
      captureStdout: needsStdout(scenario.extractors),
    });
  } finally {
    for (const dir of emptied) {
      removeTree(dir);
      await fs.rename(asideOf(dir), dir);
    }
  }
}

async function prepare(
  scenario: Scenario,
  plan: SamplePlan,
  tc: SampledConfiguration,
  ctx: SamplerContext,
  id: string,
): Promise<Prepared> {
  const { configuration } = tc;
  const argv = withBuildFlags(scenario.argv, configuration.build);
  const run: ScenarioRun = {
    scenarioId: scenario.id,
    toolchain: configuration.toolchain,
    configuration: configuration.name,
    argv: resolveTokens(argv, { go: tc.goPath }),
    warmup: plan.warmup,
    runsRequested: Math.min(plan.runs, tc.runs ?? plan.runs),
    samples: [],
    stoppedEarly: false,
  };
  const ws = tc.cwd ?? (await writeWorkspace(scenario, ctx.dirs));
  const p: Prepared = {
    ctx,
    tc,
    run,
    argv,
    cache: effectiveCache(scenario, configuration.build),
    ws,
    env: {
      ...tc.env,
      GOCACHE: ctx.warmCacheDir,
      ...scenario.env,
      ...configuration.env,
      ...tc.emptiedPerRun,
    },
    id,
    consecutiveFailures: 0,
    active: true,
  };
  for (const setupArgv of scenario.setup ?? []) {
    ctx.progress.phase(id, 'setup');
    const result = await execute(scenario, p, resolveTokens(setupArgv, { go: tc.goPath, ws }));
    if (!succeeded(result)) {
      run.setupFailure = failureOf(result);
      p.active = false;
      return p;
    }
  }
  if (p.cache === 'warm') {
    ctx.progress.phase(id, 'priming the private GOCACHE (untimed)');
    const outDir = ctx.dirs.fresh('out');
    const result = await execute(
      scenario,
      p,
      resolveTokens(argv, { go: tc.goPath, ws, out: outDir }),
    );
    removeTree(outDir);
    if (!succeeded(result)) {
      run.setupFailure = failureOf(result);
      p.active = false;
    }
  }
  return p;
}

/** True when the scenario's command writes into a per-run directory ({out} or {actiongraph}). */
function usesRunDir(scenario: Scenario): boolean {
  return scenario.argv.some((a) => a.includes('{out}') || a.includes('{actiongraph}'));
}

/** Runs the scenario once for p; returns the sample, or null when the run was interrupted. */
async function sampleOnce(scenario: Scenario, p: Prepared, seq: number): Promise<Sample | null> {
  const { ctx, tc } = p;
  // Only commands that write a per-run file get a per-run directory: the loop stays lean.
  const outDir = usesRunDir(scenario) ? ctx.dirs.fresh('out') : p.ws;
  const freshCache = p.cache === 'fresh' ? ctx.dirs.fresh('gocache-cold') : null;
  const actionGraphPath = path.join(outDir, 'actiongraph.json');
  const argv = resolveTokens(p.argv, {
    go: tc.goPath,
    ws: p.ws,
    out: outDir,
    actiongraph: actionGraphPath,
  });
  const processes = tc.configuration.build.load ?? 0;
  let load: { stop(): Promise<void> } | null = null;
  if (processes > 0) {
    if (!ctx.startLoad)
      throw new Error(`sampler: ${tc.configuration.name} wants load, no startLoad`);
    try {
      load = await ctx.startLoad(processes);
    } catch (err) {
      if (!hasExitCode(err)) throw err;
      // No load, no measurement of this configuration: a failed sample that says why.
      if (outDir !== p.ws) removeTree(outDir);
      if (freshCache) removeTree(freshCache);
      return { seq, ok: false, metrics: {}, failure: { reason: err.message, stderrTail: '' } };
    }
  }
  let result: ProcessResult;
  try {
    result = await execute(
      scenario,
      p,
      argv,
      freshCache ? { ...p.env, GOCACHE: freshCache } : p.env,
    );
  } finally {
    await load?.stop();
  }
  const sample = await toSample(scenario, result, { argv, actionGraphPath }, seq);
  // Removing a cold cache (hundreds of MB) is not part of the timing.
  if (outDir !== p.ws) removeTree(outDir);
  if (freshCache) removeTree(freshCache);
  return result.interrupted ? null : sample;
}

/**
 * Samples one scenario with each configuration (one ScenarioRun per configuration, in order):
 * `warmup` uncounted rounds, then `runs` counted ones, each round running every configuration
 * once in the plan's order.
 */
export async function runScenario(
  scenario: Scenario,
  plan: SamplePlan,
  configurations: SampledConfiguration[],
  ctx: SamplerContext,
): Promise<ScenarioRun[]> {
  const several = configurations.length > 1;
  const { signal } = ctx.runner;
  const now = ctx.now ?? Date.now;
  const prepared: Prepared[] = [];
  for (const tc of configurations) {
    if (signal.aborted) break;
    const id = several ? `${scenario.id} @${tc.configuration.name}` : scenario.id;
    prepared.push(await prepare(scenario, plan, tc, ctx, id));
  }
  const started = now();
  const maxRounds = plan.warmup + (plan.auto ? Math.max(plan.runs, plan.auto.maxRuns) : plan.runs);
  let stop: AutoStop | 'interrupted' | null = null;
  let seq = 0;

  for (let round = 0; round < maxRounds && stop === null; round++) {
    const warmup = round < plan.warmup;
    const order = roundOrder(plan.order ?? { kind: 'abba' }, prepared.length, round);
    for (const [position, index] of order.entries()) {
      const p = prepared[index];
      if (!p?.active) continue;
      if (!warmup && p.tc.runs !== undefined && round - plan.warmup >= p.tc.runs) continue;
      if (signal.aborted) {
        stop = 'interrupted';
        break;
      }
      const sample = await sampleOnce(scenario, p, seq++);
      if (sample === null) {
        stop = 'interrupted';
        break;
      }
      if (!warmup) {
        const { seq: at, ...rest } = sample;
        p.run.samples.push({ seq: at, round: round - plan.warmup, position, ...rest });
      }
      p.ctx.progress.sample(
        p.id,
        round + 1,
        plan.auto ? maxRounds : plan.warmup + p.run.runsRequested,
        warmup,
        sample,
      );
      p.consecutiveFailures = sample.ok ? 0 : p.consecutiveFailures + 1;
      if (p.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES && round + 1 < maxRounds) {
        p.active = false;
        p.run.stoppedEarly = true;
        // Warm-up runs are not kept: the reason goes with the stop, so it is never lost.
        const last = sample.failure;
        const said = last?.stderrTail.trim().split('\n').pop()?.trim();
        p.run.stopReason =
          `stopped after ${MAX_CONSECUTIVE_FAILURES} failed runs in a row` +
          (last ? `: ${last.reason}${said ? `: ${said}` : ''}` : '');
      }
    }
    if (stop !== null || warmup) continue;
    const counted = round + 1 - plan.warmup;
    if (!prepared.some((p) => p.active)) break;
    if (!plan.auto) continue;
    if (counted < plan.runs) continue;
    const widths = prepared.filter((p) => p.active).map((p) => ciHalfWidth(p.run.samples));
    if (widths.every((w) => w !== null && w <= (plan.auto as AutoPlan).targetCiHalfWidth))
      stop = 'ci-target';
    else if (now() - started >= plan.auto.maxTimeMs) stop = 'time-budget';
    else if (counted >= plan.auto.maxRuns) stop = 'run-budget';
  }
  for (const p of prepared) {
    if (stop === 'interrupted') {
      p.run.stoppedEarly = true;
      p.run.stopReason = 'interrupted';
    } else if (plan.auto && p.run.setupFailure === undefined) {
      p.run.auto = {
        stop: stop ?? 'run-budget',
        ciHalfWidth: ciHalfWidth(p.run.samples),
        target: plan.auto.targetCiHalfWidth,
      };
    }
  }
  return prepared.map((p) => p.run);
}

async function toSample(
  scenario: Scenario,
  result: ProcessResult,
  files: { argv: string[]; actionGraphPath: string },
  seq: number,
): Promise<Sample> {
  if (!succeeded(result)) return { seq, ok: false, metrics: {}, failure: failureOf(result) };
  const metrics: Record<string, number> = { wallNs: result.wallNs };
  if (result.userNs !== null) metrics.userNs = result.userNs;
  if (result.sysNs !== null) metrics.sysNs = result.sysNs;
  if (result.peakRssBytes !== null) metrics.peakRssBytes = result.peakRssBytes;
  try {
    Object.assign(metrics, await extractMetrics(scenario.extractors, result, files));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { seq, ok: false, metrics: {}, failure: { reason, stderrTail: tail(result.stderr) } };
  }
  return { seq, ok: true, metrics };
}

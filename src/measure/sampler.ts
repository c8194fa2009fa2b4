// The sampling loop: prepares a scenario (workspace, setup, cache priming), runs warm-ups
// and counted runs, and turns each run into a sample. A failed command is a failed sample
// with its stderr tail, never a timing. Stops early, keeping what it has, when aborted.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { extractMetrics, needsStdout } from '../scenarios/extractors.js';
import { WORKSPACES } from '../scenarios/programs.js';
import type { Scenario } from '../scenarios/types.js';
import type { PrivateDirs } from './private-dirs.js';
import { removeTree } from './private-dirs.js';
import type { ProcessResult } from './process-runner.js';
import { failureReason, runMeasured, succeeded, tail } from './process-runner.js';

/** One counted run of a scenario. Metric values in the units of the scenario's MetricSpecs. */
export interface Sample {
  ok: boolean;
  metrics: Record<string, number>;
  /** Why the run failed: reason and the last lines of its stderr. */
  failure?: { reason: string; stderrTail: string };
}

/** What sampling one scenario produced. */
export interface ScenarioRun {
  scenarioId: string;
  /** The measured command with `{go}` resolved (per-run paths stay as tokens). */
  argv: string[];
  warmup: number;
  runsRequested: number;
  samples: Sample[];
  /** Set when setup or cache priming failed, so no run was made. */
  setupFailure?: { reason: string; stderrTail: string };
  /** True when sampling stopped early (Ctrl-C or repeated failures); see `stopReason`. */
  stoppedEarly: boolean;
  stopReason?: string;
}

/** Receives progress events; the CLI draws them (or not, in a pipe). */
export interface ProgressSink {
  phase(scenarioId: string, text: string): void;
  sample(scenarioId: string, done: number, total: number, warmup: boolean, sample: Sample): void;
}

/** Everything the loop needs that is not in the scenario. */
export interface SamplerContext {
  goPath: string;
  /** Controlled environment for every command (private GOCACHE etc. already set). */
  env: Record<string, string>;
  dirs: PrivateDirs;
  /** The private GOCACHE shared by `warm` and `none` scenarios. */
  warmCacheDir: string;
  helperPath: string | null;
  timeoutMs: number;
  signal: AbortSignal;
  progress: ProgressSink;
}

/** Stop a scenario after this many failed runs in a row: the rest would fail the same way. */
const MAX_CONSECUTIVE_FAILURES = 3;

function resolveTokens(argv: string[], tokens: Record<string, string>): string[] {
  return argv.map((arg) =>
    arg.replace(/\{(\w+)\}/g, (whole, name: string) => tokens[name] ?? whole),
  );
}

function failureOf(result: ProcessResult): { reason: string; stderrTail: string } {
  return { reason: failureReason(result), stderrTail: tail(result.stderr) };
}

async function writeWorkspace(scenario: Scenario, dirs: PrivateDirs): Promise<string> {
  const dir = dirs.fresh(`ws-${scenario.id.replace(/\W/g, '-')}`);
  if (scenario.workspace) {
    for (const [name, text] of Object.entries(WORKSPACES[scenario.workspace])) {
      await fs.writeFile(path.join(dir, name), text);
    }
  }
  return dir;
}

/** Samples one scenario: `warmup` uncounted runs, then `runs` counted ones. */
export async function runScenario(
  scenario: Scenario,
  plan: { warmup: number; runs: number },
  ctx: SamplerContext,
): Promise<ScenarioRun> {
  const run: ScenarioRun = {
    scenarioId: scenario.id,
    argv: resolveTokens(scenario.argv, { go: ctx.goPath }),
    warmup: plan.warmup,
    runsRequested: plan.runs,
    samples: [],
    stoppedEarly: false,
  };
  const ws = await writeWorkspace(scenario, ctx.dirs);
  const env = { ...ctx.env, GOCACHE: ctx.warmCacheDir, ...scenario.env };
  const captureStdout = needsStdout(scenario.extractors);
  const once = (argv: string[], runEnv = env): Promise<ProcessResult> =>
    runMeasured(
      { argv, env: runEnv, cwd: ws, timeoutMs: ctx.timeoutMs, signal: ctx.signal, captureStdout },
      ctx.helperPath,
    );

  for (const setupArgv of scenario.setup ?? []) {
    ctx.progress.phase(scenario.id, 'setup');
    const result = await once(resolveTokens(setupArgv, { go: ctx.goPath, ws }));
    if (!succeeded(result)) {
      run.setupFailure = failureOf(result);
      return run;
    }
  }
  if (scenario.cache === 'warm') {
    ctx.progress.phase(scenario.id, 'priming the private GOCACHE (untimed)');
    const outDir = ctx.dirs.fresh('out');
    const result = await once(resolveTokens(scenario.argv, { go: ctx.goPath, ws, out: outDir }));
    removeTree(outDir);
    if (!succeeded(result)) {
      run.setupFailure = failureOf(result);
      return run;
    }
  }

  const total = plan.warmup + plan.runs;
  let consecutiveFailures = 0;
  for (let i = 0; i < total; i++) {
    if (ctx.signal.aborted) {
      run.stoppedEarly = true;
      run.stopReason = 'interrupted';
      break;
    }
    const outDir = ctx.dirs.fresh('out');
    const freshCache = scenario.cache === 'fresh' ? ctx.dirs.fresh('gocache-cold') : null;
    const actionGraphPath = path.join(outDir, 'actiongraph.json');
    const argv = resolveTokens(scenario.argv, {
      go: ctx.goPath,
      ws,
      out: outDir,
      actiongraph: actionGraphPath,
    });
    const result = await once(argv, freshCache ? { ...env, GOCACHE: freshCache } : env);
    const sample = await toSample(scenario, result, { argv, actionGraphPath });
    // Removing a cold cache (hundreds of MB) is not part of the timing.
    removeTree(outDir);
    if (freshCache) removeTree(freshCache);
    if (result.interrupted) {
      run.stoppedEarly = true;
      run.stopReason = 'interrupted';
      break;
    }
    const isWarmup = i < plan.warmup;
    if (!isWarmup) run.samples.push(sample);
    ctx.progress.sample(scenario.id, i + 1, total, isWarmup, sample);
    consecutiveFailures = sample.ok ? 0 : consecutiveFailures + 1;
    if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES && i + 1 < total) {
      run.stoppedEarly = true;
      run.stopReason = `stopped after ${MAX_CONSECUTIVE_FAILURES} failed runs in a row`;
      break;
    }
  }
  return run;
}

async function toSample(
  scenario: Scenario,
  result: ProcessResult,
  files: { argv: string[]; actionGraphPath: string },
): Promise<Sample> {
  if (!succeeded(result)) return { ok: false, metrics: {}, failure: failureOf(result) };
  const metrics: Record<string, number> = { wallNs: result.wallNs };
  if (result.userNs !== null) metrics.userNs = result.userNs;
  if (result.sysNs !== null) metrics.sysNs = result.sysNs;
  if (result.peakRssBytes !== null) metrics.peakRssBytes = result.peakRssBytes;
  try {
    Object.assign(metrics, await extractMetrics(scenario.extractors, result, files));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, metrics: {}, failure: { reason, stderrTail: tail(result.stderr) } };
  }
  return { ok: true, metrics };
}

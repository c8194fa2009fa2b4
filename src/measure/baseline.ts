// Measures a list of scenarios on this machine and returns the run record. Owns the private
// directories (removed at the end, also when interrupted) and the controlled environment.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import {
  probeStorage,
  readBootId,
  readGoEnvFile,
  takeFingerprint,
  userGoCacheDir,
  userGoModCacheDir,
} from '../probe/index.js';
import type { Scenario } from '../scenarios/types.js';
import { PROCESS_METRICS } from '../scenarios/types.js';
import { openContext } from './context.js';
import { loadStarter } from './background-load.js';
import { fingerprintBandwidth } from './membw.js';
import { CANARY_RUNS, canaryRecord, ensureCanaryPrograms, sampleCanaries } from './canary.js';
import { withMeasuredGoDefault } from './go-default-procs.js';
import { controlledEnv, goRelevant, withOwnGoroot } from './controlled-env.js';
import type {
  AutoPlan,
  BuildSettings,
  Configuration,
  InterleaveOrder,
  RunRecord,
  ScenarioResult,
  ScenarioRun,
  Toolchain,
} from '../record/run-record.js';
import { RUN_SCHEMA_VERSION } from '../record/run-record.js';
import { machineHash } from '../record/machine-identity.js';
import { effectiveCache } from './configurations.js';
import type { ProgressSink, SampledConfiguration, SamplerContext } from './sampler.js';
import { runScenario } from './sampler.js';
import { prepareProject } from './project.js';
import { inProjectScenario, projectScenarios } from '../scenarios/project.js';

/** One scenario with the run counts to use. */
export interface PlannedScenario {
  scenario: Scenario;
  warmup: number;
  runs: number;
}

/** Project scenarios to measure on a copy of the user's module, after `plan`. */
export interface ProjectPlan {
  /** The module's directory (see checkProjectDir). */
  dir: string;
  /** Project scenario ids, in measuring order. */
  ids: string[];
  /** Scenarios of the caller's (`sweep --cmd`, a preset) to run in the module's copy, after them. */
  inModule?: Scenario[];
  /** --runs/--warmup, else each scenario's default. */
  runs?: number;
  warmup?: number;
}

/** Prepares the project (copy, untimed download) and plans its scenarios. */
async function planProject(
  project: ProjectPlan,
  prep: Parameters<typeof prepareProject>[1],
): Promise<PlannedScenario[]> {
  const module = await prepareProject(project.dir, prep);
  return [
    ...projectScenarios(module).filter((s) => project.ids.includes(s.id)),
    ...(project.inModule ?? []).map((s) => inProjectScenario(module, s)),
  ].map((scenario) => ({
    scenario,
    warmup: project.warmup ?? scenario.defaultWarmup,
    runs: project.runs ?? scenario.defaultRuns,
  }));
}

export interface BaselineOptions {
  plan: PlannedScenario[];
  suite: string | null;
  /** The toolchains the configurations run; the first is the fingerprint's. */
  toolchains: Toolchain[];
  /** The configurations to measure, interleaved run by run; the first is the base. */
  configurations: Configuration[];
  /** Their order inside each round. */
  order: InterleaveOrder;
  /** Adaptive sampling (--auto), or undefined for fixed run counts. */
  auto?: AutoPlan;
  /** The user's environment (process.env); never modified. */
  userEnv: NodeJS.ProcessEnv;
  /** --env KEY=VALUE pairs, applied after the controlled defaults. */
  overrides: Record<string, string>;
  /** --runs/--warmup as given, for the record. */
  runsOverride: number | null;
  warmupOverride: number | null;
  /** The user's module (--project, checked) and which project scenarios to measure on it. */
  project?: ProjectPlan;
  /** A private GOCACHE to reuse across runs for warm scenarios (--warm-cache). */
  warmCacheDir?: string;
  timeoutMs: number;
  signal: AbortSignal;
  progress: ProgressSink;
  /** Measure the drift canaries (default true; --no-canary). */
  canary?: boolean;
  /** Measure the memory bandwidth even when a cached figure holds (--fresh-bandwidth). */
  freshBandwidth?: boolean;
}

/** A configuration's sampled run as the run record keeps it: with its cache state and metrics. */
export function scenarioResult(
  scenario: Scenario,
  run: ScenarioRun,
  build: BuildSettings,
): ScenarioResult {
  return {
    ...run,
    description: scenario.description,
    cache: effectiveCache(scenario, build),
    metrics: [...PROCESS_METRICS, ...scenario.metrics],
  };
}

/** The package's version from package.json. */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function newRunId(start: Date): string {
  const stamp = start
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');
  return `${stamp}-${os.hostname()}-${randomBytes(2).toString('hex')}`;
}

/**
 * Whether the memory bandwidth is measured even when a cached figure holds: when asked for, and
 * when a configuration adds background load (load=N), whose effect the figure helps to read.
 */
export function wantsFreshBandwidth(
  opts: Pick<BaselineOptions, 'freshBandwidth' | 'configurations'>,
): boolean {
  return opts.freshBandwidth === true || opts.configurations.some((c) => (c.build.load ?? 0) > 0);
}

/** Runs the plan and returns the record; the fingerprint throws ToolchainError for a broken go. */
export async function measureBaseline(opts: BaselineOptions): Promise<RunRecord> {
  const startedAt = new Date();
  const first = opts.toolchains[0];
  if (!first) throw new Error('measureBaseline: no toolchain');
  const ctx = await openContext({
    go: first.goPath,
    userEnv: opts.userEnv,
    overrides: opts.overrides,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    queryCwd: os.tmpdir(),
    inheritsGoroot: first.inheritsGoroot,
  });
  const { dirs, warnings } = ctx;
  try {
    // One GOCACHE for warm scenarios, shared across configurations (its keys include the
    // toolchain and every build setting).
    const warmCacheDir = opts.warmCacheDir ?? dirs.named('gocache-warm');
    const env = controlledEnv(
      opts.userEnv,
      { ...ctx.paths, gocache: warmCacheDir },
      opts.overrides,
    );
    const envFor = (t: Toolchain): Record<string, string> =>
      t.inheritsGoroot ? env : withOwnGoroot(env, opts.overrides);
    const fingerprint = await takeFingerprint({
      goPath: first.goPath,
      env: envFor(first),
      go: ctx.go,
    });
    if (fingerprint.topology) {
      fingerprint.topology = await withMeasuredGoDefault(fingerprint.topology, ctx, opts.userEnv);
    }
    const goEnvFile = readGoEnvFile(opts.userEnv);
    // The user's own locations (what their builds use), not the private copies measured here.
    const places: Record<string, string> = {};
    const goroot = fingerprint.go.env.GOROOT;
    if (goroot) places.GOROOT = goroot;
    const gocache = userGoCacheDir(opts.userEnv, goEnvFile);
    if (gocache) places.GOCACHE = gocache;
    const gomodcache = userGoModCacheDir(opts.userEnv, goEnvFile);
    if (gomodcache) places.GOMODCACHE = gomodcache;
    places['temp dir'] = os.tmpdir();
    fingerprint.storage = await probeStorage(places);
    const bw = await fingerprintBandwidth(
      first.goPath,
      opts.userEnv,
      {
        machine: machineHash(fingerprint),
        bootId: await readBootId(),
        busy: fingerprint.load.busy,
        fresh: wantsFreshBandwidth(opts),
      },
      opts.signal,
    );
    if (bw.bandwidth) fingerprint.memoryBandwidth = bw.bandwidth;
    if (bw.warning) warnings.push(bw.warning);
    const ignored = Object.entries(goEnvFile?.settings ?? {}).filter(
      ([k]) => !(k in opts.overrides),
    );
    if (goEnvFile && ignored.length > 0) {
      warnings.push(
        `your go env file ${goEnvFile.path} sets ${ignored.map(([k, v]) => `${k}=${v}`).join(' ')}; ` +
          'measurements do not read it (GOENV=off) so runs compare across machines; pass --env KEY=VALUE to include a setting',
      );
    }

    const scenarios: ScenarioResult[] = [];
    const sampling: SamplerContext = {
      runner: ctx.runner,
      dirs,
      warmCacheDir,
      progress: opts.progress,
      startLoad: loadStarter(first.goPath, opts.userEnv, opts.signal),
    };
    // The canaries run half before and half after the scenarios, so they see the machine of
    // the whole run; their programs are built once and kept.
    const canaryPrograms =
      opts.canary === false
        ? null
        : await ensureCanaryPrograms(first.goPath, opts.userEnv, opts.signal);
    if (canaryPrograms?.missing.length)
      warnings.push(...canaryPrograms.missing.map((m) => `no canary: ${m}`));
    const canarySamples = new Map<string, number[]>();
    const canaryBurst = async (runs: number): Promise<void> => {
      if (!canaryPrograms || opts.signal.aborted) return;
      await sampleCanaries(ctx.runner, canaryPrograms, dirs.named('canary'), runs, canarySamples);
    };
    await canaryBurst(Math.ceil(CANARY_RUNS / 2));
    const configurations = opts.configurations.map((configuration): SampledConfiguration => {
      const t = opts.toolchains.find((x) => x.label === configuration.toolchain);
      if (!t)
        throw new Error(
          `configuration ${configuration.name}: no toolchain ${configuration.toolchain}`,
        );
      return { configuration, goPath: t.goPath, env: envFor(t) };
    });
    const plan = opts.project
      ? [
          ...opts.plan,
          ...(await planProject(opts.project, {
            runner: ctx.runner,
            dirs,
            goPath: first.goPath,
            env: envFor(first),
            userEnv: opts.userEnv,
            // A step of its own in the progress count (see run-command.ts).
            progress: (text) => opts.progress.phase('project', text),
          })),
        ]
      : opts.plan;
    for (const { scenario, warmup, runs } of plan) {
      if (opts.signal.aborted) break;
      const runsOut = await runScenario(
        scenario,
        { warmup, runs, auto: opts.auto, order: opts.order },
        configurations,
        sampling,
      );
      for (const [i, run] of runsOut.entries())
        scenarios.push(scenarioResult(scenario, run, configurations[i]?.configuration.build ?? {}));
    }
    await canaryBurst(Math.floor(CANARY_RUNS / 2));
    const canary = canaryRecord(canarySamples);
    return {
      schema: 'gobaseline/run',
      schemaVersion: RUN_SCHEMA_VERSION,
      id: newRunId(startedAt),
      tool: { name: 'gobaseline', version: toolVersion() },
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      status: opts.signal.aborted ? 'interrupted' : 'complete',
      config: {
        suite: opts.suite,
        scenarios: plan.map((p) => p.scenario.id),
        goPath: first.goPath,
        toolchains: opts.toolchains,
        configurations: opts.configurations,
        order: opts.order,
        auto: opts.auto ?? null,
        runs: opts.runsOverride,
        warmup: opts.warmupOverride,
        userEnv: opts.overrides,
        env: goRelevant(env),
        timeoutMs: opts.timeoutMs,
        goEnvFile,
        measuredBy: ctx.runner.measuredBy,
      },
      fingerprint,
      warnings,
      scenarios,
      ...(canary ? { canary } : {}),
    };
  } finally {
    ctx.close();
  }
}

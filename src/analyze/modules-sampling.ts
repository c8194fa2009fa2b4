// Times `analyze modules`'s three commands under every mode of one subject (a generated
// workspace of one size, or the user's module) as interleaved configurations of one sampler
// (measure/sampler.ts: one round runs every mode once, ABBA order), so drift hits every mode
// alike. A mode's untimed first run (the sampler's priming, which also warms the build and
// module caches) failing means the mode cannot run that command: skipped, with go's reason. A
// mode that does not apply to the subject is not run at all: a skipped cell with its reason.
import { loadCheck, type MeasureContext } from '../measure/context.js';
import { runScenario, type SampledConfiguration, type SamplerContext } from '../measure/sampler.js';
import type { ScenarioResult, ScenarioRun } from '../record/run-record.js';
import { PROCESS_METRICS, type Scenario } from '../scenarios/types.js';
import { BASE_MODE, MODULE_COMMANDS, type ModuleMode } from './modules-modes.js';
import {
  MODULES_REPORT_SCHEMA,
  type ModeSeries,
  type ModulesCommandResult,
  type ModulesReport,
} from './modules-report.js';
import { analyzeScenarioResults } from './sweep-analysis.js';

export const ALPHA = 0.05;
export const CONFIDENCE = 0.95;

/** `go1.26.8`: go env GOVERSION, else the `go version` line. */
export const goVersion = (ctx: MeasureContext): string => ctx.go.env.GOVERSION ?? ctx.go.version;

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

/** One subject's modes, each with the configuration that runs it. */
export interface SubjectModes {
  /** Scenario ids are `<idPrefix>/<command>`: `modules-100/build`, `project/build`. */
  idPrefix: string;
  /** Ends the scenario descriptions: `on 100 modules`, `on example.com/m`. */
  subject: string;
  modes: ModuleMode[];
  /** In mode order; a mode with notApplicable has one too (it names the row) but never runs. */
  configurations: SampledConfiguration[];
}

/**
 * Times every command under every applicable mode; the results in command order, or fewer
 * after Ctrl-C (none when interrupted before the first command finished).
 */
export async function measureModeCommands(
  subject: SubjectModes,
  plan: { runs: number; warmup: number },
  sampling: SamplerContext,
): Promise<ModulesCommandResult[]> {
  const { modes, configurations } = subject;
  const commands: ModulesCommandResult[] = [];
  for (const command of MODULE_COMMANDS) {
    if (sampling.runner.signal.aborted) break;
    const scenario: Scenario = {
      id: `${subject.idPrefix}/${command.id}`,
      description: `${command.label} ${subject.subject}`,
      // warm: one untimed run first, which primes the caches and tells whether the mode runs.
      cache: 'warm',
      argv: ['{go}', ...command.args],
      extractors: [],
      metrics: [],
      defaultWarmup: plan.warmup,
      defaultRuns: plan.runs,
    };
    const applicable = configurations.filter((_, i) => modes[i]?.notApplicable === undefined);
    const measured = await runScenario(
      scenario,
      { warmup: plan.warmup, runs: plan.runs, order: { kind: 'abba' } },
      applicable,
      sampling,
    );
    let next = 0;
    const runs = configurations.map((c, i): ScenarioRun => {
      const why = modes[i]?.notApplicable;
      if (why === undefined) return measured[next++] as ScenarioRun;
      return {
        scenarioId: scenario.id,
        toolchain: c.configuration.toolchain,
        configuration: c.configuration.name,
        argv: [],
        warmup: plan.warmup,
        runsRequested: plan.runs,
        samples: [],
        stoppedEarly: false,
        setupFailure: { reason: why, stderrTail: '' },
      };
    });
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
        seriesOf(configurations[i]?.configuration.name ?? '', r, r.runsRequested),
      ),
      analysis: analyzeScenarioResults(
        scenario.id,
        results,
        configurations.map((c) => c.configuration),
        { alpha: ALPHA, confidence: CONFIDENCE },
      ),
    });
  }
  return commands;
}

/** What differs between the reports of generated workspaces and of the user's module. */
export type ReportParts = Pick<
  ModulesReport,
  | 'status'
  | 'sizes'
  | 'workspace'
  | 'project'
  | 'runs'
  | 'coldRuns'
  | 'warmup'
  | 'perSize'
  | 'scaling'
  | 'claims'
> & { modes: ModuleMode[] };

/** The whole report: `parts`, the context's toolchain and warnings, the load at start and now. */
export function assembleReport(
  ctx: MeasureContext,
  start: ReturnType<typeof loadCheck>,
  parts: ReportParts,
): ModulesReport {
  const end = loadCheck('at end');
  const warnings = [...ctx.warnings];
  if (end.warning) warnings.push(end.warning);
  return {
    schemaVersion: MODULES_REPORT_SCHEMA,
    command: 'analyze modules',
    status: parts.status,
    go: { path: ctx.goPath, version: goVersion(ctx) },
    measuredBy: ctx.runner.measuredBy,
    sizes: parts.sizes,
    workspace: parts.workspace,
    project: parts.project,
    runs: parts.runs,
    coldRuns: parts.coldRuns,
    warmup: parts.warmup,
    order: 'abba',
    alpha: ALPHA,
    confidence: CONFIDENCE,
    base: BASE_MODE,
    modes: parts.modes.map(({ id, description, env, coldModCache, notApplicable }) => ({
      id,
      description,
      env,
      coldModCache,
      ...(notApplicable === undefined ? {} : { notApplicable }),
    })),
    commands: [...MODULE_COMMANDS],
    perSize: parts.perSize,
    scaling: parts.scaling,
    claims: parts.claims,
    load: { start: start.loadAvg1, end: end.loadAvg1, threads: end.threads },
    warnings,
  };
}

/** The sampler's per-configuration fields of a mode: its own directory emptied per run, fewer runs. */
export function coldSettings(
  mode: ModuleMode,
  coldModCache: string,
  coldRuns: number | undefined,
): Pick<SampledConfiguration, 'emptiedPerRun' | 'runs'> {
  if (!mode.coldModCache) return {};
  return {
    emptiedPerRun: { GOMODCACHE: coldModCache },
    ...(coldRuns === undefined ? {} : { runs: coldRuns }),
  };
}

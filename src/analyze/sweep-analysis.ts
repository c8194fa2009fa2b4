// The analysis of a sweep's run: for each scenario and metric, every configuration summarized
// (median and its confidence interval) and compared with the base configuration the way
// `compare` does (the metric's assumption: Mann-Whitney U for timings), then the p-values of
// one scenario and metric Holm-corrected together, since a sweep makes many comparisons at
// once. The best configuration is the one with the lowest median wall time. Pure.
import type { Configuration, RunRecord, ScenarioResult } from '../record/run-record.js';
import { metricValues, pairedByRound } from '../record/sample-values.js';
import { metricAssumption } from '../scenarios/catalogue.js';
import { assumptionNamed, holmAdjust, MIN_PAIRED_ROUNDS } from '../stats/index.js';
import { belowCpuResolution } from '../stats/cpu-resolution.js';
import {
  SWEEP_SCHEMA_VERSION,
  type SweepBest,
  type SweepFailure,
  type SweepMetric,
  type SweepParamValues,
  type SweepReport,
  type SweepRow,
  type SweepScenario,
} from './sweep-report.js';

export interface SweepAnalysisOptions {
  /** Significance level of the corrected p-values, in (0, 1); default 0.05. */
  alpha?: number;
  /** Confidence of the median intervals, in (0, 1); default 0.95. */
  confidence?: number;
}

/** The run's configurations, the base first: as recorded, else as the scenario results name them. */
export function runConfigurations(run: RunRecord): Configuration[] {
  if (run.config.configurations && run.config.configurations.length > 0)
    return run.config.configurations;
  const names = [...new Set(run.scenarios.map((s) => s.configuration ?? s.toolchain))];
  return names.map((name) => ({ name, toolchain: name, env: {}, build: {} }));
}

/** The parameters and their values, in the order the configurations name them. */
export function sweepParams(configurations: readonly Configuration[]): SweepParamValues[] {
  const params = new Map<string, string[]>();
  for (const c of configurations) {
    for (const [name, value] of Object.entries(c.params ?? {})) {
      const values = params.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      params.set(name, values);
    }
  }
  return [...params].map(([name, values]) => ({ name, values }));
}

/** Why a configuration yielded nothing, or null when it has a successful sample. */
function failureOf(result: ScenarioResult | undefined): string | null {
  if (!result) return 'not measured';
  if (result.setupFailure) return `setup failed: ${withStderr(result.setupFailure)}`;
  if (result.samples.some((s) => s.ok)) return null;
  if (result.stopReason) return result.stopReason;
  const failed = result.samples.find((s) => !s.ok)?.failure;
  return failed ? withStderr(failed) : 'no samples';
}

/** A failure's reason with the last line the command wrote to stderr (what go complained of). */
function withStderr(failure: { reason: string; stderrTail: string }): string {
  const said = failure.stderrTail.trim().split('\n').pop()?.trim();
  return said ? `${failure.reason}: ${said}` : failure.reason;
}

/** User and system CPU: split between the two by clock ticks, so short times are noise. */
const TICK_SAMPLED_CPU = new Set(['userNs', 'sysNs']);

/**
 * Each compared configuration's values paired by round with the base's, when every one of them
 * has at least MIN_PAIRED_ROUNDS pairs; null otherwise (then the metric is compared unpaired, so
 * one table never mixes the two tests).
 */
function roundPairs(
  results: readonly (ScenarioResult | undefined)[],
  key: string,
): ({ a: number[]; b: number[] } | null)[] | null {
  const base = results[0];
  if (!base) return null;
  const pairs = results.map((r, i) => (i === 0 || !r ? null : pairedByRound(base, r, key)));
  const usable = pairs.every(
    (p, i) => i === 0 || !results[i] || (p !== null && p.a.length >= MIN_PAIRED_ROUNDS),
  );
  return usable ? pairs : null;
}

/** One metric over the configurations: summaries, changes against the base, Holm over them. */
function analyzeMetric(
  results: readonly (ScenarioResult | undefined)[],
  configurations: readonly Configuration[],
  spec: ScenarioResult['metrics'][number],
  alpha: number,
  confidence: number,
): SweepMetric {
  const assumption = assumptionNamed(metricAssumption(spec));
  const samples = results.map((r) => (r ? metricValues(r, spec.key) : []));
  const base = samples[0] ?? [];
  const rows: SweepRow[] = configurations.map((c, i) => {
    const values = samples[i] ?? [];
    const s = values.length > 0 ? assumption.summary(values, confidence) : null;
    return {
      configuration: c.name,
      params: c.params ?? {},
      n: values.length,
      center: s ? s.center : null,
      ciLo: s ? s.lo : null,
      ciHi: s ? s.hi : null,
      vsBase: null,
      warnings: s ? s.warnings.map((w) => w.message) : [],
      ...(s && TICK_SAMPLED_CPU.has(spec.key) && belowCpuResolution(s.center)
        ? { belowResolution: true as const }
        : {}),
    };
  });
  const pairs = assumption.name === 'nothing' ? roundPairs(results, spec.key) : null;
  const baseCenter = rows[0]?.center ?? null;
  // A change against noise (on either side) is noise too: not compared, not in Holm's family.
  const noisyBase = rows[0]?.belowResolution === true;
  const compared = rows.flatMap((row, i) => {
    const values = samples[i] ?? [];
    if (i === 0 || base.length === 0 || values.length === 0) return [];
    if (noisyBase || row.belowResolution) return [];
    const pair = pairs?.[i];
    const c = pair
      ? assumption.comparePaired(pair.a, pair.b, alpha)
      : assumption.compare(base, values, alpha);
    row.warnings.push(...c.warnings.map((w) => w.message));
    return [{ row, p: c.p }];
  });
  const adjusted = holmAdjust(compared.map((c) => c.p));
  compared.forEach(({ row, p }, j) => {
    const pHolm = adjusted[j] ?? 1;
    const center = row.center as number;
    const deltaFraction =
      baseCenter === center
        ? 0
        : baseCenter === null || baseCenter === 0
          ? null
          : center / baseCenter - 1;
    row.vsBase = { deltaFraction, p, pHolm, significant: pHolm <= alpha };
  });
  return {
    key: spec.key,
    label: spec.label,
    unit: spec.unit,
    assumption: assumption.name,
    paired: pairs !== null,
    rows,
  };
}

/** The row with the lowest median wall time, and whether it beats the base significantly. */
function bestOf(metrics: readonly SweepMetric[]): SweepBest | null {
  const wall = metrics.find((m) => m.key === 'wallNs');
  if (!wall) return null;
  let best: SweepRow | null = null;
  for (const row of wall.rows)
    if (row.center !== null && (best === null || row.center < (best.center as number))) best = row;
  if (!best) return null;
  const vsBase = best === wall.rows[0] ? null : best.vsBase;
  return {
    configuration: best.configuration,
    params: best.params,
    medianWallNs: best.center as number,
    baseMedianWallNs: wall.rows[0]?.center ?? null,
    vsBase,
    significantlyBetter: vsBase !== null && vsBase.significant && (vsBase.deltaFraction ?? 0) < 0,
  };
}

/**
 * One scenario's results (one per configuration, matched by name) against the configurations,
 * the first the base: summaries, changes with Holm-corrected p-values, the best, the failures.
 */
export function analyzeScenarioResults(
  scenarioId: string,
  mine: readonly ScenarioResult[],
  configurations: readonly Configuration[],
  options: SweepAnalysisOptions = {},
): SweepScenario {
  const alpha = options.alpha ?? 0.05;
  const confidence = options.confidence ?? 0.95;
  const results = configurations.map((c) =>
    mine.find((s) => (s.configuration ?? s.toolchain) === c.name),
  );
  const specs = mine[0]?.metrics ?? [];
  const metrics = specs
    .map((spec) => analyzeMetric(results, configurations, spec, alpha, confidence))
    .filter((m) => m.rows.some((r) => r.n > 0));
  const failures: SweepFailure[] = configurations.flatMap((c, i) => {
    const reason = failureOf(results[i]);
    return reason === null ? [] : [{ configuration: c.name, reason }];
  });
  return { scenarioId, metrics, best: bestOf(metrics), failures };
}

/** Analyzes every scenario of a sweep's run (see the module comment). */
export function analyzeSweep(run: RunRecord, options: SweepAnalysisOptions = {}): SweepReport {
  const alpha = options.alpha ?? 0.05;
  const confidence = options.confidence ?? 0.95;
  const configurations = runConfigurations(run);
  const scenarioIds = [...new Set(run.scenarios.map((s) => s.scenarioId))];
  const scenarios = scenarioIds.map((id) =>
    analyzeScenarioResults(
      id,
      run.scenarios.filter((s) => s.scenarioId === id),
      configurations,
      { alpha, confidence },
    ),
  );
  return {
    schema: 'gobaseline/sweep',
    schemaVersion: SWEEP_SCHEMA_VERSION,
    runId: run.id,
    status: run.status,
    alpha,
    confidence,
    correction: 'holm',
    base: configurations[0]?.name ?? 'default',
    params: sweepParams(configurations),
    scenarios,
  };
}

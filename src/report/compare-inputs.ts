// Turns run records and parsed Go benchmark files into comparison inputs, picks the metrics to
// compare (--metric) and refuses inputs with nothing in common. Pure.
//
// Every source becomes benchmark results (parse/bench-result.ts; a run record directly, see
// run-results.ts), and one projection (parse/bench-projection.ts) groups them into the columns
// and rows of the comparison: by input file, or by toolchain for the comparison after a run of
// several toolchains. When every input is a run record, rows are scenario ids
// (`startup/go-version @go1.27.3` in a run of several toolchains) and metrics are run record
// keys (`wallNs`, with the table labels). When any input is Go benchmark text, everything is
// compared in Go benchmark terms (`Startup/go-version-2`, `ns/op`, `user-sec/op`, ...): the same
// results a run's `report --format gobench` export holds, so a run and its export compare equal.
import { UsageError } from '../errors.js';
import type { RunRecord } from '../record/run-record.js';
import { project, type MetricValue, type Sample } from '../parse/bench-projection.js';
import {
  tidyUnit,
  unitMetadata,
  type BenchResult,
  type BenchResults,
  type BenchValue,
} from '../parse/bench-result.js';
import { SCENARIOS } from '../scenarios/catalogue.js';
import { PROCESS_METRICS, type MetricSpec } from '../scenarios/types.js';
import { assumeExact, assumptionNamed } from '../stats/index.js';
import type { CompareInput, CompareMetric } from './compare.js';
import type { GoBenchFile } from '../parse/gobench-reader.js';
import { gobenchUnit, metricAssumption, runResults } from './run-results.js';
import { comparesConfigurations } from './terminal-table.js';

/** One input file as read: a run record or a parsed Go benchmark file. */
export type LoadedInput =
  | { path: string; kind: 'run'; run: RunRecord }
  | { path: string; kind: 'gobench'; file: GoBenchFile };

/** A metric with the names --metric may call it by. */
export interface SelectableMetric {
  metric: CompareMetric;
  /** Run record key, Go benchmark unit (as written and tidied), label. */
  aliases: string[];
}

/** Comparison inputs and the metrics they carry, in order of first appearance. */
export interface PreparedComparison {
  inputs: CompareInput[];
  metrics: SelectableMetric[];
}

/** What a Go benchmark unit measures, from its numerator (`ns/op` is time, `B/op` bytes). */
export function unitKind(unit: string): CompareMetric['kind'] {
  const [numerator = '', denominator] = unit.split('/');
  if (denominator !== undefined && denominator !== 'op') return 'count';
  const tokens = numerator.split(/[-*\s]+/);
  if (tokens.includes('ns')) return 'ns';
  if (tokens.includes('sec')) return 'sec';
  if (tokens.includes('B') || tokens.includes('bytes')) return 'bytes';
  if (tokens.includes('percent') || tokens.includes('%')) return 'percent';
  return 'count';
}

/** benchstat's built-in directions for the units go test writes. */
function defaultBetter(unit: string): CompareMetric['better'] {
  const tidy = tidyUnit(unit);
  if (['sec/op', 'B/op', 'allocs/op'].includes(tidy)) return 'lower';
  if (tidy === 'B/s') return 'higher';
  return null;
}

/** Unique column labels: file names, or the paths as given where names repeat, then `#n`. */
export function inputLabels(paths: readonly string[]): string[] {
  const base = paths.map((p) => p.split(/[\\/]/).pop() || p);
  const labels = base.map((b, i) => (base.filter((x) => x === b).length > 1 ? paths[i] : b) ?? b);
  return labels.map((l, i) => {
    const before = labels.slice(0, i).filter((x) => x === l).length;
    return before === 0 ? l : `${l}#${before + 1}`;
  });
}

/** Every metric spec gobaseline knows, the runs' own first, for naming metrics and units. */
function knownSpecs(runs: readonly RunRecord[]): MetricSpec[] {
  return [
    ...runs.flatMap((r) => r.scenarios.flatMap((s) => s.metrics)),
    ...PROCESS_METRICS,
    ...SCENARIOS.flatMap((s) => s.metrics),
  ];
}

/** A value under its run record key, in the record's units (the run-only comparison). */
const byRecordKey = (v: BenchValue): MetricValue =>
  v.recorded
    ? { metric: v.recorded.key, value: v.recorded.value }
    : { metric: v.unit, value: v.value };

/** The metrics of run-only comparisons, by record key: labels and assumptions from the specs. */
function recordMetrics(
  samples: readonly Sample[],
  specs: readonly MetricSpec[],
): SelectableMetric[] {
  return [...new Set(samples.map((s) => s.metric))].map((key) => {
    const spec = specs.find((s) => s.key === key) ?? { key, unit: 'count' as const, label: key };
    const unit = gobenchUnit(spec);
    return {
      metric: {
        id: key,
        label: spec.label,
        kind: spec.unit,
        assumption: assumptionNamed(metricAssumption(spec)),
        better: 'lower',
      },
      aliases: [key, unit, tidyUnit(unit), spec.label],
    };
  });
}

/**
 * The metrics of Go benchmark comparisons, by unit, from the unit metadata of every source:
 * the first source with the unit gives its direction, and `assume=exact` from any applies (as
 * benchstat merges unit metadata over its inputs).
 */
function unitMetrics(
  sources: readonly BenchResults[],
  specs: readonly MetricSpec[],
): SelectableMetric[] {
  const metrics = new Map<string, SelectableMetric>();
  for (const { results, units } of sources) {
    for (const { unit } of results.flatMap((r) => r.values)) {
      const assumption = assumptionNamed(unitMetadata(units, unit, 'assume'));
      const known = metrics.get(unit);
      if (known) {
        if (assumption === assumeExact) known.metric.assumption = assumeExact;
        continue;
      }
      const better = unitMetadata(units, unit, 'better');
      const keys = specs.filter((spec) => gobenchUnit(spec) === unit).map((spec) => spec.key);
      metrics.set(unit, {
        metric: {
          id: unit,
          label: unit,
          kind: unitKind(unit),
          assumption,
          better: better === 'lower' || better === 'higher' ? better : defaultBetter(unit),
        },
        aliases: [unit, tidyUnit(unit), ...new Set(keys)],
      });
    }
  }
  return [...metrics.values()];
}

/** A comparison column: its heading and where it came from. */
type Column = Omit<CompareInput, 'samples'>;

/** The comparison inputs: each column with the projected samples that fall into it. */
function fill(columns: readonly Column[], samples: readonly Sample[]): CompareInput[] {
  return columns.map((c) => ({
    ...c,
    samples: samples
      .filter((s) => s.column === c.label)
      .map((s) => ({
        benchmark: s.row,
        metric: s.metric,
        values: s.values,
        ...(s.pairs ? { pairs: s.pairs } : {}),
      })),
  }));
}

/** A run result's row: the scenario id, `@configuration` added in a run of several. */
function scenarioName(r: BenchResult, withConfiguration: boolean): string {
  const id = r.labels.scenario ?? '';
  return withConfiguration ? `${id} @${r.labels.configuration ?? ''}` : id;
}

/**
 * Builds the comparison of loaded files, one column each (see the module comment): every
 * file's results, labelled with `.file`, in one projection.
 */
export function prepareComparison(loaded: readonly LoadedInput[]): PreparedComparison {
  const labels = inputLabels(loaded.map((l) => l.path));
  const runs = loaded.flatMap((l) => (l.kind === 'run' ? [l.run] : []));
  const goTerms = loaded.some((l) => l.kind === 'gobench');
  const sources = loaded.map((l) => (l.kind === 'run' ? runResults(l.run) : l.file));
  const columns = loaded.map((l, i): Column => {
    const common = { label: labels[i] ?? l.path, path: l.path, kind: l.kind };
    const warnings = sources[i]?.warnings ?? [];
    if (l.kind !== 'run') return { ...common, warnings };
    const canary = l.run.canary?.canaries;
    return { ...common, runId: l.run.id, warnings, ...(canary ? { canary } : {}) };
  });
  const results = sources.flatMap((s, i) =>
    s.results.map((r) => ({ ...r, labels: { ...r.labels, '.file': columns[i]?.label ?? '' } })),
  );
  const specs = knownSpecs(runs);
  if (goTerms) {
    const samples = project(results, { row: '.name', column: '.file' });
    return { inputs: fill(columns, samples), metrics: unitMetrics(sources, specs) };
  }
  // A run of several configurations names its rows `scenario @configuration`.
  const several = new Set(
    loaded.flatMap((l, i) =>
      l.kind === 'run' && comparesConfigurations(l.run) ? [columns[i]?.label] : [],
    ),
  );
  const row = (r: BenchResult): string => scenarioName(r, several.has(r.labels['.file']));
  const samples = project(results, { row, column: '.file', metric: byRecordKey });
  return { inputs: fill(columns, samples), metrics: recordMetrics(samples, specs) };
}

/**
 * Builds the comparison of a run's configurations (toolchains, --config): its results projected
 * by `configuration` into one column each (the first is the base), rows by `scenario`, metrics
 * by run record key.
 */
export function prepareConfigurationComparison(run: RunRecord): PreparedComparison {
  const { results } = runResults(run);
  const columns = run.config.configurations.map(({ name }): Column => ({
    label: name,
    path: name,
    kind: 'run',
    runId: run.id,
    warnings: [],
  }));
  const samples = project(results, {
    row: 'scenario',
    column: 'configuration',
    metric: byRecordKey,
    pair: 'round',
  });
  return { inputs: fill(columns, samples), metrics: recordMetrics(samples, knownSpecs([run])) };
}

/**
 * The metrics named by --metric (by run record key, Go benchmark unit or label), or all of
 * them when none are named. An unknown name is a UsageError listing the metrics there are.
 */
export function selectMetrics(
  prepared: PreparedComparison,
  names: readonly string[] | undefined,
): CompareMetric[] {
  if (!names || names.length === 0) return prepared.metrics.map((m) => m.metric);
  return names.map((name) => {
    const found = prepared.metrics.find((m) => m.aliases.includes(name));
    if (!found) {
      const have = prepared.metrics.map((m) => m.aliases[0]).join(', ');
      throw new UsageError(`no metric "${name}" in the inputs (they have: ${have})`);
    }
    return found.metric;
  });
}

/**
 * Refuses a comparison where some input shares no benchmark and metric with the first (the
 * base), or the base has nothing of the selected metrics.
 */
export function checkCommonGround(
  inputs: readonly CompareInput[],
  metrics: readonly CompareMetric[],
): void {
  const ids = new Set(metrics.map((m) => m.id));
  const keys = (input: CompareInput): Set<string> =>
    new Set(
      input.samples
        .filter((s) => ids.has(s.metric) && s.values.length > 0)
        .map((s) => `${s.benchmark}\u0000${s.metric}`),
    );
  const names = (input: CompareInput): string => {
    const list = [...new Set(input.samples.map((s) => s.benchmark))];
    return list.length === 0 ? 'nothing measured' : list.slice(0, 4).join(', ');
  };
  const [base, ...rest] = inputs;
  if (!base) throw new UsageError('compare needs at least two inputs');
  const baseKeys = keys(base);
  for (const input of rest) {
    if (![...keys(input)].some((k) => baseKeys.has(k))) {
      throw new UsageError(
        `${input.label} has no benchmark and metric in common with ${base.label} ` +
          `(${base.label}: ${names(base)}; ${input.label}: ${names(input)})`,
      );
    }
  }
}

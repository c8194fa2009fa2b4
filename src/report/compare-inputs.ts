// Turns run records and parsed Go benchmark files into comparison inputs, picks the metrics to
// compare (--metric) and refuses inputs with nothing in common. Pure.
//
// When every input is a run record, rows are scenario ids (`startup/go-version @go1.27.3` in a
// run of several toolchains) and metrics are run record keys (`wallNs`, with the table labels). When any input is Go benchmark text, everything is compared
// in Go benchmark terms: run records are read exactly as their `report --format gobench` export
// (`Startup/go-version-2`, `ns/op`, `user-sec/op`, ...), so a run and its export compare equal.
import { UsageError } from '../errors.js';
import type { RunRecord } from '../measure/run-record.js';
import { assumeExact, assumeNothing, assumptionNamed } from '../stats/index.js';
import { SCENARIOS } from '../scenarios/catalogue.js';
import { PROCESS_METRICS, type MetricSpec } from '../scenarios/types.js';
import type { CompareInput, CompareMetric, CompareSample } from './compare.js';
import { EXACT_METRICS, gobenchUnit, renderGoBench } from './gobench.js';
import { parseGoBench, tidyUnit, unitMetadata, type GoBenchFile } from './gobench-reader.js';
import { measuredMetrics } from './reporter.js';
import { comparesToolchains, displayName } from './terminal-table.js';

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

/** Every metric spec gobaseline knows, for naming Go benchmark units after run record keys. */
function knownSpecs(runs: readonly RunRecord[]): MetricSpec[] {
  return [
    ...PROCESS_METRICS,
    ...SCENARIOS.flatMap((s) => s.metrics),
    ...runs.flatMap((r) => r.scenarios.flatMap((s) => s.metrics)),
  ];
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

function fromRun(run: RunRecord, metrics: Map<string, SelectableMetric>): CompareSample[] {
  const samples: CompareSample[] = [];
  const several = comparesToolchains(run);
  for (const result of run.scenarios) {
    for (const { spec, values } of measuredMetrics(result)) {
      if (!metrics.has(spec.key)) {
        metrics.set(spec.key, {
          metric: {
            id: spec.key,
            label: spec.label,
            kind: spec.unit,
            assumption: EXACT_METRICS.has(spec.key) ? assumeExact : assumeNothing,
            better: 'lower',
          },
          aliases: [spec.key, gobenchUnit(spec), tidyUnit(gobenchUnit(spec)), spec.label],
        });
      }
      samples.push({ benchmark: displayName(result, several), metric: spec.key, values });
    }
  }
  return samples;
}

function fromGoBench(
  file: GoBenchFile,
  metrics: Map<string, SelectableMetric>,
  specs: readonly MetricSpec[],
): CompareSample[] {
  for (const s of file.samples) {
    const assumption = assumptionNamed(unitMetadata(file, s.unit, 'assume'));
    const known = metrics.get(s.unit);
    if (known) {
      // benchstat: unit metadata from any file applies
      if (assumption === assumeExact) known.metric.assumption = assumeExact;
      continue;
    }
    const better = unitMetadata(file, s.unit, 'better');
    const keys = specs.filter((spec) => gobenchUnit(spec) === s.unit).map((spec) => spec.key);
    metrics.set(s.unit, {
      metric: {
        id: s.unit,
        label: s.unit,
        kind: unitKind(s.unit),
        assumption,
        better: better === 'lower' || better === 'higher' ? better : defaultBetter(s.unit),
      },
      aliases: [s.unit, tidyUnit(s.unit), ...new Set(keys)],
    });
  }
  return file.samples.map((s) => ({ benchmark: s.name, metric: s.unit, values: s.values }));
}

/** Builds the comparison inputs from loaded files (see the module comment for naming). */
export function prepareComparison(loaded: readonly LoadedInput[]): PreparedComparison {
  const labels = inputLabels(loaded.map((l) => l.path));
  const runs = loaded.flatMap((l) => (l.kind === 'run' ? [l.run] : []));
  const gobenchMode = loaded.some((l) => l.kind === 'gobench');
  const specs = knownSpecs(runs);
  const metrics = new Map<string, SelectableMetric>();
  const inputs = loaded.map((l, i): CompareInput => {
    const common = { label: labels[i] ?? l.path, path: l.path, kind: l.kind };
    if (l.kind === 'gobench') return { ...common, samples: fromGoBench(l.file, metrics, specs) };
    const samples = gobenchMode
      ? fromGoBench(parseGoBench(renderGoBench(l.run), l.path), metrics, specs)
      : fromRun(l.run, metrics);
    return { ...common, runId: l.run.id, samples };
  });
  return { inputs, metrics: [...metrics.values()] };
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

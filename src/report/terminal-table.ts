// The terminal table of a run: one row per scenario metric with n, median, 95% CI of the
// median, min–max, mean ± sd, CV and warnings; then the reference comparison. Returns text.
import Table from 'cli-table3';
import type { RunRecord, ScenarioResult } from '../record/run-record.js';
import type { MetricSpec } from '../scenarios/types.js';
import { findScenario } from '../scenarios/catalogue.js';
import {
  belowCpuResolution,
  CPU_SPLIT_REASON,
  cpuResolutionNs,
  totalCpuNs,
} from '../stats/cpu-resolution.js';
import { firstThatFits } from './fit-width.js';
import { displayUnitFor, formatIn, formatNumber, formatValue } from '../record/units.js';
import type { MetricSummary } from './summaries.js';
import { summarizeMetric } from './summaries.js';
import type { ReferenceComparison, ReferenceData } from './references.js';
import { compareWithReference } from './references.js';

const TABLE_STYLE = { head: [] as string[], border: [] as string[], compact: true };

/** The columns of the run table after scenario, in the order of the wide layout. */
type Column = 'metric' | 'n' | 'median' | 'ci' | 'ciPct' | 'range' | 'meanSd' | 'cv';

const HEADS: Record<Column, string> = {
  metric: 'metric',
  n: 'n',
  median: 'median',
  ci: '95% CI of median',
  ciPct: '95% CI',
  range: 'min … max',
  meanSd: 'mean ± sd',
  cv: 'CV',
};

/**
 * The layouts tried when fitting a width, widest first: the scenario moves to a row of its
 * own, then the spread columns go (mean ± sd, then min … max), then the CI becomes
 * benchstat's "± x%", then CV. The wide layout (every column) is `--wide`.
 */
const WIDE: Column[] = ['metric', 'n', 'median', 'ci', 'range', 'meanSd', 'cv'];
const FITTING: Column[][] = [
  WIDE,
  ['metric', 'n', 'median', 'ci', 'range', 'cv'],
  ['metric', 'n', 'median', 'ci', 'cv'],
  ['metric', 'n', 'median', 'ciPct', 'cv'],
  ['metric', 'n', 'median', 'ciPct'],
];

type Cells = Record<Column, string>;

function metricCells(label: string, unitOf: MetricSpec['unit'], s: MetricSummary): Cells {
  // One unit per row, chosen from the larger of median and mean (a median of 0 would pick ns).
  const unit = displayUnitFor(unitOf, Math.max(Math.abs(s.median), Math.abs(s.mean)));
  const f = (v: number): string => formatIn(v, unit);
  const ciMissing = s.ciLo === null || s.ciHi === null;
  const halfWidth = ciMissing
    ? 0
    : Math.max(s.median - (s.ciLo as number), (s.ciHi as number) - s.median);
  return {
    metric: label,
    n: String(s.n),
    median: f(s.median),
    ci: ciMissing ? 'n/a' : `${f(s.ciLo as number)} … ${f(s.ciHi as number)}`,
    ciPct: ciMissing
      ? 'n/a'
      : s.median === 0
        ? `± ${f(halfWidth)}`
        : `± ${formatNumber((halfWidth / Math.abs(s.median)) * 100)}%`,
    range: `${f(s.min)} … ${f(s.max)}`,
    meanSd: s.n > 1 ? `${f(s.mean)} ± ${formatIn(s.sd, unit)}` : f(s.mean),
    cv: s.n > 1 && s.mean !== 0 ? `${formatNumber(s.cv * 100)}%` : '',
  };
}

/** A user or system CPU time below the accounting resolution: no figures, only the bound. */
function unresolvedCpuCells(label: string, n: number): Cells {
  const bound = `< ${formatValue('ns', cpuResolutionNs())}`;
  return {
    metric: label,
    n: String(n),
    median: bound,
    ci: '',
    ciPct: '',
    range: '',
    meanSd: '',
    cv: '',
  };
}

const CPU_KEYS = new Set(['userNs', 'sysNs']);

/** The user and system CPU rows of a scenario that are below the accounting resolution. */
function unresolvedCpu(rows: { spec: MetricSpec; summary: MetricSummary }[]): Set<string> {
  return new Set(
    rows
      .filter((r) => CPU_KEYS.has(r.spec.key) && belowCpuResolution(r.summary.median))
      .map((r) => r.spec.key),
  );
}

/** The table's rows of one scenario: its metrics, CPU below resolution replaced by user+sys. */
function scenarioCells(result: ScenarioResult): Cells[] {
  const rows = scenarioSummaries(result);
  const unresolved = unresolvedCpu(rows);
  const out: Cells[] = [];
  for (const { spec, summary } of rows) {
    if (!unresolved.has(spec.key)) {
      out.push(metricCells(spec.label, spec.unit, summary));
      continue;
    }
    out.push(unresolvedCpuCells(spec.label, summary.n));
    // After the last CPU row: the sum, which the kernel measures exactly.
    const last = rows.filter((r) => CPU_KEYS.has(r.spec.key)).at(-1);
    const total = cpuTotals(result);
    if (last?.spec.key === spec.key && total.length > 0) {
      out.push(metricCells('user+sys CPU', 'ns', summarizeMetric(total, 'ns')));
    }
  }
  return out;
}

/** Per successful sample, user + system CPU (ns); empty when a sample lacks either. */
function cpuTotals(result: ScenarioResult): number[] {
  const ok = result.samples.filter((s) => s.ok);
  const user = ok.map((s) => s.metrics.userNs);
  const sys = ok.map((s) => s.metrics.sysNs);
  if (user.some((v) => v === undefined) || sys.some((v) => v === undefined)) return [];
  return totalCpuNs(user as number[], sys as number[]);
}

/** Summaries of one scenario's metrics over its successful samples, in table order. */
export function scenarioSummaries(
  result: ScenarioResult,
): { spec: MetricSpec; summary: MetricSummary }[] {
  const ok = result.samples.filter((s) => s.ok);
  const rows: { spec: MetricSpec; summary: MetricSummary }[] = [];
  for (const spec of result.metrics) {
    const values = ok
      .map((s) => s.metrics[spec.key])
      .filter((v): v is number => typeof v === 'number');
    if (values.length > 0) rows.push({ spec, summary: summarizeMetric(values, spec.unit) });
  }
  return rows;
}

/** Lines to print under the table: failures, early stops and statistical warnings. */
export function scenarioNotes(result: ScenarioResult, withConfiguration = false): string[] {
  const notes: string[] = [];
  const name = displayName(result, withConfiguration);
  if (result.setupFailure) {
    notes.push(`${name}: not measured, setup failed (${result.setupFailure.reason})`);
    if (result.setupFailure.stderrTail) notes.push(indent(result.setupFailure.stderrTail));
  }
  const failed = result.samples.filter((s) => !s.ok);
  if (failed.length > 0) {
    const first = failed[0]?.failure;
    notes.push(
      `${name}: ${failed.length} of ${result.samples.length} runs failed and are not timings` +
        (first ? ` (first: ${first.reason})` : ''),
    );
    if (first?.stderrTail) notes.push(indent(first.stderrTail));
  }
  if (result.stoppedEarly) notes.push(`${name}: ${result.stopReason ?? 'stopped early'}`);
  if (result.auto) notes.push(`${name}: ${autoNote(result.auto, result.samples.length)}`);
  const summaries = scenarioSummaries(result);
  const wall = summaries.find((r) => r.spec.key === 'wallNs');
  for (const w of wall?.summary.warnings ?? []) notes.push(`${name}: ${w}`);
  const unresolved = [...unresolvedCpu(summaries)].map((k) => (k === 'userNs' ? 'user' : 'sys'));
  if (unresolved.length > 0) {
    notes.push(
      `${name}: ${unresolved.join(' and ')} CPU below ${formatValue('ns', cpuResolutionNs())} ` +
        `${unresolved.length > 1 ? 'are' : 'is'} noise, not a measurement: ` +
        `${CPU_SPLIT_REASON}; user+sys CPU is exact`,
    );
  }
  return notes;
}

/** The scenario id, with its configuration (a toolchain label or a --config name) when a run compares several. */
export function displayName(result: ScenarioResult, withConfiguration: boolean): string {
  return withConfiguration ? `${result.scenarioId} @${result.configuration}` : result.scenarioId;
}

/** True when the run measured more than one configuration (toolchains included). */
export function comparesConfigurations(run: RunRecord): boolean {
  return (run.config.configurations?.length ?? 1) > 1;
}

/** Says how adaptive sampling ended, e.g. "--auto: target reached (CI ±1.4%, target ±2%, after 24 runs)". */
export function autoNote(auto: NonNullable<ScenarioResult['auto']>, runs: number): string {
  const pct = (f: number | null): string =>
    f === null ? 'unbounded' : `±${formatNumber(f * 100)}%`;
  const reached = `CI ${pct(auto.ciHalfWidth)}, target ${pct(auto.target)}, after ${runs} runs`;
  if (auto.stop === 'ci-target') return `--auto: target reached (${reached})`;
  if (auto.stop === 'time-budget')
    return `--auto: time budget ended before the target (${reached})`;
  return `--auto: run budget ended before the target (${reached})`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    | ${l}`)
    .join('\n');
}

/**
 * How wide a table may be: a number of columns to fit (the terminal's), or 'wide' for every
 * column whatever the width.
 */
export type TableWidth = number | 'wide';

/** Renders the measurement table of a run, fitted to `width`. */
export function renderRunTable(run: RunRecord, width: TableWidth = 'wide'): string {
  const several = comparesConfigurations(run);
  const groups = run.scenarios.map((result) => ({
    name: displayName(result, several),
    rows: scenarioCells(result),
  }));
  if (width === 'wide') return wideTable(groups);
  return firstThatFits(
    [() => wideTable(groups), ...FITTING.map((columns) => () => groupedTable(groups, columns))],
    width,
  );
}

interface Group {
  name: string;
  rows: Cells[];
}

const align = (c: Column | 'scenario'): 'left' | 'right' =>
  c === 'metric' || c === 'scenario' ? 'left' : 'right';

function notMeasured(columns: Column[]): string[] {
  return columns.map((c) => (c === 'metric' ? 'not measured' : c === 'n' ? '0' : ''));
}

/** Every column, the scenario in the first. */
function wideTable(groups: Group[]): string {
  const columns = WIDE;
  const table = new Table({
    head: ['scenario', ...columns.map((c) => HEADS[c])],
    style: TABLE_STYLE,
    colAligns: ['left', ...columns.map(align)],
  });
  for (const g of groups) {
    if (g.rows.length === 0) {
      table.push([g.name, ...notMeasured(columns)]);
      continue;
    }
    g.rows.forEach((cells, i) =>
      table.push([i === 0 ? g.name : '', ...columns.map((c) => cells[c])]),
    );
  }
  return table.toString();
}

/** The given columns, each scenario on a row of its own above its metrics. */
function groupedTable(groups: Group[], columns: Column[]): string {
  const table = new Table({
    head: columns.map((c) => (c === 'metric' ? 'scenario / metric' : HEADS[c])),
    style: TABLE_STYLE,
    colAligns: columns.map(align),
  });
  for (const g of groups) {
    table.push([{ colSpan: columns.length, content: g.name }]);
    if (g.rows.length === 0) {
      table.push(notMeasured(columns).map((c, i) => (i === 0 ? `  ${c}` : c)));
      continue;
    }
    for (const cells of g.rows)
      table.push(columns.map((c) => (c === 'metric' ? `  ${cells.metric}` : cells[c])));
  }
  return table.toString();
}

/** Every reference comparison the run allows (scenarios with a linked, measured metric). */
export function referenceComparisons(run: RunRecord, data: ReferenceData): ReferenceComparison[] {
  const out: ReferenceComparison[] = [];
  const several = comparesConfigurations(run);
  for (const result of run.scenarios) {
    const links = findScenario(result.scenarioId)?.references ?? [];
    const summaries = scenarioSummaries(result);
    for (const link of links) {
      const row = summaries.find((r) => r.spec.key === link.metricKey);
      if (!row) continue;
      const cmp = compareWithReference(
        data,
        displayName(result, several),
        link,
        row.summary.median,
      );
      if (cmp) out.push(cmp);
    }
  }
  return out;
}

/**
 * Renders the comparison with the source document's reference profiles, fitted to `width`:
 * when the profiles' columns do not fit, only the nearest profile and the ratio to it.
 */
export function renderReferenceTable(
  comparisons: ReferenceComparison[],
  data: ReferenceData,
  width: TableWidth = 'wide',
): string {
  if (comparisons.length === 0) return '';
  const full = (): string => referenceTable(comparisons, data, true);
  const table =
    width === 'wide'
      ? full()
      : firstThatFits([full, () => referenceTable(comparisons, data, false)], width);
  // One note per reference figure, even when several toolchains were compared with it.
  const notes = [
    ...new Map(
      comparisons.map((c) => [
        c.referenceKey,
        `  ${c.referenceKey} ← ${c.scenarioId.split(' @')[0]}: ${c.note}`,
      ]),
    ).values(),
  ];
  return `${table}\n${notes.join('\n')}`;
}

function referenceTable(
  comparisons: ReferenceComparison[],
  data: ReferenceData,
  withProfiles: boolean,
): string {
  const profiles = withProfiles ? data.profiles : [];
  const table = new Table({
    head: ['reference figure', 'this machine', ...profiles.map((p) => p.label), 'nearest', 'ratio'],
    style: TABLE_STYLE,
    colAligns: ['left', 'right', ...profiles.map(() => 'right' as const), 'left', 'right'],
  });
  for (const c of comparisons) {
    const value = (id: string): string => {
      const v = c.profiles.find((q) => q.id === id)?.value;
      return v === undefined ? '' : formatNumber(v);
    };
    table.push([
      `${c.referenceKey} (${c.unit})${c.scenarioId.includes(' @') ? c.scenarioId.slice(c.scenarioId.indexOf(' @')) : ''}`,
      formatNumber(c.measured),
      ...profiles.map((p) => value(p.id)),
      withProfiles ? c.nearest.id : `${c.nearest.id} ${formatNumber(c.nearest.value)}`,
      `×${formatNumber(c.ratio)}`,
    ]);
  }
  return table.toString();
}

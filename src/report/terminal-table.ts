// The terminal table of a run: one row per scenario metric with n, median, 95% CI of the
// median, min–max, mean ± sd, CV and warnings; then the reference comparison. Returns text.
import Table from 'cli-table3';
import type { RunRecord, ScenarioResult } from '../record/run-record.js';
import type { MetricSpec } from '../scenarios/types.js';
import { findScenario } from '../scenarios/catalogue.js';
import { displayUnitFor, formatIn, formatNumber } from '../record/units.js';
import type { MetricSummary } from './summaries.js';
import { summarizeMetric } from './summaries.js';
import type { ReferenceComparison, ReferenceData } from './references.js';
import { compareWithReference } from './references.js';

const TABLE_STYLE = { head: [] as string[], border: [] as string[], compact: true };

function metricRow(scenarioId: string, spec: MetricSpec, s: MetricSummary): string[] {
  // One unit per row, chosen from the larger of median and mean (a median of 0 would pick ns).
  const unit = displayUnitFor(spec.unit, Math.max(Math.abs(s.median), Math.abs(s.mean)));
  const f = (v: number): string => formatIn(v, unit);
  const ci = s.ciLo === null || s.ciHi === null ? 'n/a' : `${f(s.ciLo)} … ${f(s.ciHi)}`;
  return [
    scenarioId,
    spec.label,
    String(s.n),
    f(s.median),
    ci,
    `${f(s.min)} … ${f(s.max)}`,
    s.n > 1 ? `${f(s.mean)} ± ${formatIn(s.sd, unit)}` : f(s.mean),
    s.n > 1 && s.mean !== 0 ? `${formatNumber(s.cv * 100)}%` : '',
  ];
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
    if (values.length > 0) rows.push({ spec, summary: summarizeMetric(values) });
  }
  return rows;
}

/** Lines to print under the table: failures, early stops and statistical warnings. */
export function scenarioNotes(result: ScenarioResult, withToolchain = false): string[] {
  const notes: string[] = [];
  const name = displayName(result, withToolchain);
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
  const wall = scenarioSummaries(result).find((r) => r.spec.key === 'wallNs');
  for (const w of wall?.summary.warnings ?? []) notes.push(`${name}: ${w}`);
  return notes;
}

/** The scenario id, with its toolchain when a run compares several. */
export function displayName(result: ScenarioResult, withToolchain: boolean): string {
  return withToolchain ? `${result.scenarioId} @${result.toolchain}` : result.scenarioId;
}

/** True when the run measured more than one toolchain. */
export function comparesToolchains(run: RunRecord): boolean {
  return (run.config.toolchains?.length ?? 1) > 1;
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

/** Renders the measurement table of a run. */
export function renderRunTable(run: RunRecord): string {
  const table = new Table({
    head: ['scenario', 'metric', 'n', 'median', '95% CI of median', 'min … max', 'mean ± sd', 'CV'],
    style: TABLE_STYLE,
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  const several = comparesToolchains(run);
  for (const result of run.scenarios) {
    const rows = scenarioSummaries(result);
    const name = displayName(result, several);
    if (rows.length === 0) {
      table.push([name, 'not measured', '0', '', '', '', '', '']);
      continue;
    }
    rows.forEach(({ spec, summary }, i) =>
      table.push(metricRow(i === 0 ? name : '', spec, summary)),
    );
  }
  return table.toString();
}

/** Every reference comparison the run allows (scenarios with a linked, measured metric). */
export function referenceComparisons(run: RunRecord, data: ReferenceData): ReferenceComparison[] {
  const out: ReferenceComparison[] = [];
  const several = comparesToolchains(run);
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

/** Renders the comparison with the source document's reference profiles. */
export function renderReferenceTable(
  comparisons: ReferenceComparison[],
  data: ReferenceData,
): string {
  if (comparisons.length === 0) return '';
  const profiles = data.profiles;
  const table = new Table({
    head: ['reference figure', 'this machine', ...profiles.map((p) => p.label), 'nearest', 'ratio'],
    style: TABLE_STYLE,
    colAligns: ['left', 'right', ...profiles.map(() => 'right' as const), 'left', 'right'],
  });
  for (const c of comparisons) {
    table.push([
      `${c.referenceKey} (${c.unit})${c.scenarioId.includes(' @') ? c.scenarioId.slice(c.scenarioId.indexOf(' @')) : ''}`,
      formatNumber(c.measured),
      ...profiles.map((p) => {
        const v = c.profiles.find((q) => q.id === p.id)?.value;
        return v === undefined ? '' : formatNumber(v);
      }),
      c.nearest.id,
      `×${formatNumber(c.ratio)}`,
    ]);
  }
  // One note per reference figure, even when several toolchains were compared with it.
  const notes = [
    ...new Map(
      comparisons.map((c) => [
        c.referenceKey,
        `  ${c.referenceKey} ← ${c.scenarioId.split(' @')[0]}: ${c.note}`,
      ]),
    ).values(),
  ];
  return `${table.toString()}\n${notes.join('\n')}`;
}

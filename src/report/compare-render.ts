// Renders a comparison (compare.ts) as a terminal table, Markdown, CSV or JSON. benchstat's
// layout: per metric one row per benchmark, each input's centre ± CI, and for every input after
// the first its change against the first and the test; a geomean row; warnings as numbered
// footnotes. Pure.
import Table from 'cli-table3';
import {
  comparisonTest,
  type CompareMetric,
  type CompareReport,
  type MetricComparison,
} from './compare.js';
import { formatGoFloat } from '../stats/index.js';
import { displayUnitFor, formatIn, formatValue, type DisplayUnit } from '../record/units.js';
import { CPU_SPLIT_REASON, cpuResolutionNs } from '../stats/cpu-resolution.js';
import { canaryLines } from './compare-canary.js';
import { firstThatFits, wrapText } from './fit-width.js';
import type { TableWidth } from './terminal-table.js';

export type CompareFormat = 'table' | 'md' | 'csv' | 'json';

/** Numbered footnotes, one per distinct warning text, in order of first use. */
export class Footnotes {
  private readonly texts: string[] = [];

  /** The superscript marks for these warnings (registering new ones), e.g. ` ¹ ²`. */
  mark(warnings: readonly string[]): string {
    const marks = warnings.map((w) => {
      let i = this.texts.indexOf(w);
      if (i < 0) i = this.texts.push(w) - 1;
      return superscript(i + 1);
    });
    return marks.length ? ` ${marks.join(' ')}` : '';
  }

  lines(): string[] {
    return this.texts.map((t, i) => `${superscript(i + 1)} ${t}`);
  }
}

function superscript(n: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(n)
    .split('')
    .map((d) => digits[Number(d)] ?? d)
    .join('');
}

/** Values of a metric in nanoseconds, bytes or plain numbers, for display. */
function toDisplayBase(metric: CompareMetric, value: number): number {
  return metric.kind === 'sec' ? value * 1e9 : value;
}

/** One display unit per row, chosen from the row's largest centre (benchstat scales per row). */
function rowUnit(
  metric: CompareMetric,
  centers: readonly (number | null | undefined)[],
): DisplayUnit {
  if (metric.kind === 'count') return { name: '', scale: 1 };
  const unit = metric.kind === 'sec' ? 'ns' : metric.kind;
  const largest = Math.max(
    0,
    ...centers.map((c) => (typeof c === 'number' && Number.isFinite(c) ? Math.abs(c) : 0)),
  );
  return displayUnitFor(unit, toDisplayBase(metric, largest));
}

function formatCenter(metric: CompareMetric, value: number, unit: DisplayUnit): string {
  return formatIn(toDisplayBase(metric, value), unit);
}

/** One input's part of a row: centre ± spread, and for later inputs the change and test. */
interface InputCell {
  center: string;
  /** benchstat's `4%` after `±`; '' when none is shown. */
  spread: string;
  /** Footnote marks, e.g. ` ¹`. */
  marks: string;
  delta: string;
  test: string;
}

interface TextRow {
  metric: string;
  benchmark: string;
  cells: InputCell[];
}

/**
 * What the terminal table shows. The layouts tried when fitting a width, widest first: every
 * column (`--wide`, Markdown); the metric as a heading row instead of a column; without the
 * p-value column; without the ± of the centres (as benchstat drops them first).
 */
interface Layout {
  metricColumn: boolean;
  pValues: boolean;
  spread: boolean;
}
const FULL: Layout = { metricColumn: true, pValues: true, spread: true };
const LAYOUTS: Layout[] = [
  FULL,
  { metricColumn: false, pValues: true, spread: true },
  { metricColumn: false, pValues: false, spread: true },
  { metricColumn: false, pValues: false, spread: false },
];

const EMPTY: InputCell = { center: '', spread: '', marks: '', delta: '', test: '' };

/** The centre cell's text in a layout. */
function centerText(cell: InputCell, layout: Layout): string {
  const spread = layout.spread && cell.spread ? ` ± ${cell.spread}` : '';
  return `${cell.center}${spread}${cell.marks}`.trim();
}

/** The cells of one input in a layout: centre, then (after the base) change and test. */
function layoutCells(cell: InputCell, i: number, layout: Layout): string[] {
  if (i === 0) return [centerText(cell, layout)];
  return [centerText(cell, layout), cell.delta, ...(layout.pValues ? [cell.test] : [])];
}

/** The footnote on user and system CPU times below the accounting resolution. */
export function belowResolutionNote(): string {
  return (
    `user and sys CPU below ${formatValue('ns', cpuResolutionNs())} are noise, not ` +
    `measurements: ${CPU_SPLIT_REASON}; no change is shown for them`
  );
}

/** Table rows shared by the terminal and Markdown renderings. */
function textRows(report: CompareReport, notes: Footnotes): TextRow[] {
  const rows: TextRow[] = [];
  for (const m of report.metrics) {
    m.rows.forEach((row, r) => {
      const unit = rowUnit(
        m.metric,
        row.cells.map((c) => (c?.summary.belowResolution ? null : c?.summary.center)),
      );
      // A change against noise (on either side) is noise too: no verdict for the row.
      const noisy = row.cells.some((c) => c?.summary.belowResolution);
      const cells = row.cells.map((cell): InputCell => {
        if (!cell) return EMPTY;
        const s = cell.summary;
        const c = cell.vsBase;
        const verdict = c && !noisy;
        return {
          center: s.belowResolution
            ? `< ${formatValue('ns', cpuResolutionNs())}`
            : formatCenter(m.metric, s.center, unit),
          spread: s.belowResolution ? '' : s.ciPercent,
          marks: s.belowResolution ? notes.mark([belowResolutionNote()]) : notes.mark(s.warnings),
          delta: verdict ? `${c.delta}${notes.mark(c.warnings)}` : '',
          test: verdict ? `(${c.test})` : '',
        };
      });
      rows.push({ metric: r === 0 ? metricTitle(m.metric) : '', benchmark: row.benchmark, cells });
    });
    // A geomean over noise would be noise.
    const noisy = m.rows.some((row) => row.cells.some((c) => c?.summary.belowResolution));
    if (m.rows.length > 1 && !noisy) rows.push(geomeanRow(m, notes));
  }
  return rows;
}

function geomeanRow(m: MetricComparison, notes: Footnotes): TextRow {
  const unit = rowUnit(
    m.metric,
    m.geomean.map((g) => g.center),
  );
  const cells = m.geomean.map((g): InputCell => ({
    center: g.center === null ? '' : formatCenter(m.metric, g.center, unit),
    spread: '',
    marks: notes.mark(g.warnings),
    delta: g.delta,
    test: '',
  }));
  return { metric: '', benchmark: 'geomean', cells };
}

function metricTitle(metric: CompareMetric): string {
  return metric.label;
}

function headings(report: CompareReport, layout: Layout): string[] {
  const kind = report.inputs.every((i) => i.kind === 'run') ? 'scenario' : 'benchmark';
  const head = layout.metricColumn ? ['metric', kind] : [kind];
  report.inputs.forEach((input, i) => {
    head.push(input.label);
    if (i > 0) head.push('vs base', ...(layout.pValues ? ['p, n'] : []));
  });
  return head;
}

/** The lines above a table: what is compared with what, and how. */
function preamble(report: CompareReport): string[] {
  const inputs = report.inputs.map(
    (input, i) =>
      `${i === 0 ? 'base: ' : ''}${input.label}${input.runId ? ` (run ${input.runId})` : ''}`,
  );
  const left = report.inputs.flatMap((input) =>
    input.warnings.map((w) => `${input.label}: ${w.message}`),
  );
  return [
    inputs.join(' · '),
    ...left,
    `centre: median ± ${formatGoFloat(report.confidence * 100)}% confidence interval; ` +
      `vs base: ${comparisonTest(report)}, ~ where p > ${formatGoFloat(report.alpha)} (not significant)`,
  ];
}

/** The table alone, in one layout; footnotes registered in `notes`. */
function tableText(report: CompareReport, layout: Layout, notes: Footnotes): string {
  const rows = textRows(report, notes);
  const head = headings(report, layout);
  const left = layout.metricColumn ? 2 : 1;
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, i) => (i < left ? 'left' : 'right')),
  });
  for (const row of rows) {
    const cells = row.cells.flatMap((c, i) => layoutCells(c, i, layout));
    if (layout.metricColumn) table.push([row.metric, row.benchmark, ...cells]);
    else {
      if (row.metric) table.push([{ content: row.metric, colSpan: head.length }]);
      table.push([row.benchmark, ...cells]);
    }
  }
  return table.toString();
}

/**
 * The comparison as a terminal table (cli-table3) with footnotes below, fitted to `width`:
 * the widest layout whose table fits, prose wrapped; every column with 'wide'.
 */
export function renderCompareTable(report: CompareReport, width: TableWidth = 'wide'): string {
  const prose = width === 'wide' ? Infinity : width;
  const render = (layout: Layout) => (): string => {
    const notes = new Footnotes();
    const table = tableText(report, layout, notes);
    const wrap = (lines: string[]): string[] => lines.map((l) => wrapText(l, prose));
    const canary = canaryLines(report);
    return [
      ...wrap(preamble(report)),
      '',
      table,
      ...wrap(notes.lines()),
      ...(canary.length ? ['', ...canary] : []),
    ].join('\n');
  };
  const text = width === 'wide' ? render(FULL)() : firstThatFits(LAYOUTS.map(render), width);
  return `${text}\n`;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The comparison as a GitHub-flavoured Markdown table, with footnotes below. */
export function renderCompareMarkdown(report: CompareReport): string {
  const notes = new Footnotes();
  const rows = textRows(report, notes);
  const head = headings(report, FULL);
  const lines = [
    ...preamble(report).map((l) => `${l}  `),
    '',
    `| ${head.map(mdCell).join(' | ')} |`,
    `|${head.map((_, i) => (i < 2 ? ':---' : '---:')).join('|')}|`,
    ...rows.map(
      (r) =>
        `| ${[r.metric, r.benchmark, ...r.cells.flatMap((c, i) => layoutCells(c, i, FULL))]
          .map((c) => mdCell(c))
          .join(' | ')} |`,
    ),
  ];
  const foot = notes.lines();
  if (foot.length) lines.push('', ...foot.map((l) => `${l}  `));
  const canary = canaryLines(report);
  if (canary.length) lines.push('', ...canary.map((l) => `${l}  `));
  return `${lines.join('\n')}\n`;
}

function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The comparison as CSV, one line per metric, benchmark and input (geomean rows too). Values
 * are in the metric's own units (`unit`): run record metrics in ns, bytes, counts or percent;
 * Go benchmark metrics as the file's unit says. `delta_percent` and `p` are against the base.
 */
export function renderCompareCsv(report: CompareReport): string {
  const head = [
    'metric',
    'unit',
    'benchmark',
    'input',
    'n',
    'center',
    'ci_low',
    'ci_high',
    'ci_level',
    'delta_percent',
    'p',
    'significant',
    'warnings',
  ];
  const lines = [head.join(',')];
  for (const m of report.metrics) {
    const unit = m.metric.id === m.metric.label ? m.metric.id : m.metric.kind;
    for (const row of m.rows) {
      row.cells.forEach((cell, i) => {
        if (!cell) return;
        const s = cell.summary;
        const c = cell.vsBase;
        const warnings = [
          ...(s.belowResolution ? [belowResolutionNote()] : []),
          ...s.warnings,
          ...(c?.warnings ?? []),
        ].join('; ');
        const fields = [
          m.metric.id,
          unit,
          row.benchmark,
          report.inputs[i]?.label ?? '',
          s.n,
          s.center,
          s.ciLo,
          s.ciHi,
          s.ciConfidence,
          c?.deltaFraction === null || c === null ? null : c.deltaFraction * 100,
          c?.p ?? null,
          c ? c.significant : null,
          warnings,
        ];
        lines.push(fields.map(csvField).join(','));
      });
    }
    m.geomean.forEach((g, i) => {
      const fields = [
        m.metric.id,
        unit,
        'geomean',
        report.inputs[i]?.label ?? '',
        null,
        g.center,
        null,
        null,
        null,
        g.ratio === null ? null : (g.ratio - 1) * 100,
        null,
        null,
        g.warnings.join('; '),
      ];
      lines.push(fields.map(csvField).join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The comparison as JSON (schema `gobaseline/compare`, version 1). A metric's assumption is
 * written by name (`"assumption": "exact"`), and as the boolean `exact` that version 1 began with.
 */
export function renderCompareJson(report: CompareReport): string {
  const metrics = report.metrics.map((m) => ({
    ...m,
    metric: {
      ...m.metric,
      assumption: m.metric.assumption.name,
      exact: m.metric.assumption.name === 'exact',
    },
  }));
  const json = { schema: 'gobaseline/compare', schemaVersion: 1, ...report, metrics };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Renders in the named format. */
export function renderCompare(
  report: CompareReport,
  format: CompareFormat,
  width: TableWidth = 'wide',
): string {
  switch (format) {
    case 'table':
      return renderCompareTable(report, width);
    case 'md':
      return renderCompareMarkdown(report);
    case 'csv':
      return renderCompareCsv(report);
    case 'json':
      return renderCompareJson(report);
  }
}

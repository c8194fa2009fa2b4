// The terminal table of a sweep (analyze/sweep-report.ts): per scenario and metric one row per
// configuration with n, median, its 95% CI and the change against `default` with the Holm-
// corrected p-value (`~` where not significant, as benchstat and `compare` print it); the best
// configuration below, and the configurations that failed. Pure.
import Table from 'cli-table3';
import type { SweepMetric, SweepReport, SweepRow, SweepScenario } from '../analyze/sweep-report.js';
import { displayUnitFor, formatIn, formatValue, type DisplayUnit } from '../record/units.js';
import { formatGoFloat } from '../stats/index.js';
import { deltaText, pctRange } from './compare.js';
import { belowResolutionNote, Footnotes } from './compare-render.js';
import { cpuResolutionNs } from '../stats/cpu-resolution.js';
import { formatGoFixed, formatGoSigned } from './go-format.js';
import { firstThatFits, wrapText } from './fit-width.js';
import type { TableWidth } from './terminal-table.js';

/**
 * The layouts tried when fitting a width, widest first: every column; the metric as a heading
 * row instead of a column; the CI as `± x%` instead of its bounds; without the p-value.
 */
interface Layout {
  metricColumn: boolean;
  ciBounds: boolean;
  pValue: boolean;
}
const FULL: Layout = { metricColumn: true, ciBounds: true, pValue: true };
const LAYOUTS: Layout[] = [
  FULL,
  { metricColumn: false, ciBounds: true, pValue: true },
  { metricColumn: false, ciBounds: false, pValue: true },
  { metricColumn: false, ciBounds: false, pValue: false },
];

/** One unit for a metric's block, from its largest centre, so the rows read alike. */
function blockUnit(metric: SweepMetric): DisplayUnit {
  const shown = metric.rows.filter((r) => !r.belowResolution);
  const largest = Math.max(0, ...shown.map((r) => Math.abs(r.center ?? 0)));
  return displayUnitFor(metric.unit, largest);
}

/** `p=0.012` as benchstat prints p-values (three decimals). */
export function pText(p: number): string {
  return `p=${formatGoFixed(p, 3)}`;
}

function ciText(row: SweepRow, unit: DisplayUnit, layout: Layout): string {
  if (row.center === null) return '';
  if (row.ciLo === null || row.ciHi === null) return '∞';
  if (!layout.ciBounds) return `± ${pctRange(row.center, row.ciLo, row.ciHi)}`;
  return `${formatIn(row.ciLo, unit)} … ${formatIn(row.ciHi, unit)}`;
}

function rowCells(
  row: SweepRow,
  baseCenter: number | null,
  unit: DisplayUnit,
  layout: Layout,
  notes: Footnotes,
): string[] {
  const c = row.vsBase;
  if (row.belowResolution) {
    const bound = `< ${formatValue('ns', cpuResolutionNs())}${notes.mark([belowResolutionNote()])}`;
    return [row.configuration, String(row.n), bound, '', '', ...(layout.pValue ? [''] : [])];
  }
  const center =
    row.center === null ? 'failed' : `${formatIn(row.center, unit)}${notes.mark(row.warnings)}`;
  const delta =
    c && row.center !== null && baseCenter !== null
      ? deltaText(c.significant, baseCenter, row.center)
      : '';
  const cells = [row.configuration, String(row.n), center, ciText(row, unit, layout), delta];
  if (layout.pValue) cells.push(c ? pText(c.pHolm) : '');
  return cells;
}

function headings(report: SweepReport, layout: Layout): string[] {
  const head = layout.metricColumn ? ['metric'] : [];
  head.push('configuration', 'n', 'median', `${formatGoFloat(report.confidence * 100)}% CI`);
  head.push(`vs ${report.base}`);
  if (layout.pValue) head.push('p (Holm)');
  return head;
}

function tableText(
  report: SweepReport,
  scenario: SweepScenario,
  layout: Layout,
  notes: Footnotes,
): string {
  const head = headings(report, layout);
  const left = layout.metricColumn ? 2 : 1;
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, i) => (i < left ? 'left' : 'right')),
  });
  for (const metric of scenario.metrics) {
    const unit = blockUnit(metric);
    if (!layout.metricColumn) table.push([{ content: metric.label, colSpan: head.length }]);
    metric.rows.forEach((row, i) => {
      const cells = rowCells(row, metric.rows[0]?.center ?? null, unit, layout, notes);
      table.push(layout.metricColumn ? [i === 0 ? metric.label : '', ...cells] : cells);
    });
  }
  return table.toString();
}

/** The line naming the best configuration and how sure the comparison is. */
export function bestLine(report: SweepReport, scenario: SweepScenario): string {
  const best = scenario.best;
  if (!best) return 'best: none (no configuration has a wall time)';
  const wall = formatIn(best.medianWallNs, displayUnitFor('ns', best.medianWallNs));
  if (best.configuration === report.base)
    return `best: ${report.base} (${wall} median wall); no setting was faster`;
  const change = best.vsBase?.deltaFraction;
  const delta =
    change === null || change === undefined ? '' : `${formatGoSigned(change * 100, 2)}% `;
  const p = best.vsBase ? `, ${pText(best.vsBase.pHolm)} Holm-corrected` : '';
  const verdict = best.significantlyBetter
    ? `significantly faster than ${report.base}`
    : `not significantly faster than ${report.base}`;
  return `best: ${best.configuration} (${wall} median wall, ${delta}vs ${report.base}${p}): ${verdict}`;
}

/** The legend's name of the test behind the wall-time changes (paired when rounds allow). */
function testName(scenario: SweepScenario): string {
  const wall = scenario.metrics.find((m) => m.key === 'wallNs') ?? scenario.metrics[0];
  return wall?.paired
    ? 'Wilcoxon signed-rank test of the runs paired by round'
    : 'Mann-Whitney U test';
}

function preamble(report: SweepReport, scenario: SweepScenario): string[] {
  const configs = scenario.metrics[0]?.rows.length ?? 0;
  const params = report.params.map((p) => `${p.name}=${p.values.join(',')}`).join(' ');
  const status = report.status === 'interrupted' ? ' (interrupted: the samples taken so far)' : '';
  const comparisons = Math.max(0, configs - 1);
  return [
    `sweep of ${scenario.scenarioId}: ${params} · ${configs} configurations · run ${report.runId}${status}`,
    `median ± ${formatGoFloat(report.confidence * 100)}% confidence interval; vs ${report.base}: ` +
      `${testName(scenario)}, p-values Holm-corrected over the ${comparisons} comparisons of each metric; ` +
      `~ where the corrected p > ${formatGoFloat(report.alpha)} (not significant)`,
  ];
}

function failureLines(scenario: SweepScenario): string[] {
  return scenario.failures.map((f) => `failed: ${f.configuration}: ${f.reason}`);
}

/** One scenario's part of the table, fitted to `width` (every column with 'wide'). */
function renderScenario(report: SweepReport, scenario: SweepScenario, width: TableWidth): string {
  const prose = width === 'wide' ? Infinity : width;
  const render = (layout: Layout) => (): string => {
    const notes = new Footnotes();
    const table = tableText(report, scenario, layout, notes);
    const wrap = (lines: string[]): string[] => lines.map((l) => wrapText(l, prose));
    return [
      ...wrap(preamble(report, scenario)),
      '',
      table,
      ...wrap(notes.lines()),
      ...wrap([bestLine(report, scenario), ...failureLines(scenario)]),
    ].join('\n');
  };
  return width === 'wide' ? render(FULL)() : firstThatFits(LAYOUTS.map(render), width);
}

/** The sweep as terminal tables, one per scenario. */
export function renderSweepTable(report: SweepReport, width: TableWidth = 'wide'): string {
  if (report.scenarios.length === 0) return 'sweep: nothing was measured\n';
  return `${report.scenarios.map((s) => renderScenario(report, s, width)).join('\n\n')}\n`;
}

/** The sweep analysis as JSON (schema `gobaseline/sweep`). */
export function renderSweepJson(report: SweepReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

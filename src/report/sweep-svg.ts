// The response curves of `sweep --svg`: per metric a panel with the first numeric parameter on
// the x axis, the median as a line with its confidence interval as a band, one line per value
// of the other parameters (the second one, usually), and the default configuration as a dashed
// level with its own band. Hand-written SVG (helpers in svg.ts). Pure: analysis in, SVG out.
import type {
  SweepMetric,
  SweepParamValues,
  SweepReport,
  SweepRow,
  SweepScenario,
} from '../analyze/sweep-report.js';
import { displayUnitFor, formatIn, formatNumber, type DisplayUnit } from '../record/units.js';
import { formatGoFloat } from '../stats/index.js';
import { coord, escapeXml, svgDocument, tickStep } from './svg.js';

const WIDTH = 760;
const PANEL_HEIGHT = 300;
const MARGIN = { left: 80, right: 210, top: 40, bottom: 50 };
/** Space between the frame and the first and last x value, a fraction of the plot's width. */
const X_PAD = 0.05;
const TITLE_HEIGHT = 56;
/** Tableau 10: distinguishable, also in greyscale print. */
const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1'];
const DEFAULT_COLOUR = '#555555';

/** A line of the chart: the points of one value of the other parameters. */
interface Series {
  label: string;
  points: { x: number; row: SweepRow }[];
}

/** How the x axis reads the first numeric parameter (or the first one, by position). */
interface XAxis {
  param: string;
  /** Tick positions and labels, in the parameter's order. */
  ticks: { x: number; label: string }[];
  log: boolean;
  /** The position of a row on the axis. */
  of(row: SweepRow): number | null;
}

function numeric(values: readonly string[]): boolean {
  return values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
}

/**
 * The x axis: the first parameter whose values are all numbers (a log scale when they are
 * positive and span more than a factor of 10), else the first parameter, its values evenly spaced.
 */
function xAxis(params: readonly SweepParamValues[]): XAxis | null {
  const chosen = params.find((p) => numeric(p.values)) ?? params[0];
  if (!chosen) return null;
  const isNumeric = numeric(chosen.values);
  const nums = chosen.values.map(Number);
  const log = isNumeric && nums.every((n) => n > 0) && Math.max(...nums) / Math.min(...nums) > 10;
  const pos = (value: string): number => {
    if (!isNumeric) return chosen.values.indexOf(value);
    return log ? Math.log2(Number(value)) : Number(value);
  };
  return {
    param: chosen.name,
    ticks: chosen.values.map((v) => ({ x: pos(v), label: v })),
    log,
    of: (row) => {
      const v = row.params[chosen.name];
      return v === undefined ? null : pos(v);
    },
  };
}

/** The lines of a metric: configurations grouped by the values of every parameter but x. */
function seriesOf(metric: SweepMetric, axis: XAxis): Series[] {
  const series = new Map<string, Series>();
  for (const row of metric.rows) {
    const x = axis.of(row);
    if (x === null || row.center === null || row.belowResolution) continue;
    const label = Object.entries(row.params)
      .filter(([k]) => k !== axis.param)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const s = series.get(label) ?? { label: label || metric.label, points: [] };
    s.points.push({ x, row });
    series.set(label, s);
  }
  for (const s of series.values()) s.points.sort((a, b) => a.x - b.x);
  return [...series.values()];
}

/** The vertical range covering every centre and CI bound drawn, padded by 8%. */
function yRange(rows: readonly SweepRow[]): { lo: number; hi: number } {
  const values = rows.flatMap((r) =>
    [r.center, r.ciLo, r.ciHi].filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!(hi > lo)) {
    const pad = Math.abs(hi) * 0.05 || 1;
    return { lo: lo - pad, hi: hi + pad };
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  return { lo, hi };
}

/** A band's bounds at a row: its CI, or the centre where the CI is unbounded. */
function bounds(row: SweepRow): { lo: number; hi: number } {
  const c = row.center as number;
  return { lo: row.ciLo ?? c, hi: row.ciHi ?? c };
}

/** One metric's panel, its top at `top`. */
function panel(
  metric: SweepMetric,
  axis: XAxis,
  top: number,
  confidence: number,
  base: string,
): string[] {
  const out: string[] = [];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const y0 = top + MARGIN.top;
  const series = seriesOf(metric, axis);
  const baseRow = metric.rows.find(
    (r) => r.configuration === base && r.center !== null && !r.belowResolution,
  );
  const drawn = [
    ...series.flatMap((s) => s.points.map((p) => p.row)),
    ...(baseRow ? [baseRow] : []),
  ];
  if (drawn.length === 0) return out;
  const { lo, hi } = yRange(drawn);
  const unit: DisplayUnit = displayUnitFor(metric.unit, Math.max(Math.abs(lo), Math.abs(hi)));
  const xs = axis.ticks.map((t) => t.x);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const inner = plotW * (1 - 2 * X_PAD);
  const px = (x: number): number =>
    MARGIN.left +
    plotW * X_PAD +
    (xMax === xMin ? inner / 2 : ((x - xMin) / (xMax - xMin)) * inner);
  const py = (v: number): number => y0 + plotH - ((v - lo) / (hi - lo)) * plotH;
  const right = MARGIN.left + plotW;

  out.push(
    `<text x="${MARGIN.left}" y="${top + 24}" font-size="13" font-weight="bold">${escapeXml(
      `${metric.label} by ${axis.param}`,
    )}</text>`,
  );
  // Grid and axes first, so the data is drawn over them.
  const step = tickStep((hi - lo) / unit.scale, 6) * unit.scale;
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) {
    out.push(
      `<line x1="${MARGIN.left}" y1="${coord(py(v))}" x2="${right}" y2="${coord(py(v))}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 6}" y="${coord(py(v) + 4)}" font-size="10" text-anchor="end" fill="#555">${escapeXml(formatNumber(v / unit.scale))}</text>`,
    );
  }
  for (const t of axis.ticks) {
    out.push(
      `<line x1="${coord(px(t.x))}" y1="${y0 + plotH}" x2="${coord(px(t.x))}" y2="${y0 + plotH + 5}" stroke="#999"/>`,
      `<text x="${coord(px(t.x))}" y="${y0 + plotH + 18}" font-size="10" text-anchor="middle" fill="#555">${escapeXml(t.label)}</text>`,
    );
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${y0}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${y0 + plotH + 38}" font-size="11" text-anchor="middle">${escapeXml(
      `${axis.param}${axis.log ? ' (log scale)' : ''}`,
    )}</text>`,
    `<text x="${MARGIN.left - 58}" y="${y0 + plotH / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 ${MARGIN.left - 58} ${y0 + plotH / 2})">${escapeXml(
      `${metric.label}${unit.name ? ` (${unit.name})` : ''}`,
    )}</text>`,
  );

  const legend: string[] = [];
  const legendY = (i: number): number => y0 + 8 + i * 18;
  if (baseRow) {
    const b = bounds(baseRow);
    const c = baseRow.center as number;
    out.push(
      `<rect x="${MARGIN.left}" y="${coord(py(b.hi))}" width="${plotW}" height="${coord(Math.max(0.5, py(b.lo) - py(b.hi)))}" fill="${DEFAULT_COLOUR}" fill-opacity="0.08"/>`,
      `<line x1="${MARGIN.left}" y1="${coord(py(c))}" x2="${right}" y2="${coord(py(c))}" stroke="${DEFAULT_COLOUR}" stroke-dasharray="6 4"><title>${escapeXml(`${base}: ${formatIn(c, unit)}`)}</title></line>`,
    );
    legend.push(
      `<line x1="${right + 14}" y1="${legendY(0)}" x2="${right + 34}" y2="${legendY(0)}" stroke="${DEFAULT_COLOUR}" stroke-dasharray="6 4"/>`,
      `<text x="${right + 40}" y="${legendY(0) + 4}" font-size="11">${escapeXml(`${base} (no settings)`)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? DEFAULT_COLOUR;
    const upper = s.points.map((p) => `${coord(px(p.x))},${coord(py(bounds(p.row).hi))}`);
    const lower = s.points.map((p) => `${coord(px(p.x))},${coord(py(bounds(p.row).lo))}`).reverse();
    out.push(
      `<polygon points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="0.18" stroke="none"/>`,
      `<polyline points="${s.points.map((p) => `${coord(px(p.x))},${coord(py(p.row.center as number))}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`,
    );
    for (const p of s.points) {
      const c = p.row.center as number;
      const ci =
        p.row.ciLo === null || p.row.ciHi === null
          ? 'CI unbounded (too few samples)'
          : `CI ${formatIn(p.row.ciLo, unit)} … ${formatIn(p.row.ciHi, unit)}`;
      out.push(
        `<circle cx="${coord(px(p.x))}" cy="${coord(py(c))}" r="3.5" fill="${colour}"><title>${escapeXml(
          `${p.row.configuration}: ${formatIn(c, unit)}, ${ci}, n=${p.row.n}`,
        )}</title></circle>`,
      );
    }
    const ly = legendY(i + (baseRow ? 1 : 0));
    legend.push(
      `<line x1="${right + 14}" y1="${ly}" x2="${right + 34}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${right + 40}" y="${ly + 4}" font-size="11">${escapeXml(s.label)}</text>`,
    );
  });
  const noteY = legendY(series.length + (baseRow ? 1 : 0)) + 8;
  legend.push(
    `<rect x="${right + 14}" y="${noteY - 6}" width="20" height="10" fill="#888" fill-opacity="0.18"/>`,
    `<text x="${right + 40}" y="${noteY + 3}" font-size="11">${escapeXml(
      `bands: ${formatGoFloat(confidence * 100)}% CI of the median`,
    )}</text>`,
  );
  return [...out, ...legend];
}

/** One scenario's title lines and panels from `top` down; returns the height used. */
function scenarioPart(
  report: SweepReport,
  scenario: SweepScenario,
  axis: XAxis | null,
  top: number,
  body: string[],
): number {
  body.push(
    `<text x="10" y="${top + 22}" font-size="15" font-weight="bold">${escapeXml(
      `sweep of ${scenario.scenarioId}: median by ${axis?.param ?? 'configuration'}`,
    )}</text>`,
    `<text x="10" y="${top + 40}" font-size="11" fill="#555">${escapeXml(
      `run ${report.runId} · lines: median, bands: ${formatGoFloat(report.confidence * 100)}% confidence interval of the median · dashed: ${report.base}`,
    )}</text>`,
  );
  if (!axis) return TITLE_HEIGHT;
  // User and system CPU below the tick resolution are noise: no curve for them.
  const metrics = scenario.metrics.filter((m) =>
    m.rows.some((r) => r.center !== null && !r.belowResolution),
  );
  metrics.forEach((m, i) => {
    body.push(
      ...panel(m, axis, top + TITLE_HEIGHT + i * PANEL_HEIGHT, report.confidence, report.base),
    );
  });
  return TITLE_HEIGHT + metrics.length * PANEL_HEIGHT;
}

/**
 * The response curves of a sweep as one SVG document: for each scenario (one, unless a preset
 * adds more) its title and one panel per metric.
 */
export function sweepSvg(report: SweepReport): string {
  const axis = xAxis(report.params);
  const body: string[] = [];
  let height = 0;
  for (const scenario of report.scenarios)
    height += scenarioPart(report, scenario, axis, height, body);
  return svgDocument(WIDTH, Math.max(height, TITLE_HEIGHT), body);
}

// The scaling chart of `analyze modules --svg`: per command a panel of median wall time against
// the number of dependency modules, both axes logarithmic, one line per mode with its 95% CI as
// whiskers, and each line's knee (analyze/modules-scaling.ts) marked on the line with a hollow
// diamond where it lies inside the sizes measured. A mode has the same colour in every panel. Hand-written SVG (helpers in svg.ts). Pure.
import type { ModulesReport, ScalingCurve } from '../analyze/modules-report.js';
import { displayUnitFor, formatIn, formatNumber } from '../record/units.js';
import { coord, escapeXml, svgDocument } from './svg.js';

const WIDTH = 820;
const PANEL_HEIGHT = 320;
const MARGIN = { left: 80, right: 240, top: 40, bottom: 50 };
const TITLE_HEIGHT = 56;
/** Tableau 10: distinguishable, also in greyscale print. */
const COLOURS = [
  '#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#bab0ac',
]; // prettier-ignore

/** Powers of ten, with 2 and 5 between them when fewer than three decades are shown. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  const fine = Math.log10(hi / lo) < 3;
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of fine ? [1, 2, 5] : [1]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

/**
 * The curve's value at `modules` as drawn: interpolated between its neighbouring points on the
 * log-log axes (where the knee's diamond sits on the line); null outside the points.
 */
function onCurve(curve: ScalingCurve, modules: number): number | null {
  const pts = curve.points;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i] as ScalingCurve['points'][number];
    const b = pts[i + 1] as ScalingCurve['points'][number];
    if (modules < a.modules || modules > b.modules || a.center <= 0 || b.center <= 0) continue;
    const f = Math.log(modules / a.modules) / Math.log(b.modules / a.modules);
    return Math.exp(Math.log(a.center) + f * Math.log(b.center / a.center));
  }
  return null;
}

/** One command's panel, its top at `top`. */
function panel(
  report: ModulesReport,
  command: string,
  curves: ScalingCurve[],
  top: number,
): string[] {
  const out: string[] = [];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const y0 = top + MARGIN.top;
  const points = curves.flatMap((c) => c.points);
  if (points.length === 0) return out;
  const sizes = points.map((p) => p.modules);
  const times = points.flatMap((p) =>
    [p.center, p.ciLo, p.ciHi].filter((v): v is number => v !== null && v > 0),
  );
  // Half a step of padding on a log axis: a factor of 1.25 either side.
  const xLo = Math.min(...sizes) / 1.25;
  const xHi = Math.max(...sizes) * 1.25;
  const yLo = Math.min(...times) / 1.25;
  const yHi = Math.max(...times) * 1.25;
  const px = (m: number): number =>
    MARGIN.left + (xHi === xLo ? plotW / 2 : (Math.log(m / xLo) / Math.log(xHi / xLo)) * plotW);
  const py = (ns: number): number =>
    y0 + plotH - (Math.log(ns / yLo) / Math.log(yHi / yLo)) * plotH;
  const right = MARGIN.left + plotW;
  const unit = displayUnitFor('ns', yHi);
  const label = report.commands.find((c) => c.id === command)?.label ?? command;
  out.push(
    `<text x="${MARGIN.left}" y="${top + 24}" font-size="13" font-weight="bold">${escapeXml(label)}</text>`,
  );
  for (const v of logTicks(yLo, yHi)) {
    out.push(
      `<line x1="${MARGIN.left}" y1="${coord(py(v))}" x2="${right}" y2="${coord(py(v))}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 6}" y="${coord(py(v) + 4)}" font-size="10" text-anchor="end" fill="#555">${escapeXml(formatNumber(v / unit.scale))}</text>`,
    );
  }
  for (const m of [...new Set(sizes)].sort((a, b) => a - b)) {
    out.push(
      `<line x1="${coord(px(m))}" y1="${y0}" x2="${coord(px(m))}" y2="${y0 + plotH + 5}" stroke="#eeeeee"/>`,
      `<text x="${coord(px(m))}" y="${y0 + plotH + 18}" font-size="10" text-anchor="middle" fill="#555">${m}</text>`,
    );
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${y0}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${y0 + plotH + 38}" font-size="11" text-anchor="middle">dependency modules (log scale)</text>`,
    `<text x="${MARGIN.left - 58}" y="${y0 + plotH / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 ${MARGIN.left - 58} ${y0 + plotH / 2})">${escapeXml(
      `median wall (${unit.name}, log scale)`,
    )}</text>`,
  );
  const legend: string[] = [];
  curves.forEach((curve, i) => {
    // A mode keeps its colour in every panel (panels lack the modes that cannot run them).
    const index = Math.max(
      0,
      report.modes.findIndex((m) => m.id === curve.mode),
    );
    const colour = COLOURS[index % COLOURS.length] as string;
    // Past the palette, lines repeat its colours dashed.
    const dash = index >= COLOURS.length ? ' stroke-dasharray="4 3"' : '';
    const width = curve.mode === report.base ? 3 : 2;
    out.push(
      `<polyline points="${curve.points.map((p) => `${coord(px(p.modules))},${coord(py(p.center))}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="${width}"${dash}/>`,
    );
    for (const p of curve.points) {
      if (p.ciLo !== null && p.ciHi !== null && p.ciLo > 0) {
        out.push(
          `<line x1="${coord(px(p.modules))}" y1="${coord(py(p.ciLo))}" x2="${coord(px(p.modules))}" y2="${coord(py(p.ciHi))}" stroke="${colour}" stroke-width="1"/>`,
        );
      }
      const ci =
        p.ciLo === null || p.ciHi === null
          ? 'CI unbounded (too few runs)'
          : `CI ${formatIn(p.ciLo, unit)} … ${formatIn(p.ciHi, unit)}`;
      out.push(
        `<circle cx="${coord(px(p.modules))}" cy="${coord(py(p.center))}" r="3" fill="${colour}"><title>${escapeXml(
          `${curve.mode} at ${p.modules} modules: ${formatIn(p.center, unit)}, ${ci}`,
        )}</title></circle>`,
      );
    }
    const k = curve.knee;
    const atKnee = k?.inRange ? onCurve(curve, k.modules) : null;
    const marked = k !== null && atKnee !== null;
    if (k && atKnee !== null) {
      const x = px(k.modules);
      const y = py(atKnee);
      out.push(
        `<polygon points="${coord(x)},${coord(y - 6)} ${coord(x + 6)},${coord(y)} ${coord(x)},${coord(y + 6)} ${coord(x - 6)},${coord(y)}" fill="white" stroke="${colour}" stroke-width="2"><title>${escapeXml(
          `knee of ${curve.mode}: ≈ ${Math.round(k.modules)} modules (fixed ${formatIn(k.fixedNs, unit)}, ${formatIn(k.perModuleNs, displayUnitFor('ns', k.perModuleNs))} per module)`,
        )}</title></polygon>`,
      );
    }
    const ly = y0 + 8 + i * 18;
    legend.push(
      `<line x1="${right + 14}" y1="${ly}" x2="${right + 34}" y2="${ly}" stroke="${colour}" stroke-width="${width}"${dash}/>`,
      `<text x="${right + 40}" y="${ly + 4}" font-size="11">${escapeXml(
        `${curve.mode}${k && marked ? ` (knee ≈ ${Math.round(k.modules)})` : ''}`,
      )}</text>`,
    );
  });
  const noteY = y0 + 8 + curves.length * 18 + 6;
  legend.push(
    `<polygon points="${right + 24},${noteY - 6} ${right + 30},${noteY} ${right + 24},${noteY + 6} ${right + 18},${noteY}" fill="white" stroke="#555" stroke-width="1.5"/>`,
    `<text x="${right + 40}" y="${noteY + 4}" font-size="11">knee: per-module = fixed</text>`,
  );
  return [...out, ...legend];
}

/** The scaling chart as one SVG document: a title, then one panel per command. */
export function modulesSvg(report: ModulesReport): string {
  const body = [
    `<text x="10" y="22" font-size="15" font-weight="bold">${escapeXml(
      `analyze modules: median wall time by dependency modules (${report.go.version})`,
    )}</text>`,
    `<text x="10" y="40" font-size="11" fill="#555">${escapeXml(
      `log-log; whiskers: 95% CI of the median; ${report.runs} runs per point; knee: where t = fixed + per-module × M has per-module × M = fixed`,
    )}</text>`,
  ];
  let height = TITLE_HEIGHT;
  for (const command of report.commands) {
    const curves = report.scaling.filter((c) => c.command === command.id);
    if (curves.length === 0) continue;
    body.push(...panel(report, command.id, curves, height));
    height += PANEL_HEIGHT;
  }
  return svgDocument(WIDTH, height, body);
}

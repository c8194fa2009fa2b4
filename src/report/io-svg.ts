// The heat map of `analyze io --svg`: areas (rows) × kinds of call (columns), one panel per
// traced build (cold, warm) side by side, coloured by call count on one log scale shared by the
// panels so they compare. Hand-written SVG, no dependency. Pure: report in, SVG text out.
import { AREAS, AREA_LABELS, KINDS, type Area } from '../analyze/io-attribution.js';
import type { IoReport } from '../analyze/io-report.js';
import { escapeXml } from './svg.js';

const CELL_W = 78;
const CELL_H = 28;
const LABEL_W = 170;
const PANEL_GAP = 40;
const TOP = 92;

/** Colour of a cell: white for 0, then light to dark blue on a log scale up to `max`. */
export function heatColour(value: number, max: number): string {
  if (value <= 0 || max <= 0) return '#ffffff';
  const t = Math.log10(1 + value) / Math.log10(1 + max);
  // From #deebf7 (light) to #08306b (dark).
  const lo = [0xde, 0xeb, 0xf7];
  const hi = [0x08, 0x30, 0x6b];
  const rgb = lo.map((l, i) => Math.round(l + ((hi[i] as number) - l) * t));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function textColour(value: number, max: number): string {
  if (value <= 0 || max <= 0) return '#999999';
  return Math.log10(1 + value) / Math.log10(1 + max) > 0.55 ? '#ffffff' : '#08306b';
}

/** The heat map as an SVG document. */
export function ioHeatMapSvg(report: IoReport): string {
  const builds = report.builds;
  const areas: Area[] = AREAS.filter((a) =>
    builds.some((b) => (b.attribution.areas.find((t) => t.area === a)?.calls ?? 0) > 0),
  );
  const rows = areas.length === 0 ? 1 : areas.length;
  const panelW = KINDS.length * CELL_W;
  let max = 0;
  for (const b of builds)
    for (const a of b.attribution.areas)
      for (const k of KINDS) max = Math.max(max, a.byKind[k].calls);
  const width = LABEL_W + builds.length * panelW + (builds.length - 1) * PANEL_GAP + 20;
  const height = TOP + rows * CELL_H + 70;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escapeXml(
      `File-system calls by area and kind: go build ${report.target.packages.join(' ')}`,
    )}</text>`,
    `<text x="10" y="40" fill="#555555">${escapeXml(
      `${report.go?.version ?? ''} · strace -f · colour: calls (log scale, shared by the panels)`,
    )}</text>`,
  );
  areas.forEach((area, r) => {
    const y = TOP + r * CELL_H;
    parts.push(
      `<text x="${LABEL_W - 8}" y="${y + CELL_H / 2 + 4}" text-anchor="end">${escapeXml(AREA_LABELS[area])}</text>`,
    );
  });
  builds.forEach((b, p) => {
    const x0 = LABEL_W + p * (panelW + PANEL_GAP);
    const total = b.attribution.total.calls;
    parts.push(
      `<text x="${x0 + panelW / 2}" y="${TOP - 24}" text-anchor="middle" font-weight="bold">${escapeXml(
        `${b.cache} GOCACHE · ${total} calls`,
      )}</text>`,
    );
    KINDS.forEach((k, c) => {
      parts.push(
        `<text x="${x0 + c * CELL_W + CELL_W / 2}" y="${TOP - 6}" text-anchor="middle" fill="#333333">${k}</text>`,
      );
    });
    areas.forEach((area, r) => {
      const tally = b.attribution.areas.find((t) => t.area === area);
      KINDS.forEach((k, c) => {
        const v = tally?.byKind[k].calls ?? 0;
        const x = x0 + c * CELL_W;
        const y = TOP + r * CELL_H;
        parts.push(
          `<rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${heatColour(v, max)}" stroke="#d0d0d0"><title>${escapeXml(
            `${b.cache} · ${AREA_LABELS[area]} · ${k}: ${v} calls`,
          )}</title></rect>`,
          `<text x="${x + CELL_W / 2 - 1}" y="${y + CELL_H / 2 + 4}" text-anchor="middle" fill="${textColour(v, max)}">${v}</text>`,
        );
      });
    });
  });
  // Legend: the colour ramp from 1 call to the largest cell.
  const ly = TOP + rows * CELL_H + 24;
  const steps = 10;
  parts.push(`<text x="10" y="${ly + 13}">calls</text>`);
  for (let i = 0; i < steps; i++) {
    const v = Math.round(Math.pow(1 + max, (i + 1) / steps) - 1);
    parts.push(
      `<rect x="${60 + i * 36}" y="${ly}" width="36" height="18" fill="${heatColour(v, max)}"/>`,
    );
  }
  parts.push(
    `<text x="60" y="${ly + 34}" fill="#555555">1</text>`,
    `<text x="${60 + steps * 36}" y="${ly + 34}" text-anchor="end" fill="#555555">${max}</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

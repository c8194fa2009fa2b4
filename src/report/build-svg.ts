// A small hand-written SVG Gantt chart of a build: one panel for the critical path, one for the
// slowest compiles, each bar placed where the action ran on the build's time line. Pure.
import { formatValue } from '../record/units.js';
import { clipLabel, coord as fmt, escapeXml, svgDocument, tickStep } from './svg.js';
import type { TimelineEntry } from '../analyze/build-actions.js';
import { criticalPathRows, type BuildGraphAnalysis, type PathRow } from '../analyze/build-graph.js';

/** One bar from `startNs` for `durationNs`, both in ns after the graph's start. */
export interface GanttBar {
  startNs: number;
  durationNs: number;
  /** Colours the bar: a compile that ran, a cache hit, or any other action (e.g. a cache check). */
  kind: 'ran' | 'cached' | 'other';
}

/** One labelled row of bars; the figure after the last bar is their summed duration. */
export interface GanttRow {
  label: string;
  bars: GanttBar[];
}

/** A titled group of bars. */
export interface GanttPanel {
  title: string;
  rows: GanttRow[];
}

const WIDTH = 960;
const LABEL_WIDTH = 260;
const VALUE_WIDTH = 70;
const ROW_HEIGHT = 18;
const PANEL_GAP = 30;
const COLOURS: Record<GanttBar['kind'], string> = {
  ran: '#d9534f',
  cached: '#5cb85c',
  other: '#7f8c9a',
};

/** Renders panels of bars on one time axis of `spanNs` (ns) as a standalone SVG document. */
export function ganttSvg(title: string, panels: GanttPanel[], spanNs: number): string {
  const span = Math.max(
    1,
    spanNs,
    ...panels.flatMap((p) => p.rows.flatMap((r) => r.bars.map((b) => b.startNs + b.durationNs))),
  );
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10;
  const x = (ns: number): number => LABEL_WIDTH + (ns / span) * plot;
  const out: string[] = [];
  let y = 30;
  out.push(
    `<text x="10" y="${y - 10}" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  );
  const step = tickStep(span);
  for (const panel of panels) {
    y += 14;
    out.push(
      `<text x="10" y="${y}" font-size="12" font-weight="bold">${escapeXml(panel.title)}</text>`,
    );
    y += 8;
    const top = y;
    const bottom = top + panel.rows.length * ROW_HEIGHT;
    // Grid and time axis first, so the bars are drawn over them.
    out.push(
      `<line x1="${LABEL_WIDTH}" y1="${bottom + 2}" x2="${fmt(x(span))}" y2="${bottom + 2}" stroke="#999"/>`,
    );
    for (let t = 0; t <= span; t += step) {
      out.push(
        `<line x1="${fmt(x(t))}" y1="${top}" x2="${fmt(x(t))}" y2="${bottom + 5}" stroke="#ddd"/>`,
        `<text x="${fmt(x(t))}" y="${bottom + 16}" font-size="10" text-anchor="middle" fill="#555">${escapeXml(t === 0 ? '0' : formatValue('ns', t))}</text>`,
      );
    }
    for (const row of panel.rows) {
      const total = row.bars.reduce((sum, bar) => sum + bar.durationNs, 0);
      let end = LABEL_WIDTH;
      out.push(
        `<text x="${LABEL_WIDTH - 6}" y="${fmt(y + 13)}" font-size="11" text-anchor="end">${escapeXml(clipLabel(row.label))}<title>${escapeXml(row.label)}</title></text>`,
      );
      for (const bar of row.bars) {
        const x0 = x(bar.startNs);
        const w = Math.max(1, (bar.durationNs / span) * plot);
        end = Math.max(end, x0 + w);
        out.push(
          `<rect x="${fmt(x0)}" y="${fmt(y + 3)}" width="${fmt(w)}" height="${ROW_HEIGHT - 5}" fill="${COLOURS[bar.kind]}"><title>${escapeXml(`${row.label}: ${formatValue('ns', bar.durationNs)} from +${formatValue('ns', bar.startNs)}`)}</title></rect>`,
        );
      }
      out.push(
        `<text x="${fmt(end + 4)}" y="${fmt(y + 13)}" font-size="10" fill="#333">${escapeXml(formatValue('ns', total))}</text>`,
      );
      y += ROW_HEIGHT;
    }
    y += 16 + PANEL_GAP;
  }
  const legend = (['ran', 'cached', 'other'] as const).map((kind, i) => {
    const lx = LABEL_WIDTH + i * 170;
    const text = {
      ran: 'compiled (cache miss)',
      cached: 'from the cache',
      other: 'cache check / other action',
    }[kind];
    return `<rect x="${lx}" y="${y - 10}" width="10" height="10" fill="${COLOURS[kind]}"/><text x="${lx + 14}" y="${y}" font-size="11">${text}</text>`;
  });
  out.push(...legend);
  return svgDocument(WIDTH, y + 12, out);
}

function kindOf(outcome: TimelineEntry['outcome']): GanttBar['kind'] {
  return outcome === 'ran' ? 'ran' : outcome === 'cached' ? 'cached' : 'other';
}

function rowOf(t: TimelineEntry): GanttRow {
  const what = t.mode === 'build' ? t.package : `${t.mode}${t.package ? ` ${t.package}` : ''}`;
  return {
    label: what || `action ${t.id}`,
    bars: [{ startNs: t.startOffsetNs ?? 0, durationNs: t.durationNs, kind: kindOf(t.outcome) }],
  };
}

function pathRow(r: PathRow): GanttRow {
  const bars: GanttBar[] = [];
  if (r.checkNs !== null) {
    bars.push({ startNs: r.startOffsetNs ?? 0, durationNs: r.checkNs, kind: 'other' });
  }
  bars.push({
    startNs: r.actionStartOffsetNs ?? 0,
    durationNs: r.durationNs,
    kind: kindOf(r.outcome),
  });
  return { label: r.label, bars };
}

/** The chart of an analysis: its critical path and its slowest compiles on the build's time line. */
export function buildChartSvg(title: string, analysis: BuildGraphAnalysis): string {
  const panels: GanttPanel[] = [
    {
      title: `critical path: ${analysis.criticalPath.steps.length} actions, ${formatValue('ns', analysis.criticalPath.totalNs)}`,
      rows: criticalPathRows(analysis.criticalPath.steps).map(pathRow),
    },
  ];
  if (analysis.slowest.length > 0) {
    panels.push({
      title: `slowest ${analysis.slowest.length} compiles`,
      rows: analysis.slowest.map(rowOf),
    });
  }
  return ganttSvg(title, panels, analysis.spanNs);
}

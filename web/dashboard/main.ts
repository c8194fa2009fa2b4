// The web dashboard of `gobaseline serve`: for the chosen machine, scenario and metric a trend
// chart with the dynamic baseline band and change points marked, the same metric on every
// machine, the newest run's table and the I/O hotspot heat map of the newest `analyze io`.
// uPlot (loaded before this module as a classic script, served from the package) draws the
// charts. The choice lives in the URL (?machine=&scenario=&metric=), so a view can be linked.
/// <reference types="uplot" />
import { api, type MachineIn, type SeriesGroupIn, type SeriesInfoIn } from './api.js';
import { alignSeries, displayUnit, trendData, type ChangeMark } from './chart-data.js';
import type { DashboardView } from './view.js';

/** What the page exposes on window.gobaselineDashboard. */
interface DashboardState {
  charts: Record<string, uPlot>;
  firstChartMs: number | null;
  marksDrawn: number;
  ioHeatMap: boolean;
  /** True once everything is drawn (or an error is shown). */
  ready: boolean;
  error: string | null;
  view(): DashboardView;
}

declare global {
  interface Window {
    gobaselineDashboard: DashboardState;
  }
}

const state: DashboardState = {
  charts: {},
  firstChartMs: null,
  marksDrawn: 0,
  ioHeatMap: false,
  ready: false,
  error: null,
  view: () => {
    const texts = (sel: string) =>
      [...document.querySelectorAll(sel)].map((e) => e.textContent ?? '');
    return {
      error: state.error,
      firstChartMs: state.firstChartMs,
      marksDrawn: state.marksDrawn,
      changes: texts('#changes li'),
      trendPoints: state.charts.trend?.data[1]?.length ?? 0,
      compareSeries: Math.max(0, (state.charts.compare?.data.length ?? 1) - 1),
      latestRows: Math.max(0, document.querySelectorAll('#latest tr').length - 1),
      ioHeatMap: state.ioHeatMap,
    };
  },
};
window.gobaselineDashboard = state;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const BAND = 'rgba(26,127,55,0.6)';
const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a3069'];

function el(tag: string, text?: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function machineName(m: MachineIn): string {
  return `${m.cpuModel ?? 'unknown CPU'} · ${m.threads} threads · ${m.os}/${m.arch} (${m.hash.slice(0, 8)})`;
}

function chartWidth(host: HTMLElement): number {
  return Math.max(320, host.clientWidth - 8);
}

function noteFirstDraw(): void {
  state.firstChartMs ??= performance.now();
}

/** Vertical lines at the change points, labelled with the size of the step. */
function drawMarks(u: uPlot, marks: readonly ChangeMark[]): number {
  const ctx = u.ctx;
  let drawn = 0;
  ctx.save();
  ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
  for (const m of marks) {
    const x = u.valToPos(m.x, 'x', true);
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
    ctx.strokeStyle = ctx.fillStyle = m.kind === 'regression' ? '#d1242f' : '#1a7f37';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.fillText(`${m.kind === 'regression' ? '▲' : '▼'} ${m.label}`, x + 4, u.bbox.top + 12);
    drawn += 1;
  }
  ctx.restore();
  return drawn;
}

async function showTrend(machine: string, scenario: string, metric: string): Promise<void> {
  const host = $('trend');
  // The machine's longest group (one per toolchain × configuration) is the trend shown.
  const groups = await api.series(scenario, metric, machine);
  const s = groups.reduce<SeriesGroupIn | null>(
    (best, g) => (best && best.points.length >= g.points.length ? best : g),
    null,
  );
  host.replaceChildren();
  if (!s) {
    host.append(el('p', 'this machine has no such series'));
    return;
  }
  const data = trendData(s.points, s.changePoints, s.unit);
  const many = s.points.length > 300;
  state.charts.trend = new uPlot(
    {
      width: chartWidth(host),
      height: 320,
      scales: { x: { time: true } },
      series: [
        {},
        {
          label: `median (${data.unit.label})`,
          stroke: PALETTE[0],
          width: 2,
          points: { show: !many },
        },
        { label: 'baseline low', stroke: BAND, dash: [4, 4], width: 1, points: { show: false } },
        { label: 'baseline high', stroke: BAND, dash: [4, 4], width: 1, points: { show: false } },
      ],
      bands: [{ series: [3, 2], fill: 'rgba(26,127,55,0.12)' }],
      axes: [{}, { label: data.unit.label, size: 60 }],
      hooks: {
        draw: [
          (u) => {
            state.marksDrawn = drawMarks(u, data.marks);
            host.dataset.marks = String(state.marksDrawn);
            noteFirstDraw();
          },
        ],
      },
    },
    data.columns,
    host,
  );
  const list = $('changes');
  list.replaceChildren(
    ...(data.marks.length
      ? data.marks.map((m) =>
          el('li', `${m.kind} ${m.label} at ${new Date(m.x * 1000).toISOString()}`, m.kind),
        )
      : [el('li', 'no change point in this series')]),
  );
}

/** The same series on every machine (each toolchain × configuration its own line). */
async function showComparison(scenario: string, metric: string): Promise<void> {
  const host = $('compare');
  const groups = (await api.series(scenario, metric)).filter((g) => g.points.length > 0);
  host.replaceChildren();
  if (groups.length === 0) {
    host.append(el('p', 'no machine has this series'));
    return;
  }
  const data = alignSeries(groups, groups[0]?.unit ?? '');
  const several = new Set(groups.map((g) => g.machine)).size < groups.length;
  state.charts.compare = new uPlot(
    {
      width: chartWidth(host),
      height: 260,
      scales: { x: { time: true } },
      series: [
        {},
        ...groups.map((g, i) => ({
          label: g.machine.slice(0, 8) + (several ? ` ${g.configuration}` : ''),
          stroke: PALETTE[i % PALETTE.length],
          width: 2,
          spanGaps: true,
        })),
      ],
      axes: [{}, { label: data.unit.label, size: 60 }],
      hooks: { draw: [noteFirstDraw] },
    },
    data.columns,
    host,
  );
}

function fmt(v: number | null, unit: string): string {
  if (v === null) return '—';
  const u = displayUnit(unit);
  const x = v * u.factor;
  return `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toPrecision(3)} ${u.label}`;
}

/** The machine's newest run: every series whose newest point is that run. */
function showLatest(index: readonly SeriesInfoIn[], machine: string): void {
  const host = $('latest');
  host.replaceChildren();
  const mine = index.filter((s) => s.machine === machine);
  const newest = mine.reduce<SeriesInfoIn | null>(
    (a, s) => (a && a.lastStartedAt >= s.lastStartedAt ? a : s),
    null,
  );
  if (!newest) {
    host.append(el('p', 'no run stored for this machine'));
    return;
  }
  host.append(el('p', `run ${newest.lastRunId} · ${newest.lastStartedAt}`, 'caption'));
  const table = el('table');
  const head = el('tr');
  for (const h of ['scenario', 'configuration', 'toolchain', 'metric', 'median', 'runs']) {
    head.append(el('th', h));
  }
  table.append(head);
  for (const r of mine.filter((s) => s.lastRunId === newest.lastRunId)) {
    const tr = el('tr');
    for (const c of [
      r.scenarioId,
      r.configuration,
      r.toolchainVersion?.split(' ')[2] ?? '—',
      r.metric,
      fmt(r.lastMedian, r.unit),
      String(r.points),
    ]) {
      tr.append(el('td', c));
    }
    table.append(tr);
  }
  host.append(table);
}

/** The heat map of the machine's newest `analyze io`, drawn by the server (as `--svg` draws it). */
function showIo(machine: string): Promise<void> {
  const host = $('io');
  const img = document.createElement('img');
  img.alt = 'file-system calls by area and kind';
  return new Promise((resolve) => {
    img.onload = () => {
      state.ioHeatMap = true;
      resolve();
    };
    img.onerror = () => {
      host.replaceChildren(el('p', 'no `analyze io` stored for this machine'));
      resolve();
    };
    img.src = `/dashboard/io-heatmap.svg?${new URLSearchParams({ machine })}`;
    host.replaceChildren(img);
  });
}

function choose(select: HTMLSelectElement, options: [string, string][], value: string): void {
  select.replaceChildren(
    ...options.map(([v, label]) => {
      const o = el('option', label) as HTMLOptionElement;
      o.value = v;
      o.selected = v === value;
      return o;
    }),
  );
}

/** The machine, scenario and metric shown: from the URL, else the first machine's newest run. */
async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const asked = {
    machine: params.get('machine'),
    scenario: params.get('scenario'),
    metric: params.get('metric'),
  };
  // A linked view starts its trend at once, before the lists it does not need to draw it.
  const early =
    asked.machine && asked.scenario && asked.metric
      ? showTrend(asked.machine, asked.scenario, asked.metric)
      : null;
  const machines = await api.machines();
  if (machines.length === 0) {
    $('status').textContent = 'No runs pushed yet: `gobaseline run --push URL --token T`.';
    state.ready = true;
    return;
  }
  const machine = asked.machine ?? (machines[0] as MachineIn).hash;
  // The index reads every series' newest point: after the linked trend, not competing with it.
  if (early) await early;
  const index = await api.seriesIndex();
  const mine = index.filter((s) => s.machine === machine);
  const keys = [...new Set(mine.map((r) => `${r.scenarioId}\t${r.metric}`))].sort();
  const first = mine.find((r) => r.metric === 'wallNs') ?? mine[0];
  const scenario = asked.scenario ?? first?.scenarioId ?? '';
  const metric = asked.metric ?? first?.metric ?? 'wallNs';

  choose(
    $('machine'),
    machines.map((m) => [m.hash, machineName(m)]),
    machine,
  );
  const key = `${scenario}\t${metric}`;
  choose(
    $('series'),
    (keys.includes(key) ? keys : [key, ...keys]).map((k) => [k, k.replace('\t', ' · ')]),
    key,
  );
  const go = () => {
    const [s, m] = ($('series') as HTMLSelectElement).value.split('\t');
    const q = new URLSearchParams({
      machine: ($('machine') as HTMLSelectElement).value,
      scenario: s ?? '',
      metric: m ?? '',
    });
    location.search = q.toString();
  };
  $('machine').onchange = go;
  $('series').onchange = go;
  $('title').textContent = `${scenario} · ${metric}`;

  showLatest(index, machine);
  await (early ?? showTrend(machine, scenario, metric));
  await Promise.all([showComparison(scenario, metric), showIo(machine)]);
  state.ready = true;
}

main().catch((err: unknown) => {
  state.error = err instanceof Error ? err.message : String(err);
  $('status').textContent = `Error: ${state.error}`;
  state.ready = true;
});

// The dashboard's charts as data: a series with its baseline band and change points, or several
// machines' series of one metric, turned into the column arrays uPlot draws. Pure (no DOM), so
// test/web/chart-data.test.ts checks it in node.

/** One run's median of the series, as the API returns it. */
export interface PointIn {
  startedAt: string;
  median: number | null;
  /** The dynamic baseline before this run (the band run-to-run drift covers); null when too short. */
  band?: { lo: number; hi: number } | null;
}

/** A level change found in the series (stats/change-points.ts). */
export interface ChangePointIn {
  /** Index of the first point at the new level. */
  index: number;
  sizePct: number;
  kind: 'regression' | 'improvement';
}

/** How a unit is shown: values are multiplied by `factor` and labelled `label`. */
export interface DisplayUnit {
  factor: number;
  label: string;
}

/** Times in milliseconds, sizes in MiB, the rest as stored. */
export function displayUnit(unit: string): DisplayUnit {
  if (unit === 'ns') return { factor: 1e-6, label: 'ms' };
  if (unit === 'us') return { factor: 1e-3, label: 'ms' };
  if (unit === 'bytes' || unit === 'B') return { factor: 1 / 2 ** 20, label: 'MiB' };
  if (unit === 'ratio') return { factor: 100, label: '%' };
  return { factor: 1, label: unit };
}

const scaled = (v: number | null | undefined, f: number): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v * f;

/** Seconds since the epoch, uPlot's x unit. */
export const epochSeconds = (iso: string): number => Date.parse(iso) / 1000;

/** A change point placed on the chart. */
export interface ChangeMark {
  /** x of the first point at the new level (epoch seconds). */
  x: number;
  label: string;
  kind: ChangePointIn['kind'];
}

/** The trend chart: x, median, band low, band high (uPlot's AlignedData) and the marks. */
export interface TrendData {
  columns: [number[], (number | null)[], (number | null)[], (number | null)[]];
  marks: ChangeMark[];
  unit: DisplayUnit;
}

export function trendData(
  points: readonly PointIn[],
  changePoints: readonly ChangePointIn[],
  unit: string,
): TrendData {
  const u = displayUnit(unit);
  const x = points.map((p) => epochSeconds(p.startedAt));
  const marks = changePoints.flatMap((c): ChangeMark[] => {
    const at = x[c.index];
    if (at === undefined) return [];
    const sign = c.sizePct >= 0 ? '+' : '';
    return [{ x: at, label: `${sign}${c.sizePct.toFixed(1)}%`, kind: c.kind }];
  });
  return {
    columns: [
      x,
      points.map((p) => scaled(p.median, u.factor)),
      points.map((p) => scaled(p.band?.lo, u.factor)),
      points.map((p) => scaled(p.band?.hi, u.factor)),
    ],
    marks,
    unit: u,
  };
}

/** Several series on one time axis: x is the union of their times, gaps are null. */
export function alignSeries(
  series: readonly { points: readonly PointIn[] }[],
  unit: string,
): { columns: [number[], ...(number | null)[][]]; unit: DisplayUnit } {
  const u = displayUnit(unit);
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => epochSeconds(p.startedAt))))];
  xs.sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const col: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (const p of s.points)
      col[at.get(epochSeconds(p.startedAt)) as number] = scaled(p.median, u.factor);
    return col;
  });
  return { columns: [xs, ...ys], unit: u };
}

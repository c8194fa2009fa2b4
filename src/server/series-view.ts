// The series and regressions as the API answers them: the stored series split and explained
// as `history` shows them (store/series-history.ts), with the dynamic baseline band `check`
// judges each point against (analyze/check-history.ts baselineBands). Regressions are the
// change points where a series got worse, over every stored series; each series' analysis is
// kept in memory while its stored points are unchanged (same count, same newest run), so a
// Prometheus scrape does not redo them. The cache holds nothing the database does not: any
// instance on the same database answers the same.
import { baselineBands, type BaselineBand } from '../analyze/check-history.js';
import { machineSpeed } from '../measure/canary.js';
import { DEFAULT_MIN_SEGMENT } from '../stats/change-points.js';
import { isToolchain, metricKey, seriesGroups, type SeriesGroup } from '../store/series-history.js';
import type { RunStore, SeriesIdentity, SeriesInfo, SeriesPoint } from '../store/store.js';

/** Which series to read: `scenario` and `metric` required, the rest narrow it. */
export interface SeriesQuery {
  scenario: string;
  metric: string;
  machine?: string;
  toolchain?: string;
  configuration?: string;
}

/** A point as the API gives it: the run's summary and the band before it. */
export type ApiPoint = Pick<
  SeriesPoint,
  'runId' | 'startedAt' | 'median' | 'ciLo' | 'ciHi' | 'n' | 'failed'
> & { band: BaselineBand | null };

export interface ApiSeriesGroup extends Omit<SeriesGroup, 'points'> {
  points: ApiPoint[];
}

export interface ApiSeries {
  scenarioId: string;
  metric: string;
  groups: ApiSeriesGroup[];
}

/** A change point where a series got worse, with its series and likely causes. */
export interface ApiRegression extends SeriesIdentity {
  runId: string;
  startedAt: string;
  sizePct: number;
  pValue: number;
  /** The newest change point of its series: the series still stands at the worse level. */
  active: boolean;
  causes: SeriesGroup['changePoints'][number]['causes'];
}

function withBands(group: SeriesGroup): ApiSeriesGroup {
  const bands = baselineBands(
    group.points.map((p) => p.median),
    group.changePoints.map((c) => c.index),
  );
  return {
    ...group,
    points: group.points.map((p, i) => ({
      runId: p.runId,
      startedAt: p.startedAt,
      median: p.median,
      ciLo: p.ciLo,
      ciHi: p.ciHi,
      n: p.n,
      failed: p.failed,
      band: bands[i] ?? null,
    })),
  };
}

/** A series with bands and explained change points; null when no stored run has it. */
export async function seriesView(store: RunStore, q: SeriesQuery): Promise<ApiSeries | null> {
  const metric = metricKey(q.metric);
  const points = (
    await store.series({
      scenarioId: q.scenario,
      metric,
      ...(q.machine !== undefined ? { machine: q.machine } : {}),
      ...(q.configuration !== undefined ? { configuration: q.configuration } : {}),
    })
  ).filter((p) => q.toolchain === undefined || isToolchain(p.toolchainVersion, q.toolchain));
  if (points.length === 0) return null;
  const groups = await seriesGroups(store, points, machineSpeed);
  return { scenarioId: q.scenario, metric, groups: groups.map(withBands) };
}

const seriesId = (s: SeriesInfo): string =>
  JSON.stringify([s.scenarioId, s.metric, s.machine, s.toolchainVersion, s.configuration]);

/** Regressions of every stored series, each series analysed again only when its points changed. */
export class RegressionIndex {
  private readonly cache = new Map<string, { signature: string; found: ApiRegression[] }>();

  constructor(private readonly store: RunStore) {}

  /** All regressions, newest first; `series` is the store's listSeries (read once by the caller). */
  async all(series: readonly SeriesInfo[]): Promise<ApiRegression[]> {
    const live = new Set<string>();
    const out: ApiRegression[] = [];
    for (const s of series) {
      const id = seriesId(s);
      live.add(id);
      const signature = `${s.points}/${s.lastRunId}`;
      let entry = this.cache.get(id);
      if (entry?.signature !== signature) {
        entry = { signature, found: await this.analyse(s) };
        this.cache.set(id, entry);
      }
      out.push(...entry.found);
    }
    for (const id of this.cache.keys()) if (!live.has(id)) this.cache.delete(id);
    return out.sort(
      (a, b) => b.startedAt.localeCompare(a.startedAt) || a.runId.localeCompare(b.runId),
    );
  }

  private async analyse(s: SeriesInfo): Promise<ApiRegression[]> {
    // Series with too few points for a change point are not read at all.
    if (s.points < 2 * DEFAULT_MIN_SEGMENT) return [];
    const points = (
      await this.store.series({
        scenarioId: s.scenarioId,
        metric: s.metric,
        machine: s.machine,
        configuration: s.configuration,
        ...(s.toolchainVersion !== null ? { toolchainVersion: s.toolchainVersion } : {}),
      })
    ).filter((p) => p.toolchainVersion === s.toolchainVersion);
    const found: ApiRegression[] = [];
    for (const g of await seriesGroups(this.store, points, machineSpeed)) {
      const newest = g.changePoints.at(-1);
      for (const c of g.changePoints) {
        if (c.kind !== 'regression') continue;
        found.push({
          scenarioId: s.scenarioId,
          metric: s.metric,
          unit: g.unit,
          machine: g.machine,
          toolchainVersion: g.toolchainVersion,
          configuration: g.configuration,
          runId: c.runId,
          startedAt: g.points[c.index]!.startedAt,
          sizePct: c.sizePct,
          pValue: c.pValue,
          active: c === newest,
          causes: c.causes,
        });
      }
    }
    return found;
  }
}

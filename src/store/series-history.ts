// A stored series as `history` and `serve` show it: split by machine, toolchain and
// configuration, with its change points (stats/change-points.ts) and, for each, the environment
// fields that changed around it (analyze/explain-change.ts), read from the stored runs.
import {
  envSnapshot,
  explainChange,
  type Cause,
  type EnvSnapshot,
} from '../analyze/explain-change.js';
import type { MachineSpeed } from '../measure/canary.js';
import { detectChangePoints, type ChangePointFinding } from '../stats/change-points.js';
import type { RunStore, SeriesPoint, StoredAnalysis } from './store.js';

/** A series of one machine, toolchain and configuration, with its change points and causes. */
export interface SeriesGroup {
  machine: string;
  toolchainVersion: string | null;
  configuration: string;
  unit: string;
  points: SeriesPoint[];
  changePoints: (ChangePointFinding & { runId: string; causes: Cause[] })[];
}

/** Short metric names: `wall` is `wallNs`. */
const METRIC_ALIASES: Record<string, string> = {
  wall: 'wallNs',
  user: 'userNs',
  sys: 'sysNs',
  rss: 'peakRssBytes',
};

/** The metric key a name stands for (`wall` is `wallNs`; a key is itself). */
export function metricKey(name: string): string {
  return METRIC_ALIASES[name] ?? name;
}

/** True when `toolchain` names this `go version` line: the whole line, or the version in it (go1.26.0). */
export function isToolchain(versionLine: string | null, toolchain: string): boolean {
  return versionLine === toolchain || (versionLine ?? '').split(' ').includes(toolchain);
}

/** Runs around each change point whose environment is read (the whole record is loaded). */
const EXPLAIN_SPAN = 20;

function groupKey(p: SeriesPoint): string {
  return JSON.stringify([p.machine, p.toolchainVersion, p.configuration]);
}

/** The newest `analyze build` headline before a time, per machine. */
function buildFiguresAt(analyses: readonly StoredAnalysis[], machine: string, at: string) {
  const found = analyses.find(
    (a) => (a.machine === null || a.machine === machine) && a.createdAt <= at,
  );
  if (!found) return undefined;
  const figures: Record<string, number | string | null> = {};
  for (const [k, v] of Object.entries(found.headline)) figures[k] = v;
  return figures;
}

/** The series split by machine, toolchain and configuration, with change points explained. */
export async function seriesGroups(
  store: RunStore,
  points: SeriesPoint[],
  speed?: MachineSpeed,
): Promise<SeriesGroup[]> {
  const byKey = new Map<string, SeriesPoint[]>();
  for (const p of points) {
    const list = byKey.get(groupKey(p)) ?? [];
    list.push(p);
    byKey.set(groupKey(p), list);
  }
  let analyses: StoredAnalysis[] | null = null;
  const groups: SeriesGroup[] = [];
  for (const list of byKey.values()) {
    const first = list[0] as SeriesPoint;
    const kept = list.filter((p) => p.median !== null && (p.median as number) > 0);
    const found = detectChangePoints(
      kept.map((p) => p.median as number),
      { timestampsMs: kept.map((p) => Date.parse(p.startedAt)) },
    ).findings;
    const changePoints: SeriesGroup['changePoints'] = [];
    for (let c = 0; c < found.length; c++) {
      const f = found[c]!;
      const from = Math.max(c > 0 ? found[c - 1]!.index : 0, f.index - EXPLAIN_SPAN);
      const to = Math.min(
        c + 1 < found.length ? found[c + 1]!.index : kept.length,
        f.index + EXPLAIN_SPAN,
      );
      analyses ??= await store.listAnalyses('build');
      const snapshots: EnvSnapshot[] = [];
      for (const p of kept.slice(from, to)) {
        const run = await store.getRun(p.runId);
        snapshots.push(
          run
            ? envSnapshot(run, {
                ...(speed ? { canarySpeed: speed(run) } : {}),
                build: buildFiguresAt(analyses, p.machine, p.startedAt),
              })
            : {},
        );
      }
      const causes = explainChange(snapshots, f.index - from);
      const index = list.indexOf(kept[f.index]!);
      changePoints.push({ ...f, index, runId: kept[f.index]!.runId, causes });
    }
    groups.push({
      machine: first.machine,
      toolchainVersion: first.toolchainVersion,
      configuration: first.configuration,
      unit: first.unit,
      points: list,
      changePoints,
    });
  }
  return groups;
}

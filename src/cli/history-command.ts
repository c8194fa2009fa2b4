// `gobaseline history`: the stored runs, newest first; with --scenario and --metric, a series
// per machine × toolchain × configuration as a table and sparkline, its change points
// (stats/change-points.ts) and, for each, the environment fields that changed (likely causes).
import { Command } from 'commander';
import { envSnapshot, explainChange, type EnvSnapshot } from '../analyze/explain-change.js';
import { ExitCode, UsageError } from '../errors.js';
import { renderRunList, renderSeriesGroup, type SeriesGroup } from '../report/history-render.js';
import { detectChangePoints } from '../stats/change-points.js';
import { machineSpeed } from '../measure/canary.js';
import { openStore } from '../store/open-store.js';
import type { RunStore, SeriesPoint, StoredAnalysis } from '../store/store.js';
import type { MachineSpeed } from './check-command.js';
import { wholeNumber } from './options.js';
import { outputWidth } from './terminal-width.js';

export interface HistoryCommandOptions {
  db?: string;
  scenario?: string;
  metric?: string;
  toolchain?: string;
  configuration?: string;
  machine?: string;
  limit?: number;
  json?: boolean;
}

/** Short metric names: `wall` is `wallNs`. */
const METRIC_ALIASES: Record<string, string> = {
  wall: 'wallNs',
  user: 'userNs',
  sys: 'sysNs',
  rss: 'peakRssBytes',
};

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

export async function historyCommand(
  opts: HistoryCommandOptions,
  speed?: MachineSpeed,
): Promise<number> {
  if ((opts.scenario === undefined) !== (opts.metric === undefined)) {
    throw new UsageError(
      'history: --scenario and --metric go together (a series is a scenario × metric)',
    );
  }
  const store = await openStore(opts.db);
  try {
    if (!opts.scenario || !opts.metric) {
      const runs = await store.listRuns({
        ...(opts.machine ? { machine: opts.machine } : {}),
        ...(opts.limit ? { limit: opts.limit } : {}),
      });
      process.stdout.write(opts.json ? JSON.stringify(runs, null, 2) + '\n' : renderRunList(runs));
      return ExitCode.ok;
    }
    const metric = METRIC_ALIASES[opts.metric] ?? opts.metric;
    const tc = opts.toolchain;
    // A toolchain is its whole `go version` line or the version in it (go1.26.0).
    const points = (
      await store.series({
        scenarioId: opts.scenario,
        metric,
        ...(opts.machine ? { machine: opts.machine } : {}),
        ...(opts.configuration ? { configuration: opts.configuration } : {}),
      })
    ).filter(
      (p) =>
        tc === undefined ||
        p.toolchainVersion === tc ||
        (p.toolchainVersion ?? '').split(' ').includes(tc),
    );
    if (points.length === 0) {
      throw new UsageError(`no stored run has ${opts.scenario} ${metric} (with these filters)`);
    }
    const groups = await seriesGroups(store, points, speed);
    if (opts.json) {
      process.stdout.write(
        JSON.stringify({ scenarioId: opts.scenario, metric, groups }, null, 2) + '\n',
      );
    } else {
      const width = outputWidth(false);
      const text = groups
        .map((g) => renderSeriesGroup(g, width === 'wide' ? 120 : width))
        .join('\n');
      process.stdout.write(text);
    }
    return ExitCode.ok;
  } finally {
    await store.close();
  }
}

/** Adds `history` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('history')
    .description(
      'list the stored runs, or show a series (--scenario and --metric) with its change points',
    )
    .option(
      '--db <file|url>',
      'the run store: a SQLite file or postgres:// URL (default: the data directory)',
    )
    .option('--scenario <id>', 'the series of this scenario')
    .option(
      '--metric <key>',
      'the series of this metric: wall, user, sys, rss or a key such as wallNs',
    )
    .option('--toolchain <version>', 'only this toolchain (its `go version` line)')
    .option('--configuration <name>', 'only this configuration')
    .option('--machine <hash>', 'only this machine (fingerprint hash, as listed)')
    .option('--limit <n>', 'list at most this many runs (newest)', wholeNumber(1))
    .option('--json', 'print JSON')
    .action(async (opts: HistoryCommandOptions) =>
      setExit(await historyCommand(opts, machineSpeed)),
    );
}

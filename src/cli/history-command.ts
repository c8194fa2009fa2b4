// `gobaseline history`: the stored runs, newest first; with --scenario and --metric, a series
// per machine × toolchain × configuration as a table and sparkline, its change points
// (stats/change-points.ts) and, for each, the environment fields that changed (likely causes).
import { Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { renderRunList, renderSeriesGroup } from '../report/history-render.js';
import { machineSpeed, type MachineSpeed } from '../measure/canary.js';
import { openStore } from '../store/open-store.js';
import { isToolchain, metricKey, seriesGroups } from '../store/series-history.js';
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
    const metric = metricKey(opts.metric);
    const tc = opts.toolchain;
    const points = (
      await store.series({
        scenarioId: opts.scenario,
        metric,
        ...(opts.machine ? { machine: opts.machine } : {}),
        ...(opts.configuration ? { configuration: opts.configuration } : {}),
      })
    ).filter((p) => tc === undefined || isToolchain(p.toolchainVersion, tc));
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

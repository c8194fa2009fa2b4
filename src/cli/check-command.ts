// `gobaseline check`: the newest stored run (or --run FILE) judged against the stored history
// of the same machine, toolchain and configuration. Exit 1 on a regression, 0 otherwise;
// 2 for bad input (unreadable run file, nothing stored), 3 when the store cannot be opened.
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkAgainstHistory, type CheckInput } from '../analyze/check-history.js';
import { ExitCode, UsageError } from '../errors.js';
import { machineSpeed, type MachineSpeed } from '../measure/canary.js';
import type { RunRecord } from '../record/run-record.js';
import { renderCheck, type CheckFormat } from '../report/check-render.js';
import {
  DEFAULT_RUN_FIGURE,
  RUN_FIGURES,
  runFigure,
  type RunFigure,
} from '../stats/history-baseline.js';
import { openStore } from '../store/open-store.js';
import { readRunFile } from '../store/run-files.js';
import { machineHash, resultRows, type ResultRow } from '../store/run-rows.js';
import type { RunStore } from '../store/store.js';
import { collectList, percent } from './options.js';

/** Earlier runs read per metric: enough to find the last level change before the baseline window. */
const HISTORY_READ = 200;

export interface CheckCommandOptions {
  db?: string;
  run?: string;
  threshold: number;
  strict?: boolean;
  format: CheckFormat;
  /** Metric keys to check (default wallNs). */
  metric?: string[];
  /** The figure that stands for a run (default: DEFAULT_RUN_FIGURE, the fastest sample). */
  figure: RunFigure;
}

/** A result row's figure from its successful samples; null when none succeeded. */
function rowFigure(row: ResultRow, figure: RunFigure): number | null {
  const v = runFigure(
    row.samples.flatMap((x) => (x.value === null ? [] : [x.value])),
    figure,
  );
  return Number.isFinite(v) ? v : null;
}

/** The run to judge: the file given, or the newest stored run. */
async function runToCheck(store: RunStore, file: string | undefined): Promise<RunRecord> {
  if (file) return readRunFile(file);
  const [newest] = await store.listRuns({ limit: 1 });
  const run = newest ? await store.getRun(newest.runId) : null;
  if (!run) throw new UsageError(`nothing to check: no run stored in ${store.location}`);
  return run;
}

/**
 * The new run's metrics with the earlier figures of the same machine, toolchain and
 * configuration: the stored medians, or (another `figure`) computed from the stored samples.
 */
export async function gatherCheckInputs(
  store: RunStore,
  run: RunRecord,
  metrics: readonly string[],
  speed: MachineSpeed | undefined,
  figure: RunFigure = DEFAULT_RUN_FIGURE,
): Promise<CheckInput[]> {
  const machine = machineHash(run.fingerprint);
  const runs = new Map<string, RunRecord | null>();
  const stored = async (runId: string): Promise<RunRecord | null> => {
    if (!runs.has(runId)) runs.set(runId, await store.getRun(runId));
    return runs.get(runId) ?? null;
  };
  const speedOf = async (runId: string): Promise<number | null> => {
    const r = speed ? await stored(runId) : null;
    return r && speed ? speed(r) : null;
  };
  // An earlier run's rows, made once per run rather than once per checked metric.
  const rows = new Map<string, ResultRow[]>();
  const rowsOf = async (runId: string): Promise<ResultRow[]> => {
    if (!rows.has(runId)) {
      const r = await stored(runId);
      rows.set(runId, r ? resultRows(r) : []);
    }
    return rows.get(runId) ?? [];
  };
  /** An earlier run's figure for the same result as `row`. */
  const earlierFigure = async (runId: string, row: ResultRow): Promise<number | null> => {
    const same = (await rowsOf(runId)).find(
      (x) =>
        x.scenarioId === row.scenarioId &&
        x.configuration === row.configuration &&
        x.metric === row.metric,
    );
    return same ? rowFigure(same, figure) : null;
  };
  const inputs: CheckInput[] = [];
  for (const row of resultRows(run)) {
    const value = figure === 'median' ? row.median : rowFigure(row, figure);
    if (!metrics.includes(row.metric) || value === null || !row.toolchain) continue;
    const points = await store.series({
      scenarioId: row.scenarioId,
      metric: row.metric,
      machine,
      toolchainVersion: row.toolchain.version,
      configuration: row.configuration,
    });
    const earlierPoints = points
      .filter((p) => p.runId !== run.id && p.startedAt < run.startedAt && p.median !== null)
      .slice(-HISTORY_READ);
    const earlier = [];
    for (const p of earlierPoints) {
      const v = figure === 'median' ? p.median : await earlierFigure(p.runId, row);
      if (v === null) continue;
      earlier.push({
        runId: p.runId,
        startedAt: p.startedAt,
        value: v,
        speed: await speedOf(p.runId),
      });
    }
    inputs.push({
      scenarioId: row.scenarioId,
      configuration: row.configuration,
      metric: row.metric,
      unit: row.unit,
      value,
      speed: speed ? speed(run) : null,
      earlier,
    });
  }
  return inputs;
}

export async function checkCommand(
  opts: CheckCommandOptions,
  speed?: MachineSpeed,
): Promise<number> {
  const store = await openStore(opts.db);
  try {
    const run = await runToCheck(store, opts.run);
    const metrics = opts.metric?.length ? opts.metric : ['wallNs'];
    const inputs = await gatherCheckInputs(store, run, metrics, speed, opts.figure);
    if (inputs.length === 0) {
      throw new UsageError(`run ${run.id} has no successful ${metrics.join(', ')} figure to check`);
    }
    const outcome = checkAgainstHistory(inputs, {
      rule: { threshold: opts.threshold },
      strict: opts.strict === true,
    });
    const text = renderCheck(
      outcome,
      {
        runId: run.id,
        startedAt: run.startedAt,
        machine: machineHash(run.fingerprint),
        toolchain: run.fingerprint.go.version.replace(/^go version /, ''),
        threshold: opts.threshold,
        strict: opts.strict === true,
        figure: opts.figure,
      },
      opts.format,
    );
    process.stdout.write(text);
    return outcome.failed ? ExitCode.regression : ExitCode.ok;
  } finally {
    await store.close();
  }
}

function checkFormat(value: string): CheckFormat {
  if (value !== 'text' && value !== 'github') {
    throw new InvalidArgumentError(`expected text or github, got "${value}"`);
  }
  return value;
}

/** Adds `check` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('check')
    .description(
      'judge the newest run (or --run FILE) against the stored runs of the same machine, toolchain and configuration',
    )
    .option(
      '--db <file|url>',
      'the run store: a SQLite file or postgres:// URL (default: the data directory)',
    )
    .option('--run <file>', 'judge this run file instead of the newest stored run')
    .addOption(
      new Option('--threshold <percent>', 'smallest slowdown that counts (default 5%)')
        .argParser(percent)
        .default(0.05, '5%'),
    )
    .option('--metric <key>', 'metric to check (repeatable; default wallNs)', collectList)
    .addOption(
      new Option('--figure <figure>', 'the figure that stands for a run')
        .choices(Object.keys(RUN_FIGURES))
        .default(DEFAULT_RUN_FIGURE),
    )
    .option('--strict', 'fail (exit 1) when fewer than 5 earlier runs form the baseline')
    .addOption(
      new Option('--format <format>', 'text or github (workflow annotations)')
        .argParser(checkFormat)
        .default('text'),
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 no regression (or baseline too short without --strict), 1 regression\n' +
        '(or too short with --strict), 2 bad input (unreadable run file, nothing stored),\n' +
        '3 the store cannot be opened.',
    )
    .action(async (opts: CheckCommandOptions) => setExit(await checkCommand(opts, machineSpeed)));
}

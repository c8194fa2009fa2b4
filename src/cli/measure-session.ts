// What every measuring command (run, sweep) shares around measureBaseline: --auto's plan, the
// progress on stderr, Ctrl-C (the first stops the command in progress and keeps the samples
// taken so far; a second quits at once), and keeping the run (data directory, --json FILE)
// so that a measured run is never lost.
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { readGoEnvFile, userGoCacheDir } from '../probe/index.js';
import { withStore, type StoreOptions } from './store-options.js';
import { ExitCode, UsageError } from '../errors.js';
import { measureBaseline, type BaselineOptions } from '../measure/baseline.js';
import { interruptible } from '../measure/interrupt.js';
import type { AutoPlan, InterleaveOrder, RunRecord } from '../record/run-record.js';
import { StderrProgress } from '../report/progress.js';
import { runsDir, saveRun, saveRunSomewhere, writeRunFile } from '../store/run-files.js';
import { duration, percent, wholeNumber } from './options.js';
import { checkOutputDir, writeFailure } from './output-file.js';

/** --auto defaults: ±2% CI half-width, 60 s of sampling per scenario, 200 runs. */
export const DEFAULT_TARGET_CI = 0.02;
export const DEFAULT_MAX_TIME_S = 60;
export const DEFAULT_MAX_RUNS = 200;

/** The --auto options as commander gives them. */
export interface AutoOptions {
  auto?: boolean;
  targetCi?: number;
  maxTime?: number;
  maxRuns?: number;
}

/** Adds --auto, --target-ci, --max-time and --max-runs to a measuring command (run, sweep). */
export function addAutoOptions(cmd: Command): Command {
  return cmd
    .option(
      '--auto',
      'sample until the 95% CI of the median of every scenario and configuration is within --target-ci',
    )
    .option(
      '--target-ci <percent>',
      'with --auto: CI half-width to reach, of the median (default 2%)',
      percent,
    )
    .option(
      '--max-time <duration>',
      'with --auto: sampling time budget per scenario (default 60s)',
      duration,
    )
    .option(
      '--max-runs <n>',
      'with --auto: run budget per scenario and configuration (default 200)',
      wholeNumber(1),
    );
}

/** --warm-cache DIR, for run and sweep. */
export function warmCacheOption(): Option {
  return new Option(
    '--warm-cache <dir>',
    'reuse this private GOCACHE for warm scenarios across runs (never your own)',
  );
}

/** Refuses a --warm-cache that is the user's own GOCACHE: gobaseline never writes that. */
export function checkWarmCache(dir: string): string {
  const wanted = path.resolve(dir);
  const own = userGoCacheDir(process.env, readGoEnvFile(process.env));
  // Compare real paths, so a symlink to the user's GOCACHE is refused too.
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  if (own && real(own) === real(wanted)) {
    throw new UsageError(
      `--warm-cache ${dir} is your own GOCACHE; give gobaseline a directory of its own`,
    );
  }
  checkOutputDir(dir, '--warm-cache');
  return wanted;
}

/** Adaptive sampling from --auto (undefined without it); its budgets without --auto are a UsageError. */
export function autoPlan(opts: AutoOptions): AutoPlan | undefined {
  if (
    !opts.auto &&
    (opts.targetCi !== undefined || opts.maxTime !== undefined || opts.maxRuns !== undefined)
  ) {
    throw new UsageError('--target-ci, --max-time and --max-runs go with --auto');
  }
  return opts.auto
    ? {
        targetCiHalfWidth: opts.targetCi ?? DEFAULT_TARGET_CI,
        maxTimeMs: (opts.maxTime ?? DEFAULT_MAX_TIME_S) * 1000,
        maxRuns: opts.maxRuns ?? DEFAULT_MAX_RUNS,
      }
    : undefined;
}

/** A seeded shuffle of each round, with a random seed (recorded in the run) unless one is given. */
export function shuffleOrder(seed: number | undefined): InterleaveOrder {
  return { kind: 'shuffle', seed: seed ?? Math.floor(Math.random() * 2 ** 31) };
}

/**
 * Measures with progress on stderr (`steps`: scenarios × configurations) until done or Ctrl-C.
 * Returns null, after saying so, when Ctrl-C came before the first sample (nothing to keep).
 */
export async function measureInterruptibly(
  opts: Omit<BaselineOptions, 'signal' | 'progress'>,
  steps: number,
  quiet = false,
): Promise<RunRecord | null> {
  const progress = new StderrProgress(steps, process.stderr, quiet);
  let run: RunRecord;
  try {
    run = await interruptible(
      (signal) => measureBaseline({ ...opts, signal, progress }),
      () =>
        process.stderr.write(
          '\ngobaseline: interrupted: stopping the command in progress and keeping the samples taken so far (Ctrl-C again to quit now)\n',
        ),
    );
  } finally {
    progress.finish();
  }
  if (run.status === 'interrupted' && run.scenarios.every((s) => s.samples.length === 0)) {
    process.stderr.write('gobaseline: interrupted before the first sample; nothing to save\n');
    return null;
  }
  return run;
}

/**
 * Saves the run (data directory, run store, --json FILE). A measured run is never lost: when a
 * write fails after all, the run goes to the data directory (or the temp dir) and the error line
 * says where. Returns null when everything was written, else the exit code: 2 when the --json
 * file could not be written, 3 when the data directory or the run store could not.
 */
export async function keepRun(
  run: RunRecord,
  store: StoreOptions,
  json?: string,
): Promise<number | null> {
  const failures: { what: string; code: number }[] = [];
  let kept: string | null = null;
  if (store.save) {
    try {
      kept = await saveRun(run);
      process.stderr.write(`saved ${kept}\n`);
    } catch (err) {
      failures.push({
        what: `cannot save the run in ${runsDir()}: ${writeFailure(err)}`,
        code: ExitCode.environment,
      });
    }
    try {
      await withStore(store, async (s) => {
        await s.saveRun(run, store.label ?? {});
        process.stderr.write(`saved in ${s.location}\n`);
      });
    } catch (err) {
      failures.push({ what: (err as Error).message, code: ExitCode.environment });
    }
  }
  if (json) {
    try {
      process.stderr.write(`saved ${await writeRunFile(run, json)}\n`);
      kept ??= json;
    } catch (err) {
      failures.push({ what: `--json ${json}: ${writeFailure(err)}`, code: ExitCode.usage });
    }
  }
  if (failures.length === 0) return null;
  if (kept === null) {
    try {
      kept = await saveRunSomewhere(run);
    } catch (err) {
      failures.push({
        what: `nor anywhere else: ${writeFailure(err)}`,
        code: ExitCode.environment,
      });
    }
  }
  const where = kept ? `; the run is saved in ${kept}` : '';
  process.stderr.write(`gobaseline: ${failures.map((f) => f.what).join('; ')}${where}\n`);
  return Math.max(...failures.map((f) => f.code));
}

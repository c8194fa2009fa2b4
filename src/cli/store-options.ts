// The store options of `run`, `sweep` and `analyze` (--db, --label, --no-save) and saving through them.
// The store itself is store/; this file only opens it as the user asked and says what happened.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { toolVersion } from '../measure/baseline.js';
import { analysisHeadline } from '../store/analysis-headline.js';
import { openStore, type ImportResult } from '../store/open-store.js';
import { machineRow } from '../store/run-rows.js';
import { probeHost } from '../probe/index.js';
import type { Labels, RunStore } from '../store/store.js';

/** What the store options give a command. */
export interface StoreOptions {
  /** A SQLite file or a postgres:// URL; default the data directory's gobaseline.db. */
  db?: string;
  label?: Labels;
  /** False with --no-save. */
  save: boolean;
}

/**
 * The store options of an analyze command; `save` is unset when a command is called without
 * the CLI (tests), which then saves nothing.
 */
export type AnalysisStoreOptions = Partial<StoreOptions>;

/** Collects repeatable --label KEY=VALUE pairs. */
export function collectLabel(value: string, previous: Labels = {}): Labels {
  const m = /^([A-Za-z0-9_.:/-]+)=(.*)$/s.exec(value);
  if (!m) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  return { ...previous, [m[1]!]: m[2]! };
}

/** --db FILE|URL. */
export function dbOption(): Option {
  return new Option(
    '--db <file|url>',
    'the run store: a SQLite file or a postgres:// URL (default: gobaseline.db in the data directory)',
  );
}

/** --label KEY=VALUE, repeatable. */
export function labelOption(): Option {
  return new Option(
    '--label <key=value>',
    'a label saved with the result, e.g. commit=abc123 (repeatable)',
  ).argParser(collectLabel);
}

/**
 * Adds --db, --label and --no-save to a command; `noSave` words what --no-save skips (an
 * analyze command saves its result in the run store, a measuring one also the run file).
 */
export function addStoreOptions(
  cmd: Command,
  noSave = "don't save the result in the run store",
): Command {
  return cmd.addOption(dbOption()).addOption(labelOption()).option('--no-save', noSave);
}

/** What --no-save means for run and sweep. */
export const NO_SAVE_RUN = "don't save the run (in the run store and under the data directory)";

function importLine(result: ImportResult, location: string): void {
  const skipped = result.skipped.length
    ? `; skipped ${result.skipped.length} that are not runs: ${result.skipped.map((s) => s.file).join(', ')}`
    : '';
  process.stderr.write(
    `imported ${result.imported} saved run file${result.imported === 1 ? '' : 's'} into ${location} (the files are kept)${skipped}\n`,
  );
}

/** Opens the store the options name, runs `fn`, closes it. Throws StoreError (exit 3). */
export async function withStore<T>(
  opts: StoreOptions,
  fn: (store: RunStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(opts.db, process.env, {
    onImport: (r) => importLine(r, opts.db ?? 'the run store'),
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Checks, before anything is measured, that the store can be used (when saving). */
export async function checkStore(opts: StoreOptions): Promise<void> {
  if (opts.save) await withStore(opts, async () => undefined);
}

/**
 * Saves an analyze report with its headline figures and this machine (unless --no-save; no
 * machine when `measuredHere` is false: a report read from a file); says where on stderr.
 */
export async function keepAnalysis(
  topic: string,
  report: unknown,
  opts: AnalysisStoreOptions & { quiet?: boolean },
  measuredHere = true,
): Promise<void> {
  if (!opts.save) return;
  const machine = measuredHere ? machineRow(await probeHost()) : undefined;
  await withStore({ ...opts, save: true }, async (store) => {
    const id = await store.saveAnalysis({
      topic,
      createdAt: new Date().toISOString(),
      toolVersion: toolVersion(),
      machine,
      headline: analysisHeadline(report),
      report,
      labels: opts.label ?? {},
    });
    if (!opts.quiet) process.stderr.write(`saved analysis ${id} in ${store.location}\n`);
  });
}

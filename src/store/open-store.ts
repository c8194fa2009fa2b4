// Opening the run store a --db value names: a postgres:// URL, a SQLite file, or by default
// gobaseline.db in the data directory. On the default store's first open, the run files saved
// before the store existed (the data directory's runs/) are imported, once, and kept; a store
// chosen with --db is the user's to fill and receives none of them.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { ensureDir } from '../measure/own-dirs.js';
import { openPostgresStore, isPostgresUrl } from './postgres.js';
import { dataDir, readRunFile, runsDir } from './run-files.js';
import { openSqliteStore } from './sqlite.js';
import { StoreError, type RunStore } from './store.js';

/** The default database: `dataDir()/gobaseline.db`. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), 'gobaseline.db');
}

/** The meta key whose presence says the run files were imported. */
export const RUN_FILES_IMPORTED = 'run-files-imported';

/** What the import of run files did. */
export interface ImportResult {
  /** Run files newly stored. */
  imported: number;
  /** Run files whose run was stored already. */
  present: number;
  /** Files that are not run records, with why; left where they are. */
  skipped: { file: string; why: string }[];
}

/**
 * Imports every run file of `dir` into the store unless that was done before (a marker in the
 * store); the files stay. Returns null when it had been done.
 */
export async function importRunFiles(store: RunStore, dir: string): Promise<ImportResult | null> {
  if ((await store.getMeta(RUN_FILES_IMPORTED)) !== null) return null;
  const result: ImportResult = { imported: 0, present: 0, skipped: [] };
  let names: string[] = [];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    // no runs/ folder: nothing to import
  }
  for (const name of names) {
    const file = path.join(dir, name);
    let run;
    try {
      run = await readRunFile(file);
    } catch (err) {
      result.skipped.push({ file, why: (err as Error).message });
      continue;
    }
    if (await store.saveRun(run)) result.imported++;
    else result.present++;
  }
  await store.setMeta(
    RUN_FILES_IMPORTED,
    JSON.stringify({ at: new Date().toISOString(), dir, ...result }),
  );
  return result;
}

/** How to open the store. */
export interface OpenOptions {
  /**
   * Import the data directory's run files on first open; default: only into the default store
   * (no --db, or a --db naming the same file).
   */
  importRuns?: boolean;
  /** Told about an import that happened (for a line on stderr). */
  onImport?: (result: ImportResult) => void;
}

/** Opens the store `spec` names (default: the SQLite file in the data directory). Throws StoreError (exit 3). */
export async function openStore(
  spec: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  opts: OpenOptions = {},
): Promise<RunStore> {
  let store: RunStore;
  let isDefault = false;
  if (spec && isPostgresUrl(spec)) {
    store = await openPostgresStore(spec);
  } else {
    let file = spec;
    if (!file) {
      try {
        ensureDir(dataDir(env), `data directory ${dataDir(env)}`);
      } catch (err) {
        throw new StoreError((err as UserError).message);
      }
      file = defaultDbPath(env);
    }
    isDefault = path.resolve(file) === path.resolve(defaultDbPath(env));
    store = await openSqliteStore(file);
  }
  if (opts.importRuns ?? isDefault) {
    try {
      const result = await importRunFiles(store, runsDir(env));
      if (result && (result.imported || result.skipped.length)) opts.onImport?.(result);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}

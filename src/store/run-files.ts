// Run records as JSON files: the default save location under the XDG data directory, and
// reading a run file back with a clear error for anything that is not one.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { ensureDir } from '../measure/own-dirs.js';
import { parseRunFile } from '../parse/run-file.js';
import type { RunRecord } from '../record/run-record.js';

/** gobaseline's data directory: $XDG_DATA_HOME/gobaseline or ~/.local/share/gobaseline. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'gobaseline');
}

/** The folder runs are saved in: `dataDir()/runs`. */
export function runsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), 'runs');
}

/**
 * Creates the runs folder if missing (one level at a time, never under /proc or /sys); returns
 * it. Throws UsageError naming XDG_DATA_HOME when it cannot be used.
 */
export function ensureRunsDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = runsDir(env);
  const from = env.XDG_DATA_HOME ? ` (from XDG_DATA_HOME=${env.XDG_DATA_HOME})` : '';
  return ensureDir(dir, `data directory ${dir}${from}`);
}

/** Writes a run as pretty JSON into an existing directory; returns the path. */
export async function writeRunFile(run: RunRecord, file: string): Promise<string> {
  const text = `${JSON.stringify(run, null, 2)}\n`;
  const existing = await fs.stat(file).catch(() => null);
  if (existing && !existing.isFile()) {
    await fs.writeFile(file, text); // /dev/stdout, a pipe: written in place, never replaced
    return file;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, file); // a reader never sees half a file
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  return file;
}

/** Saves a run under the data directory's runs/ folder; returns the path. */
export async function saveRun(
  run: RunRecord,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return writeRunFile(run, path.join(ensureRunsDir(env), `${run.id}.json`));
}

/** Saves a run in the data directory, or else in the temp dir, so it is never lost; returns the path. */
export async function saveRunSomewhere(
  run: RunRecord,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  try {
    return await saveRun(run, env);
  } catch {
    return writeRunFile(run, path.join(os.tmpdir(), `gobaseline-run-${run.id}.json`));
  }
}

/** Reads a run file; a missing file or one that is not a run record is a UsageError (exit 2). */
export async function readRunFile(file: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read run file ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
  return parseRunFile(text, file);
}

/**
 * The newest run saved in the runs folder (run ids, and so file names, start with the start
 * time) for which `wanted` holds, with its file; null when there is none. Files that are not
 * run records are skipped.
 */
export async function latestRunWhere(
  wanted: (run: RunRecord) => boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ file: string; run: RunRecord } | null> {
  const dir = runsDir(env);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .reverse()) {
    const file = path.join(dir, name);
    const run = await readRunFile(file).catch(() => null);
    if (run && wanted(run)) return { file, run };
  }
  return null;
}

// Run records as JSON files: the default save location under the XDG data directory, and
// reading a run file back with a clear error for anything that is not one.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { RunRecord } from '../record/run-record.js';
import { RUN_SCHEMA_VERSION } from '../record/run-record.js';

/** gobaseline's data directory: $XDG_DATA_HOME/gobaseline or ~/.local/share/gobaseline. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'gobaseline');
}

/** Writes a run as pretty JSON, creating the directory; returns the path. */
export async function writeRunFile(run: RunRecord, file: string): Promise<string> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(run, null, 2)}\n`);
  await fs.rename(tmp, file); // a reader never sees half a file
  return file;
}

/** Saves a run under the data directory's runs/ folder; returns the path. */
export function saveRun(run: RunRecord, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return writeRunFile(run, path.join(dataDir(env), 'runs', `${run.id}.json`));
}

/** Reads a run file; a missing file, bad JSON or another schema is a UsageError (exit 2). */
export async function readRunFile(file: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read run file ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
  const rec = data as Partial<RunRecord>;
  if (rec?.schema !== 'gobaseline/run')
    throw new UsageError(`${file} is not a gobaseline run file`);
  if (rec.schemaVersion !== RUN_SCHEMA_VERSION) {
    throw new UsageError(
      `${file} has run schema version ${rec.schemaVersion}; this gobaseline reads ${RUN_SCHEMA_VERSION}`,
    );
  }
  return rec as RunRecord;
}

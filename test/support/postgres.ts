// PostgreSQL for the store tests: the server named by GOBASELINE_TEST_PG_URL (.ci/run starts
// one), else a throwaway cluster started here through scripts/test-postgres.sh when the server
// binaries are installed (stopped when the test process exits), else none: the caller skips,
// or fails under CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from './paths.js';

const script = path.join(repoRoot, 'scripts', 'test-postgres.sh');

let server: Promise<string | null> | null = null;

function hasServerBinaries(): boolean {
  if (process.env.GOBASELINE_PG_BIN) return true;
  try {
    return fs
      .readdirSync('/usr/lib/postgresql')
      .some((v) => fs.existsSync(path.join('/usr/lib/postgresql', v, 'bin', 'initdb')));
  } catch {
    return false;
  }
}

function startThrowaway(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbtest-pg-'));
  // Stopped even when a test fails; a Ctrl-C of the test runner ends it by signal as well.
  const stop = (): void => void spawnSync(script, ['stop', dir], { stdio: 'ignore' });
  process.once('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      stop();
      process.exit(130);
    });
  }
  return execFileSync(script, ['start', dir], { encoding: 'utf8' }).trim();
}

/** The URL of a PostgreSQL server for tests, or null when there is none (with why). */
export function testServer(): Promise<string | null> {
  server ??= (async () => {
    const url = process.env.GOBASELINE_TEST_PG_URL;
    if (url) return url;
    if (!hasServerBinaries()) return null;
    return startThrowaway();
  })();
  return server;
}

/** Why there is no server, for the skip message. */
export const NO_SERVER =
  'no PostgreSQL: set GOBASELINE_TEST_PG_URL or install the postgresql server package (.ci/run does)';

/** A new, empty database on the test server; returns its URL. */
export async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `gbtest_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs SQL on a database directly (to set up what the store refuses). */
export async function execSql(url: string, text: string): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(text);
    return Array.isArray(r) ? r : [r];
  } finally {
    await client.end();
  }
}

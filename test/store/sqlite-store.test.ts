// The store suite against SQLite, and what only a file can get wrong: a file that is not a
// database, someone else's database, a read-only file, a missing folder.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ExitCode } from '../../src/errors.js';
import { defaultDbPath, openStore } from '../../src/store/open-store.js';
import { StoreError } from '../../src/store/store.js';
import { tempDir } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';
import { storedRunCount } from '../support/stored-runs.js';
import { storeSuite } from './store-suite.js';

const hashFile = (file: string): string =>
  fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'none';

storeSuite('SQLite', {
  fresh: async () => path.join(tempDir('gbtest-sqlite-'), 'runs.db'),
  makeNewer: async (file) => {
    const db = new Database(file);
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')").run();
    db.close();
  },
  // The database file and its write-ahead log (closed stores leave none).
  snapshot: async (file) => `${hashFile(file)}/${hashFile(`${file}-wal`)}`,
});

/** Expects opening `file` to fail with one line matching `pattern`, exit 3, the file unchanged. */
async function refused(file: string, pattern: RegExp): Promise<void> {
  const before = fs.statSync(file, { throwIfNoEntry: false })?.isFile()
    ? fs.readFileSync(file)
    : null;
  await assert.rejects(openStore(file, {}, { importRuns: false }), (err: unknown) => {
    assert.ok(err instanceof StoreError, String(err));
    assert.equal(err.exitCode, ExitCode.environment);
    assert.match(err.message, pattern);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
  if (before) assert.deepEqual(fs.readFileSync(file), before);
  assert.equal(fs.existsSync(`${file}-wal`), false);
}

describe('SQLite store: bad files', () => {
  it('refuses a file that is not a SQLite database', async () => {
    const file = path.join(tempDir(), 'notes.db');
    fs.writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    await refused(file, /notes\.db: it is not a SQLite database/);
  });

  it('refuses a corrupt database', async () => {
    const file = path.join(tempDir(), 'corrupt.db');
    const store = await openStore(file, {}, { importRuns: false });
    await store.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 100, 4096); // the schema page, past the header
    fs.writeFileSync(file, bytes);
    await refused(file, /corrupt\.db: (the database is corrupt|it is not a SQLite database)/);
  });

  it("refuses another program's SQLite database", async () => {
    const file = path.join(tempDir(), 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    await refused(file, /other\.db: it is a SQLite database, but not gobaseline's/);
  });

  it('refuses a read-only database file', async () => {
    const file = path.join(tempDir(), 'ro.db');
    const store = await openStore(file, {}, { importRuns: false });
    await store.close();
    fs.chmodSync(file, 0o444);
    await refused(file, /ro\.db: the file is read-only/);
  });

  it('refuses a file in a folder that does not exist, and a folder', async () => {
    const dir = tempDir();
    await refused(path.join(dir, 'nope', 'x.db'), /nope does not exist/);
    await refused(dir, /not a regular file/);
  });

  it('defaults to gobaseline.db in the data directory', async () => {
    const data = tempDir();
    const env = { XDG_DATA_HOME: data };
    const store = await openStore(undefined, env);
    await store.close();
    assert.equal(defaultDbPath(env), path.join(data, 'gobaseline', 'gobaseline.db'));
    assert.ok(fs.statSync(defaultDbPath(env)).size > 0);
  });

  it('imports the saved run files into the default store only, never into a --db file', async () => {
    const data = tempDir();
    const env = { XDG_DATA_HOME: data };
    const runs = path.join(data, 'gobaseline', 'runs');
    fs.mkdirSync(runs, { recursive: true });
    fs.copyFileSync(fixturePath('runs/startup-a.json'), path.join(runs, 'a.json'));
    const count = (spec: string | undefined): Promise<number> => storedRunCount(spec, env);
    assert.equal(await count(path.join(tempDir(), 'mine.db')), 0);
    assert.equal(await count(undefined), 1);
    // The default file named with --db is the default store: imported once already.
    assert.equal(await count(defaultDbPath(env)), 1);
  });
});

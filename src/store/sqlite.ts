// The SQLite driver (better-sqlite3): one file, WAL mode so readers never block the writer,
// and a busy timeout so concurrent writers (several gobaseline processes) wait their turn
// instead of failing. A file that is not a gobaseline database is refused before anything is
// written to it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { oneLine } from '../errors.js';
import { SCHEMA_VERSION, type Dialect } from './schema.js';
import { appliedVersion, migrate, newerSchemaError } from './migrate.js';
import { SqlStore, type Sql, type SqlDriver } from './sql-store.js';
import { StoreError, type RunStore } from './store.js';

/** How long a writer waits for another's transaction before giving up, in ms. */
const BUSY_TIMEOUT_MS = 60_000;

type Params = readonly unknown[];

/** Words a SQLite failure for the user: what went wrong with which file. */
function failure(file: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: string }).code ?? '';
  const message = oneLine((err as Error).message ?? String(err));
  const why: Record<string, string> = {
    SQLITE_NOTADB: 'it is not a SQLite database (corrupt, or another kind of file)',
    SQLITE_CORRUPT: 'the database is corrupt',
    SQLITE_READONLY: 'the database is read-only',
    SQLITE_CANTOPEN: `cannot open it (${message})`,
    SQLITE_BUSY: 'the database stayed locked by another process',
    SQLITE_FULL: 'the disk is full',
  };
  // Extended codes (SQLITE_READONLY_DBMOVED...) share their base code's wording.
  const reason = why[code.split('_').slice(0, 2).join('_')];
  return new StoreError(`cannot use database ${file}: ${reason ?? message}`);
}

class SqliteDriver implements SqlDriver {
  readonly dialect: Dialect = 'sqlite';
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sql: Sql = {
    all: async <R>(text: string, params: Params = []) => this.allNow<R>(text, params),
    run: async (text: string, params: Params = []) => this.runNow(text, params),
  };

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {}

  private statement(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  private bind(params: Params): unknown[] {
    return params.map((p) => (p === undefined ? null : typeof p === 'boolean' ? Number(p) : p));
  }

  allNow<R>(text: string, params: Params): R[] {
    try {
      return this.statement(text).all(...this.bind(params)) as R[];
    } catch (err) {
      throw failure(this.location, err);
    }
  }

  runNow(text: string, params: Params): void {
    try {
      const s = this.statement(text);
      if (s.reader) s.all(...this.bind(params));
      else s.run(...this.bind(params));
    } catch (err) {
      throw failure(this.location, err);
    }
  }

  all<R>(text: string, params: Params = []): Promise<R[]> {
    return this.sql.all<R>(text, params);
  }

  run(text: string, params: Params = []): Promise<void> {
    return this.sql.run(text, params);
  }

  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    // One connection per process: transactions of this process take turns.
    const next = this.queue.then(async () => {
      this.runNow('BEGIN IMMEDIATE', []); // the write lock now, waiting up to the busy timeout
      try {
        const result = await fn(this.sql);
        this.runNow('COMMIT', []);
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}

/** Refuses files gobaseline must not write to; returns true when the file exists. */
function checkFile(file: string): boolean {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw failure(file, err);
    const dir = path.dirname(file);
    if (!fs.existsSync(dir))
      throw new StoreError(`cannot use database ${file}: ${dir} does not exist`);
    return false;
  }
  if (!st.isFile()) throw new StoreError(`cannot use database ${file}: not a regular file`);
  // Root may write anyway; a file without write permission is still meant to stay as it is.
  if ((st.mode & 0o222) === 0 || !canWrite(file)) {
    throw new StoreError(`cannot use database ${file}: the file is read-only`);
  }
  return true;
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Checks an existing file is a gobaseline database of a version this gobaseline knows; reads only. */
async function checkContents(driver: SqliteDriver, file: string): Promise<void> {
  const tables = (
    await driver.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
  ).map((t) => t.name);
  if (tables.length === 0) return; // an empty file is a new database
  if (!tables.includes('schema_version')) {
    throw new StoreError(
      `cannot use database ${file}: it is a SQLite database, but not gobaseline's`,
    );
  }
  const version = await appliedVersion(driver, true);
  if (version > SCHEMA_VERSION) throw newerSchemaError(file, version);
}

/** Opens (creating if missing) and migrates a SQLite store. Throws StoreError (exit 3). */
export async function openSqliteStore(file: string): Promise<RunStore> {
  const abs = path.resolve(file);
  const existed = checkFile(abs);
  let db: Database.Database;
  try {
    db = new Database(abs, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw failure(abs, err);
  }
  const driver = new SqliteDriver(db, abs);
  try {
    if (existed) await checkContents(driver, abs);
    // WAL: readers and one writer at a time without blocking each other; NORMAL is durable
    // across a crash of the process (a power loss may lose the last transactions).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Reads through a memory map: each runs row carries its record (about 10 KB), so a series
    // of 10,000 runs touches thousands of pages; read() calls through the small default page
    // cache took twice as long (bench/history-speed.ts).
    db.pragma('mmap_size = 268435456');
    await migrate(driver, null);
  } catch (err) {
    await driver.close();
    throw failure(abs, err);
  }
  return new SqlStore(driver);
}

// The PostgreSQL driver (node-postgres): a small pool, one client per transaction, and an
// advisory lock so that concurrent first opens migrate the schema once.
import pg from 'pg';
import { oneLine } from '../errors.js';
import type { Dialect } from './schema.js';
import { appliedVersion, migrate, newerSchemaError } from './migrate.js';
import { SqlStore, type Sql, type SqlDriver } from './sql-store.js';
import { SCHEMA_VERSION } from './schema.js';
import { StoreError, type RunStore } from './store.js';

/** Connecting gives up after this long, in ms: an unreachable server is one line, not a hang. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Arbitrary key of the advisory lock held while migrating. */
const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(7342016)';

type Params = readonly unknown[];

/** True for a --db value that names a PostgreSQL database. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** `?` placeholders numbered as PostgreSQL wants them ($1, $2...). The store's SQL has no `?` in literals. */
export function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function failure(location: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as { code?: string; message?: string; errors?: { message?: string }[] };
  // A connection refused on every address comes as an AggregateError with an empty message.
  const message = oneLine(e.message || e.errors?.map((x) => x.message).join('; ') || String(err));
  const network = [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EHOSTUNREACH',
    'ETIMEDOUT',
    'ECONNRESET',
    'EAI_AGAIN',
  ];
  if ((e.code && network.includes(e.code)) || /timeout|terminated/i.test(message)) {
    return new StoreError(`cannot reach PostgreSQL at ${location}: ${message}`);
  }
  return new StoreError(`cannot use database ${location}: ${message}`);
}

function bind(params: Params): unknown[] {
  return params.map((p) => (p === undefined ? null : p));
}

class PostgresDriver implements SqlDriver {
  readonly dialect: Dialect = 'postgres';

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {}

  private sqlOf(client: pg.Pool | pg.PoolClient): Sql {
    return {
      all: async <R>(text: string, params: Params = []): Promise<R[]> => {
        try {
          return (await client.query(numberPlaceholders(text), bind(params))).rows as R[];
        } catch (err) {
          throw failure(this.location, err);
        }
      },
      run: async (text: string, params: Params = []): Promise<void> => {
        try {
          await client.query(numberPlaceholders(text), bind(params));
        } catch (err) {
          throw failure(this.location, err);
        }
      },
    };
  }

  all<R>(text: string, params: Params = []): Promise<R[]> {
    return this.sqlOf(this.pool).all<R>(text, params);
  }

  run(text: string, params: Params = []): Promise<void> {
    return this.sqlOf(this.pool).run(text, params);
  }

  async transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw failure(this.location, err);
    }
    const sql = this.sqlOf(client);
    try {
      await sql.run('BEGIN');
      const result = await fn(sql);
      await sql.run('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Connects to and migrates a PostgreSQL store. Throws StoreError (exit 3). */
export async function openPostgresStore(url: string): Promise<RunStore> {
  const location = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'gobaseline',
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const driver = new PostgresDriver(pool, location);
  try {
    // Refuse a newer schema before taking any lock or creating anything.
    const [has] = await driver.all<{ t: string | null }>(
      "SELECT to_regclass('schema_version')::text AS t",
    );
    const version = await appliedVersion(driver, Boolean(has?.t));
    if (version > SCHEMA_VERSION) throw newerSchemaError(location, version);
    await migrate(driver, MIGRATION_LOCK);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw failure(location, err);
  }
  return new SqlStore(driver);
}

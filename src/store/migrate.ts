// Schema migrations: which version a database is at, bringing it to SCHEMA_VERSION in one
// transaction, and refusing, unchanged, a database written by a newer gobaseline.
import { migrationStatements, SCHEMA_VERSION, SCHEMA_VERSION_TABLE } from './schema.js';
import type { Sql, SqlDriver } from './sql-store.js';
import { StoreError } from './store.js';

/** The refusal for a database written by a newer gobaseline. */
export function newerSchemaError(location: string, version: number): StoreError {
  return new StoreError(
    `database ${location} has schema version ${version}, newer than this gobaseline's ${SCHEMA_VERSION}: use a newer gobaseline or another --db; the database was not changed`,
  );
}

/** The highest schema version applied, 0 for none (no schema_version table). */
export async function appliedVersion(sql: Sql, hasTable: boolean): Promise<number> {
  if (!hasTable) return 0;
  const [row] = await sql.all<{ v: number | string | null }>(
    'SELECT MAX(version) AS v FROM schema_version',
  );
  return Number(row?.v ?? 0);
}

/**
 * Brings the schema to SCHEMA_VERSION in one transaction (concurrent openers wait for each
 * other: the driver's `lock` statement); refuses a newer one without changing anything.
 */
export async function migrate(driver: SqlDriver, lock: string | null): Promise<void> {
  await driver.transaction(async (sql) => {
    if (lock) await sql.run(lock);
    await sql.run(SCHEMA_VERSION_TABLE);
    const current = await appliedVersion(sql, true);
    if (current > SCHEMA_VERSION) throw newerSchemaError(driver.location, current);
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
      for (const statement of migrationStatements(v, driver.dialect)) await sql.run(statement);
      await sql.run('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)', [
        v,
        new Date().toISOString(),
      ]);
    }
  });
}

// The store's writes of a run's rows, in the SQL both databases accept: multi-row inserts and
// get-or-insert of the rows runs share (machines, toolchains). Used by sql-store.ts.
import type { MachineRow, ResultRow, ToolchainRow } from './run-rows.js';
/** Runs statements. Rows come back as plain objects keyed by column name. */
export interface Sql {
  all<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
}

/** Rows per multi-row INSERT: few round trips, well under SQLite's 32,766 parameters. */
const ROWS_PER_INSERT = 500;

export async function insertRows(
  sql: Sql,
  head: string,
  rows: readonly unknown[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const one = `(${chunk[0]!.map(() => '?').join(', ')})`;
    await sql.run(`${head} VALUES ${chunk.map(() => one).join(', ')}`, chunk.flat());
  }
}

/** Inserts a row keyed by a unique column unless it exists; returns its id either way. */
async function upsertId(
  sql: Sql,
  table: string,
  columns: string[],
  values: unknown[],
  keyColumns: string[],
): Promise<number> {
  await sql.run(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${keyColumns.join(', ')}) DO NOTHING`,
    values,
  );
  const where = keyColumns.map((c) => `${c} = ?`).join(' AND ');
  const [row] = await sql.all<{ id: number | string }>(
    `SELECT id FROM ${table} WHERE ${where}`,
    keyColumns.map((c) => values[columns.indexOf(c)]),
  );
  return Number(row!.id);
}

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const toolchainKey = (t: ToolchainRow): string => `${t.version}\0${t.goPath}`;

/** The toolchains of these results, upserted in a fixed order; their ids by toolchainKey. */
export async function saveToolchains(
  sql: Sql,
  rows: readonly ResultRow[],
): Promise<Map<string, number>> {
  const toolchains = new Map<string, ToolchainRow>();
  for (const r of rows) if (r.toolchain) toolchains.set(toolchainKey(r.toolchain), r.toolchain);
  const ids = new Map<string, number>();
  for (const key of [...toolchains.keys()].sort(compareText)) {
    const t = toolchains.get(key)!;
    const id = await upsertId(
      sql,
      'toolchains',
      ['version', 'go_path'],
      [t.version, t.goPath],
      ['version', 'go_path'],
    );
    ids.set(key, id);
  }
  return ids;
}

/** Inserts a run's results; adds their sample rows to `samples`, inserted later in bulk. */
export async function saveResults(
  sql: Sql,
  runPk: number,
  rows: ResultRow[],
  toolchainIds: ReadonlyMap<string, number>,
  samples: unknown[][],
): Promise<void> {
  // All results in one statement, then all their samples: a few round trips per run.
  const resultIds = new Map<string, number>();
  const keyOf = (scenario: string, configuration: string, metric: string): string =>
    JSON.stringify([scenario, configuration, metric]);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const values = chunk.map((r) => [
      runPk,
      r.scenarioId,
      r.configuration,
      r.toolchain ? (toolchainIds.get(toolchainKey(r.toolchain)) ?? null) : null,
      r.metric,
      r.unit,
      r.n,
      r.failed,
      r.median,
      r.ciLo,
      r.ciHi,
      r.min,
      r.max,
      r.mean,
      r.sd,
    ]);
    const one = `(${values[0]!.map(() => '?').join(', ')})`;
    // RETURNING names each row by its key: neither database promises the rows' order.
    const inserted = await sql.all<{
      id: number | string;
      scenario_id: string;
      configuration: string;
      metric: string;
    }>(
      `INSERT INTO results (run_id, scenario_id, configuration, toolchain_id, metric, unit, n, failed, median, ci_lo, ci_hi, min, max, mean, sd)
       VALUES ${values.map(() => one).join(', ')} RETURNING id, scenario_id, configuration, metric`,
      values.flat(),
    );
    for (const row of inserted) {
      resultIds.set(keyOf(row.scenario_id, row.configuration, row.metric), Number(row.id));
    }
  }
  for (const r of rows) {
    const resultId = resultIds.get(keyOf(r.scenarioId, r.configuration, r.metric));
    for (const x of r.samples) {
      samples.push([resultId, x.seq, x.round, x.position, x.ok ? 1 : 0, x.value]);
    }
  }
}

/** The machine's row id, inserting the row (first seen `at`) when it is new. */
export function upsertMachine(sql: Sql, m: MachineRow, at: string): Promise<number> {
  return upsertId(
    sql,
    'machines',
    ['fingerprint_hash', 'cpu_model', 'threads', 'memory_bytes', 'os', 'arch', 'first_seen'],
    [m.hash, m.cpuModel, m.threads, m.memoryBytes, m.os, m.arch, at],
    ['fingerprint_hash'],
  );
}

// The store's behaviour, written once in SQL that SQLite and PostgreSQL both accept (`?`
// placeholders; the PostgreSQL driver numbers them). A driver (store/sqlite.ts,
// store/postgres.ts) only connects, runs statements, serialises transactions and words errors.
import type { RunRecord } from '../record/run-record.js';
import { machineRow, resultRows, type MachineRow } from './run-rows.js';
import {
  type Sql,
  insertRows,
  saveToolchains,
  saveResults,
  upsertMachine,
  compareText,
} from './sql-writes.js';
import type { Dialect } from './schema.js';
import * as fleet from './sql-fleet.js';
import type {
  AnalysisInput,
  Labels,
  PendingPush,
  RunFilter,
  RunStore,
  RunToSave,
  SeriesInfo,
  SeriesKey,
  SeriesPoint,
  StoredAnalysis,
  StoredMachine,
  StoredRun,
  TokenRow,
  TokenScope,
} from './store.js';

export type { Sql };

/** A database connection as the store needs it. Errors it throws are StoreErrors. */
export interface SqlDriver extends Sql {
  readonly dialect: Dialect;
  readonly location: string;
  /** Runs `fn` in one write transaction, committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const parseJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** The store over a driver whose schema is current (see `migrate`). */
export class SqlStore implements RunStore {
  constructor(private readonly db: SqlDriver) {}

  get location(): string {
    return this.db.location;
  }

  async saveRun(run: RunRecord, labels: Labels = {}): Promise<boolean> {
    const [saved] = await this.saveRuns([{ run, labels }]);
    return saved === true;
  }

  async saveRuns(batch: readonly RunToSave[]): Promise<boolean[]> {
    if (batch.length === 0) return [];
    // Rows are made before the transaction, so the write lock is held only for the inserts.
    const prepared = batch.map(({ run, labels }) => ({
      run,
      labels: labels ?? {},
      machine: machineRow(run.fingerprint),
      results: resultRows(run),
      record: JSON.stringify(run),
    }));
    // Rows in a fixed order (machines, toolchains, runs by key), so that concurrent writers
    // take their row locks in the same order and cannot deadlock.
    const order = prepared.map((_, i) => i);
    order.sort((a, b) => compareText(prepared[a]!.run.id, prepared[b]!.run.id));
    const firstSeen = new Map<string, { row: MachineRow; at: string }>();
    for (const p of prepared) {
      const seen = firstSeen.get(p.machine.hash);
      if (!seen || p.run.startedAt < seen.at)
        firstSeen.set(p.machine.hash, { row: p.machine, at: p.run.startedAt });
    }
    const machines = [...firstSeen.values()].sort((a, b) => compareText(a.row.hash, b.row.hash));
    return this.db.transaction(async (sql) => {
      const machineIds = new Map<string, number>();
      for (const { row, at } of machines) {
        machineIds.set(row.hash, await upsertMachine(sql, row, at));
      }
      const toolchainIds = await saveToolchains(
        sql,
        prepared.flatMap((p) => p.results),
      );
      const savedAt = new Date().toISOString();
      const saved = prepared.map(() => false);
      // Labels and samples of the whole batch go in as few multi-row statements as possible.
      const labelRows: unknown[][] = [];
      const sampleRows: unknown[][] = [];
      for (const i of order) {
        const { run, labels, machine, results, record } = prepared[i]!;
        const inserted = await sql.all<{ id: number | string }>(
          `INSERT INTO runs (run_id, machine_id, started_at, finished_at, status, suite, tool_version, kernel, saved_at, record)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING RETURNING id`,
          [
            run.id,
            machineIds.get(machine.hash),
            run.startedAt,
            run.finishedAt,
            run.status,
            run.config.suite,
            run.tool.version,
            run.fingerprint.os.release,
            savedAt,
            record,
          ],
        );
        if (inserted.length === 0) continue; // stored before: kept as it was
        const runPk = Number(inserted[0]!.id);
        for (const [k, v] of Object.entries(labels)) labelRows.push([runPk, k, v]);
        await saveResults(sql, runPk, results, toolchainIds, sampleRows);
        saved[i] = true;
      }
      await insertRows(sql, 'INSERT INTO run_labels (run_id, key, value)', labelRows);
      await insertRows(
        sql,
        'INSERT INTO samples (result_id, seq, round, position, ok, value)',
        sampleRows,
      );
      return saved;
    });
  }

  async saveAnalysis(a: AnalysisInput): Promise<number> {
    return this.db.transaction(async (sql) => {
      // The machine may have no run stored yet: its row is made here as a run would make it.
      const machineId = a.machine ? await upsertMachine(sql, a.machine, a.createdAt) : null;
      const [row] = await sql.all<{ id: number | string }>(
        `INSERT INTO analyses (machine_id, topic, created_at, tool_version, labels, headline, report)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          machineId,
          a.topic,
          a.createdAt,
          a.toolVersion,
          JSON.stringify(a.labels ?? {}),
          JSON.stringify(a.headline),
          JSON.stringify(a.report),
        ],
      );
      return Number(row!.id);
    });
  }

  async listRuns(filter: RunFilter = {}): Promise<StoredRun[]> {
    const where = filter.machine ? 'WHERE m.fingerprint_hash = ?' : '';
    const limit = filter.limit !== undefined ? 'LIMIT ?' : '';
    const params: unknown[] = [
      ...(filter.machine ? [filter.machine] : []),
      ...(filter.limit !== undefined ? [filter.limit] : []),
    ];
    const rows = await this.db.all<{
      id: number | string;
      run_id: string;
      started_at: string;
      status: StoredRun['status'];
      suite: string | null;
      machine: string;
      key: string | null;
      value: string | null;
    }>(
      `SELECT r.id, r.run_id, r.started_at, r.status, r.suite, r.machine, l.key, l.value
       FROM (SELECT r.id, r.run_id, r.started_at, r.status, r.suite, m.fingerprint_hash AS machine
             FROM runs r JOIN machines m ON m.id = r.machine_id ${where}
             ORDER BY r.started_at DESC, r.id DESC ${limit}) r
       LEFT JOIN run_labels l ON l.run_id = r.id
       ORDER BY r.started_at DESC, r.id DESC, l.key`,
      params,
    );
    const runs = new Map<string, StoredRun>();
    for (const row of rows) {
      let run = runs.get(row.run_id);
      if (!run) {
        run = {
          runId: row.run_id,
          startedAt: row.started_at,
          status: row.status,
          suite: row.suite,
          machine: row.machine,
          labels: {},
        };
        runs.set(row.run_id, run);
      }
      if (row.key !== null) run.labels[row.key] = row.value ?? '';
    }
    return [...runs.values()];
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    const [row] = await this.db.all<{ record: string }>(
      'SELECT record FROM runs WHERE run_id = ?',
      [runId],
    );
    return row ? (JSON.parse(row.record) as RunRecord) : null;
  }

  async series(key: SeriesKey): Promise<SeriesPoint[]> {
    const conditions = ['res.scenario_id = ?', 'res.metric = ?'];
    const params: unknown[] = [key.scenarioId, key.metric];
    if (key.machine !== undefined) {
      conditions.push('m.fingerprint_hash = ?');
      params.push(key.machine);
    }
    if (key.toolchainVersion !== undefined) {
      conditions.push('t.version = ?');
      params.push(key.toolchainVersion);
    }
    if (key.configuration !== undefined) {
      conditions.push('res.configuration = ?');
      params.push(key.configuration);
    }
    const rows = await this.db.all<{
      run_id: string;
      started_at: string;
      machine: string;
      version: string | null;
      configuration: string;
      unit: string;
      n: number;
      failed: number;
      median: number | null;
      ci_lo: number | null;
      ci_hi: number | null;
    }>(
      `SELECT r.run_id, r.started_at, m.fingerprint_hash AS machine, t.version, res.configuration,
              res.unit, res.n, res.failed, res.median, res.ci_lo, res.ci_hi
       FROM results res
       JOIN runs r ON r.id = res.run_id
       JOIN machines m ON m.id = r.machine_id
       LEFT JOIN toolchains t ON t.id = res.toolchain_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY r.started_at, r.id, res.configuration`,
      params,
    );
    return rows.map((r) => ({
      runId: r.run_id,
      startedAt: r.started_at,
      machine: r.machine,
      toolchainVersion: r.version,
      configuration: r.configuration,
      unit: r.unit,
      n: Number(r.n),
      failed: Number(r.failed),
      median: r.median,
      ciLo: r.ci_lo,
      ciHi: r.ci_hi,
    }));
  }

  async listAnalyses(topic?: string): Promise<StoredAnalysis[]> {
    const rows = await this.db.all<{
      id: number | string;
      machine: string | null;
      topic: string;
      created_at: string;
      tool_version: string;
      labels: unknown;
      headline: unknown;
      report: unknown;
    }>(
      `SELECT a.id, m.fingerprint_hash AS machine, a.topic, a.created_at, a.tool_version,
              a.labels, a.headline, a.report
       FROM analyses a LEFT JOIN machines m ON m.id = a.machine_id
       ${topic !== undefined ? 'WHERE a.topic = ?' : ''}
       ORDER BY a.created_at DESC, a.id DESC`,
      topic !== undefined ? [topic] : [],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      machine: r.machine,
      topic: r.topic,
      createdAt: r.created_at,
      toolVersion: r.tool_version,
      labels: parseJson(r.labels) as Labels,
      headline: parseJson(r.headline) as AnalysisInput['headline'],
      report: parseJson(r.report),
    }));
  }

  listMachines(): Promise<StoredMachine[]> {
    return fleet.listMachines(this.db);
  }

  listSeries(): Promise<SeriesInfo[]> {
    return fleet.listSeries(this.db);
  }

  saveToken(token: TokenRow): Promise<void> {
    return this.db.transaction((sql) => fleet.saveToken(sql, token));
  }

  tokenScope(hash: string): Promise<TokenScope | null> {
    return fleet.tokenScope(this.db, hash);
  }

  queuePush(runId: string, target: string): Promise<void> {
    return this.db.transaction((sql) => fleet.queuePush(sql, runId, target));
  }

  notePush(runId: string, target: string, error: string | null): Promise<void> {
    return this.db.transaction((sql) => fleet.notePush(sql, runId, target, error));
  }

  pendingPushes(target?: string): Promise<PendingPush[]> {
    return fleet.pendingPushes(this.db, target);
  }

  async getMeta(key: string): Promise<string | null> {
    const [row] = await this.db.all<{ value: string }>('SELECT value FROM meta WHERE key = ?', [
      key,
    ]);
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.transaction((sql) =>
      sql.run(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      ),
    );
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

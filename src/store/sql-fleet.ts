// The store's reads and writes for `serve` and pushing, in the SQL both databases accept:
// machines and series as the API lists them, API tokens (hashes only) and the queue of runs to
// push. Used by sql-store.ts.
import type { Sql } from './sql-writes.js';
import {
  StoreError,
  type Labels,
  type PendingPush,
  type SeriesInfo,
  type StoredMachine,
  type TokenRow,
  type TokenScope,
} from './store.js';

const num = (v: number | string | null): number => Number(v ?? 0);

export async function listMachines(sql: Sql): Promise<StoredMachine[]> {
  const rows = await sql.all<{
    fingerprint_hash: string;
    cpu_model: string | null;
    threads: number | string;
    memory_bytes: number | string;
    os: string;
    arch: string;
    first_seen: string;
    runs: number | string;
    last_run_at: string | null;
  }>(
    `SELECT m.fingerprint_hash, m.cpu_model, m.threads, m.memory_bytes, m.os, m.arch, m.first_seen,
            COUNT(r.id) AS runs, MAX(r.started_at) AS last_run_at
     FROM machines m LEFT JOIN runs r ON r.machine_id = m.id
     GROUP BY m.id, m.fingerprint_hash, m.cpu_model, m.threads, m.memory_bytes, m.os, m.arch, m.first_seen
     ORDER BY m.first_seen, m.fingerprint_hash`,
  );
  return rows.map((r) => ({
    hash: r.fingerprint_hash,
    cpuModel: r.cpu_model,
    threads: num(r.threads),
    memoryBytes: num(r.memory_bytes),
    os: r.os,
    arch: r.arch,
    firstSeen: r.first_seen,
    runs: num(r.runs),
    lastRunAt: r.last_run_at,
  }));
}

export async function listSeries(sql: Sql): Promise<SeriesInfo[]> {
  // One pass over the results: per series its size and its newest row (window functions, which
  // SQLite has had since 3.25).
  const rows = await sql.all<{
    scenario_id: string;
    metric: string;
    unit: string;
    machine: string;
    version: string | null;
    configuration: string;
    points: number | string;
    run_id: string;
    started_at: string;
    median: number | null;
  }>(
    `SELECT scenario_id, metric, unit, machine, version, configuration, points, run_id, started_at, median
     FROM (SELECT res.scenario_id, res.metric, res.unit, m.fingerprint_hash AS machine, t.version,
                  res.configuration, r.run_id, r.started_at, res.median,
                  COUNT(*) OVER w AS points,
                  ROW_NUMBER() OVER (w ORDER BY r.started_at DESC, r.id DESC) AS rn
           FROM results res
           JOIN runs r ON r.id = res.run_id
           JOIN machines m ON m.id = r.machine_id
           LEFT JOIN toolchains t ON t.id = res.toolchain_id
           WINDOW w AS (PARTITION BY res.scenario_id, res.metric, m.fingerprint_hash, t.version, res.configuration)) s
     WHERE rn = 1
     ORDER BY scenario_id, metric, machine, version, configuration`,
  );
  return rows.map((r) => ({
    scenarioId: r.scenario_id,
    metric: r.metric,
    unit: r.unit,
    machine: r.machine,
    toolchainVersion: r.version,
    configuration: r.configuration,
    points: num(r.points),
    lastRunId: r.run_id,
    lastStartedAt: r.started_at,
    lastMedian: r.median,
  }));
}

export async function saveToken(sql: Sql, t: TokenRow): Promise<void> {
  const [row] = await sql.all<{ id: number | string }>(
    `INSERT INTO tokens (hash, scope, name, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (hash) DO NOTHING RETURNING id`,
    [t.hash, t.scope, t.name, t.createdAt],
  );
  if (!row) throw new StoreError('a token with this hash is stored already');
}

export async function tokenScope(sql: Sql, hash: string): Promise<TokenScope | null> {
  const [row] = await sql.all<{ scope: TokenScope }>('SELECT scope FROM tokens WHERE hash = ?', [
    hash,
  ]);
  return row?.scope ?? null;
}

export async function queuePush(sql: Sql, runId: string, target: string): Promise<void> {
  await sql.run(
    `INSERT INTO pushes (run_id, target, queued_at)
     SELECT id, ?, ? FROM runs WHERE run_id = ?
     ON CONFLICT (run_id, target) DO NOTHING`,
    [target, new Date().toISOString(), runId],
  );
}

export async function notePush(
  sql: Sql,
  runId: string,
  target: string,
  error: string | null,
): Promise<void> {
  await sql.run(
    `UPDATE pushes SET pushed_at = ?, last_error = ?
     WHERE target = ? AND run_id = (SELECT id FROM runs WHERE run_id = ?)`,
    [error === null ? new Date().toISOString() : null, error, target, runId],
  );
}

export async function pendingPushes(sql: Sql, target?: string): Promise<PendingPush[]> {
  const pending = 'p.pushed_at IS NULL' + (target !== undefined ? ' AND p.target = ?' : '');
  const params = target !== undefined ? [target] : [];
  const rows = await sql.all<{
    run_id: string;
    target: string;
    queued_at: string;
    last_error: string | null;
  }>(
    `SELECT r.run_id, p.target, p.queued_at, p.last_error
     FROM pushes p JOIN runs r ON r.id = p.run_id
     WHERE ${pending}
     ORDER BY p.queued_at, r.started_at, r.run_id`,
    params,
  );
  const labels = new Map<string, Labels>();
  for (const l of await sql.all<{ run_id: string; key: string; value: string }>(
    `SELECT DISTINCT r.run_id, l.key, l.value
     FROM pushes p JOIN runs r ON r.id = p.run_id JOIN run_labels l ON l.run_id = r.id
     WHERE ${pending}`,
    params,
  )) {
    labels.set(l.run_id, { ...labels.get(l.run_id), [l.key]: l.value });
  }
  return rows.map((r) => ({
    runId: r.run_id,
    target: r.target,
    queuedAt: r.queued_at,
    lastError: r.last_error,
    labels: labels.get(r.run_id) ?? {},
  }));
}

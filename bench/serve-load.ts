// Benchmark (issue 13): N concurrent clients (default 50) each pushing M runs (default 100)
// to one `gobaseline serve` over loopback, on SQLite and on PostgreSQL. Every push must be
// answered 201 (no 5xx, no refusal); afterwards every run must be stored exactly once with
// the content pushed. Prints throughput (runs/s over the whole push phase) and latency
// percentiles; the target is 500 runs/s on SQLite. Bounded: N × M requests, loopback only.
// PostgreSQL: $GOBASELINE_TEST_PG_URL, else a throwaway cluster (scripts/test-postgres.sh).
//   npm run bench:serve [-- CLIENTS RUNS]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { checkRunRecord } from '../src/parse/run-file.js';
import type { RunRecord } from '../src/record/run-record.js';
import { tokenHash } from '../src/server/tokens.js';
import { openStore } from '../src/store/open-store.js';
import { startServe } from './serve-process.js';
import { machineLine, repoRoot } from './support.js';

const clients = Number(process.argv[2] ?? 50);
const perClient = Number(process.argv[3] ?? 100);
const token = `gbt_bench-${randomBytes(8).toString('hex')}`;
const base = checkRunRecord(
  JSON.parse(
    readFileSync(path.join(repoRoot, 'test', 'fixtures', 'runs', 'startup-a.json'), 'utf8'),
  ),
  'startup-a.json',
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-serve-'));

/** Client c's run i: its own machine, a minute apart. */
function runOf(c: number, i: number): RunRecord {
  const run = structuredClone(base);
  run.id = `load-${c}-${i}`;
  run.startedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  run.finishedAt = run.startedAt;
  run.fingerprint.cpu.model = `bench machine ${c}`;
  return run;
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

interface Result {
  backend: string;
  runs: number;
  seconds: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  stored: number;
  sameContent: boolean;
  /** CPU time of the serve process (user + system) per run, in ms: what the load costs it. */
  serverCpuMsPerRun: number;
}

/** User + system CPU seconds of a process so far (/proc/PID/stat, in clock ticks of 10 ms). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function load(backend: string, db: string): Promise<Result> {
  const setup = await openStore(db, {}, { importRuns: false });
  await setup.saveToken({
    hash: tokenHash(token),
    scope: 'write',
    name: 'bench',
    createdAt: new Date().toISOString(),
  });
  await setup.close();
  const server = await startServe(db);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const cpu0 = cpuSeconds(server.child.pid);
  let cpu = NaN;
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < perClient; i++) {
          const body = JSON.stringify(runOf(c, i));
          const s = performance.now();
          let status = 'error';
          try {
            const res = await fetch(`${server.url}/api/v1/runs`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body,
            });
            await res.text();
            status = String(res.status);
          } finally {
            latencies.push(performance.now() - s);
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }
      }),
    );
  } finally {
    cpu = cpuSeconds(server.child.pid) - cpu0;
    await server.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  // Every run once, as pushed (the fixture is read as the server reads it: upgraded).
  const store = await openStore(db, {}, { importRuns: false });
  let stored = 0;
  let sameContent = true;
  try {
    const listed = await store.listRuns();
    stored = listed.length;
    const ids = new Set(listed.map((r) => r.runId));
    for (let c = 0; c < clients; c++) {
      for (let i = 0; i < perClient; i++) {
        const want = runOf(c, i);
        if (!ids.has(want.id)) sameContent = false;
        else if (JSON.stringify(await store.getRun(want.id)) !== JSON.stringify(want))
          sameContent = false;
      }
    }
  } finally {
    await store.close();
  }
  latencies.sort((a, b) => a - b);
  return {
    backend,
    runs: clients * perClient,
    seconds,
    p50Ms: pct(latencies, 50),
    p95Ms: pct(latencies, 95),
    p99Ms: pct(latencies, 99),
    maxMs: latencies.at(-1) ?? NaN,
    statuses,
    stored,
    sameContent,
    serverCpuMsPerRun: (cpu * 1000) / (clients * perClient),
  };
}

/** A PostgreSQL database for the bench, and how to drop what was started for it. */
async function postgres(): Promise<{ url: string; done: () => void }> {
  let server = process.env.GOBASELINE_TEST_PG_URL;
  let done = (): void => undefined;
  if (!server) {
    const script = path.join(repoRoot, 'scripts', 'test-postgres.sh');
    // Its own temp dir: the script hands it to the postgres user when run as root.
    const pgDir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-pg-'));
    server = execFileSync(script, ['start', pgDir], { encoding: 'utf8' }).trim();
    done = () => void spawnSync(script, ['stop', pgDir], { stdio: 'ignore' });
  }
  const name = `gbbench_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return { url: u.toString(), done };
}

console.log(`machine: ${machineLine()}`);
console.log(
  `${clients} clients × ${perClient} runs each (${(JSON.stringify(base).length / 1024).toFixed(1)} KiB per run), one serve process, loopback`,
);
let failed = false;
let stopPg = (): void => undefined;
try {
  const results = [await load('SQLite', path.join(dir, 'serve.db'))];
  const pgDb = await postgres();
  stopPg = pgDb.done;
  results.push(await load('PostgreSQL', pgDb.url));
  console.log(
    'backend      runs  seconds  runs/s   p50 ms  p95 ms  p99 ms  max ms  answers           stored  content',
  );
  for (const r of results) {
    const answers = Object.entries(r.statuses)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    console.log(
      `${r.backend.padEnd(11)} ${String(r.runs).padStart(5)} ${r.seconds.toFixed(2).padStart(8)} ${(r.runs / r.seconds).toFixed(0).padStart(7)} ${r.p50Ms.toFixed(1).padStart(8)} ${r.p95Ms.toFixed(1).padStart(7)} ${r.p99Ms.toFixed(1).padStart(7)} ${r.maxMs.toFixed(1).padStart(7)}  ${r.serverCpuMsPerRun.toFixed(2).padStart(11)} ms  ${answers.padEnd(17)} ${String(r.stored).padStart(6)}  ${r.sameContent ? 'same' : 'DIFFERS'}`,
    );
    const ok = r.statuses['201'] === r.runs && r.stored === r.runs && r.sameContent;
    if (!ok) failed = true;
  }
  const sqlite = results[0]!;
  const rate = sqlite.runs / sqlite.seconds;
  console.log(
    `SQLite ingest: ${rate.toFixed(0)} runs/s (target 500): ${rate >= 500 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `load average after: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  stopPg();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

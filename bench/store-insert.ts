// Benchmark: how fast the SQLite store takes runs and gives them back. Inserts 10,000 runs
// (copies of a captured quick run: 2 scenarios × 10 samples × 4 metrics, so 80 samples and 8
// results each) in batches of 500 runs per transaction (saveRuns), then 1,000 more one
// transaction each, as `run` saves its run, then reads the 10,000-point
// series of one metric and lists every run. Targets (issue 11): 10,000 runs in under 10 s.
// The process's CPU time is printed beside the wall time: on a shared machine the wall time
// includes waiting for a CPU.
//   npm run bench:store [-- RUNS]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunRecord } from '../src/record/run-record.js';
import { openStore } from '../src/store/open-store.js';
import { machineLine, repoRoot } from './support.js';

const runs = Number(process.argv[2] ?? 10_000);
const base = JSON.parse(
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'runs', 'startup-a.json'), 'utf8'),
) as RunRecord;
/** Runs per saveRuns call (one transaction). */
const BATCH = 500;
/** Runs then saved one transaction each, for comparison. */
const SINGLE = 1000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-store-'));
const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

/** A copy of the captured run under a new id, a minute after the previous one. */
function copy(id: string, i: number): { run: RunRecord; labels: Record<string, string> } {
  const run = structuredClone(base);
  run.id = id;
  run.startedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return { run, labels: { i: String(i) } };
}

console.log(`machine: ${machineLine()}`);
try {
  const store = await openStore(path.join(dir, 'bench.db'), {}, { importRuns: false });
  // Batches of BATCH runs, each saved in one transaction (saveRuns, as an import does); only
  // the store's calls are timed, not the making of the copies.
  let insert = 0;
  let cpuS = 0;
  for (let from = 0; from < runs; from += BATCH) {
    const batch = [];
    for (let i = from; i < Math.min(runs, from + BATCH); i++) batch.push(copy(`bench-${i}`, i));
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    await store.saveRuns(batch);
    insert += seconds(t0);
    const cpu = process.cpuUsage(cpu0);
    cpuS += (cpu.user + cpu.system) / 1e6;
  }
  // One transaction per run, as `run` saves its run: the first SINGLE runs again under new ids.
  const single = Math.min(SINGLE, runs);
  let singleS = 0;
  for (let i = 0; i < single; i++) {
    const { run, labels } = copy(`single-${i}`, runs + i);
    const t0 = process.hrtime.bigint();
    await store.saveRun(run, labels);
    singleS += seconds(t0);
  }
  const t1 = process.hrtime.bigint();
  const series = await store.series({
    scenarioId: 'startup/go-version',
    metric: 'wallNs',
    configuration: 'go1.26.8',
  });
  const read = seconds(t1);
  const t2 = process.hrtime.bigint();
  const listed = await store.listRuns();
  const list = seconds(t2);
  await store.close();
  console.log(
    `inserted ${runs} runs in batches of ${BATCH} in ${insert.toFixed(2)} s (${((insert / runs) * 1e3).toFixed(2)} ms per run; target < 10 s for 10,000); CPU time ${cpuS.toFixed(2)} s; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`,
  );
  console.log(
    `then ${single} runs one transaction each (saveRun, as \`run\` saves): ${((singleS / single) * 1e3).toFixed(2)} ms per run`,
  );
  console.log(`series of ${series.length} points read in ${(read * 1e3).toFixed(0)} ms`);
  console.log(`${listed.length} runs listed in ${(list * 1e3).toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

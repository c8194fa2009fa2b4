// Benchmark: how fast the SQLite store takes runs and gives them back. Inserts 10,000 runs
// (copies of a captured quick run: 2 scenarios × 10 samples × 4 metrics, so 80 samples and 8
// results each) one transaction per run, as `run` saves them, then reads the 10,000-point
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
const dir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-store-'));
const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

console.log(`machine: ${machineLine()}`);
try {
  const store = await openStore(path.join(dir, 'bench.db'), {}, { importRuns: false });
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const run = structuredClone(base);
    run.id = `bench-${i}`;
    run.startedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    await store.saveRun(run, { i: String(i) });
  }
  const insert = seconds(t0);
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
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
    `inserted ${runs} runs in ${insert.toFixed(2)} s (${((insert / runs) * 1e3).toFixed(2)} ms per run; target < 10 s for 10,000); CPU time ${cpuS.toFixed(2)} s; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`,
  );
  console.log(`series of ${series.length} points read in ${(read * 1e3).toFixed(0)} ms`);
  console.log(`${listed.length} runs listed in ${(list * 1e3).toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

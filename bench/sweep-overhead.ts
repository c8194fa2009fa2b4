// `npm run bench:sweep-overhead`: what the harness adds to a sweep of cold builds (issue 10:
// "a sweep costs only what it measures", under 2%). Runs one `gobaseline sweep` as a user
// would (default: build/hello-cold at GOMAXPROCS 1,2 × -p 1,2, no warm-ups) and compares the
// command's own wall time, from spawn to exit, with the sum of the wall times of every measured
// run in its record (failed runs included: they were measured too). The rest is the harness:
// start-up, fingerprint and canary, private caches made and removed, the analysis and output.
//
//   npm run bench:sweep-overhead [-- RUNS [SCENARIO]]     (defaults 5, build/hello-cold)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunRecord } from '../src/record/run-record.js';
import { cli, machineLine } from './support.js';

const runs = Number(process.argv[2] ?? 5);
const scenario = process.argv[3] ?? 'build/hello-cold';
const dir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-overhead-'));

try {
  console.log(`machine: ${machineLine()}; load average ${os.loadavg()[0]?.toFixed(1)}`);
  const file = path.join(dir, 'sweep.json');
  const args = [
    cli,
    'sweep',
    '--scenario',
    scenario,
    '--param',
    'GOMAXPROCS=1,2',
    '--param',
    'p=1,2',
    '--runs',
    String(runs),
    '--warmup',
    '0',
    '--json',
    file,
    '--no-save',
    '--quiet',
  ];
  const start = process.hrtime.bigint();
  const done = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const elapsedNs = Number(process.hrtime.bigint() - start);
  if (done.status !== 0) throw new Error(`sweep exited ${done.status}`);
  const run = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  const samples = run.scenarios.flatMap((s) => s.samples);
  const measuredNs = samples.reduce((sum, s) => sum + (s.metrics.wallNs ?? 0), 0);
  const measuring =
    Date.parse(run.finishedAt) - Date.parse(run.startedAt) > 0
      ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) * 1e6
      : NaN;
  const s = (ns: number): string => `${(ns / 1e9).toFixed(1)} s`;
  console.log(
    `${scenario}, ${run.scenarios.length} configurations × ${runs} runs: ${samples.length} measured runs`,
  );
  console.log(
    `sweep command ${s(elapsedNs)} · measured commands ${s(measuredNs)} · harness ${s(elapsedNs - measuredNs)} ` +
      `= ${((100 * (elapsedNs - measuredNs)) / elapsedNs).toFixed(2)}% of the sweep (bar: under 2%)`,
  );
  console.log(
    `  of which between the run's start and finish stamps: ${s(measuring - measuredNs)}; before and after them: ${s(elapsedNs - measuring)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

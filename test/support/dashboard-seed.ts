// A store seeded for the web dashboard, through the store API: two machines with a daily run
// of the captured quick suite, machine A's `go version` 30% slower from run STEP_AT on (a step
// the change-point detection finds), and machine A's `analyze io` of a real cold net/url build
// (the captured strace trace) and `analyze cache` (the action graph of a primed build, for its
// cache hit ratio). Optionally one long series for the dashboard's speed figure.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { analyzeBuildGraph } from '../../src/analyze/build-graph.js';
import { areaRoots, attributeIo } from '../../src/analyze/io-attribution.js';
import { IO_REPORT_SCHEMA, type IoReport } from '../../src/analyze/io-report.js';
import { parseActionGraph } from '../../src/parse/actiongraph.js';
import { parseStraceTrace } from '../../src/parse/strace.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { machineHash, machineRow } from '../../src/store/run-rows.js';
import type { RunStore, RunToSave } from '../../src/store/store.js';
import { fixturePath } from './paths.js';
import { tinyRun } from './tiny-runs.js';

export const SEED_SCENARIO = 'startup/go-version';
export const SEED_METRIC = 'wallNs';
/** Runs per machine, and the index of machine A's first slower run. */
export const SEED_RUNS = 40;
export const STEP_AT = 25;

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2026, 9, 1, 6);

/** A run of machine `b` differs from the captured machine (a) in its CPU model only. */
function onMachine(run: RunRecord, machine: 'a' | 'b'): RunRecord {
  if (machine === 'b') run.fingerprint.cpu.model = 'Seeded Other CPU @ 3.0GHz';
  return run;
}

/** A small deterministic wobble (±2%) so the series is not flat. */
const wobble = (i: number): number => 1 + 0.02 * Math.sin(i * 1.7);

export interface Seeded {
  machineA: string;
  machineB: string;
  /** Start time of machine A's first slower run. */
  stepStartedAt: string;
}

async function saveInBatches(store: RunStore, runs: RunToSave[]): Promise<void> {
  for (let i = 0; i < runs.length; i += 500) await store.saveRuns(runs.slice(i, i + 500));
}

/** The cold net/url build's file-system calls as `analyze io` stores them. */
function ioReport(): IoReport {
  const trace = gunzipSync(
    readFileSync(fixturePath('strace/cold-net-url-exit-inside-pread64.trace.gz')),
  ).toString('utf8');
  const dir = '/tmp/gobaseline-lg5O2v';
  const roots = areaRoots({
    goroot: ['/usr/local/go'],
    gocache: [`${dir}/gocache`],
    gomodcache: [`${dir}/gomodcache`],
    project: [`${dir}/work`],
    tmpdir: [`${dir}/tmp`],
  });
  const calls = parseStraceTrace(trace).calls;
  return {
    schemaVersion: IO_REPORT_SCHEMA,
    command: 'analyze io',
    go: null,
    target: { packages: ['net/url'], project: null },
    strace: null,
    roots,
    env: {},
    builds: [
      {
        cache: 'cold',
        argv: ['strace', 'go', 'build', '-o', '/dev/null', 'net/url'],
        wallNs: null,
        userNs: null,
        sysNs: null,
        traceLines: 0,
        calls: calls.length,
        joinedCalls: 0,
        neverResumed: 0,
        attribution: attributeIo(calls, roots),
        sameTraceCheck: null,
        independentCheck: null,
      },
    ],
    warnings: [],
  };
}

/** Seeds `store`; with `longSeries`, machine A gets that many runs instead of SEED_RUNS. */
export async function seedDashboard(store: RunStore, longSeries?: number): Promise<Seeded> {
  const runs: RunToSave[] = [];
  const count = { a: longSeries ?? SEED_RUNS, b: SEED_RUNS };
  for (const m of ['a', 'b'] as const) {
    const n = count[m];
    // The long series is hourly (10,000 runs over about 14 months), the short ones daily.
    const step = longSeries ? 3_600_000 : DAY_MS;
    for (let i = 0; i < n; i += 1) {
      const slower = m === 'a' && i >= (longSeries ? Math.floor(n * 0.6) : STEP_AT) ? 1.3 : 1;
      const at = new Date(START_MS + i * step + (m === 'b' ? 3_600_000 : 0)).toISOString();
      const run = tinyRun(`seed-${m}-${i}`, at, {
        samples: 3,
        scaleWall: slower * wobble(i) * (m === 'b' ? 0.8 : 1),
      });
      runs.push({ run: onMachine(run, m), labels: { seeded: 'dashboard' } });
    }
  }
  await saveInBatches(store, runs);
  const first = runs[0]?.run as RunRecord;
  const b = runs[count.a]?.run as RunRecord;
  await store.saveAnalysis({
    topic: 'io',
    createdAt: new Date(START_MS + 40 * DAY_MS).toISOString(),
    toolVersion: '0.1.0',
    machine: machineRow(first.fingerprint),
    headline: {},
    report: ioReport(),
  });
  // The action graph of a real primed build: the part of an `analyze cache` report that the
  // cache hit ratio comes from (report.analysis).
  const graph = parseActionGraph(
    readFileSync(fixturePath('actiongraph-encoding-json-primed-net-url-go1.26.8.json'), 'utf8'),
  );
  const analysis = analyzeBuildGraph(graph);
  await store.saveAnalysis({
    topic: 'cache',
    createdAt: new Date(START_MS + 40 * DAY_MS).toISOString(),
    toolVersion: '0.1.0',
    machine: machineRow(first.fingerprint),
    headline: { hitRate: analysis.cache.hitRate },
    report: { command: 'analyze cache', analysis },
  });
  return {
    machineA: machineHash(first.fingerprint),
    machineB: machineHash(b.fingerprint),
    stepStartedAt: (runs[longSeries ? Math.floor(count.a * 0.6) : STEP_AT]?.run as RunRecord)
      .startedAt,
  };
}

// The store's behaviour, one suite run against SQLite (sqlite-store.test.ts) and against
// PostgreSQL (postgres-store.test.ts): whatever one database does, the other does too.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { ExitCode } from '../../src/errors.js';
import { machineHash, machineRow } from '../../src/store/run-rows.js';
import { importRunFiles, openStore } from '../../src/store/open-store.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { StoreError, type RunStore } from '../../src/store/store.js';
import { fixturePath, repoRoot } from '../support/paths.js';
import { tempDir } from '../support/cli.js';
import { tinyRun } from '../support/tiny-runs.js';

/** What the suite needs from one database kind. */
export interface StoreTarget {
  /** A new, empty database; null when this kind cannot be tested here (the test skips or fails). */
  fresh(t: TestContext): Promise<string | null>;
  /** Marks the database as written by a newer gobaseline (schema version 99). */
  makeNewer(location: string): Promise<void>;
  /** Something that changes when anything in the database changes. */
  snapshot(location: string): Promise<string>;
}

const quiet = { importRuns: false };

export function storeSuite(kind: string, target: StoreTarget): void {
  /** Runs `fn` on a new, empty store, closed afterwards; skips where this kind has none. */
  const withFreshStore = async (
    t: TestContext,
    fn: (store: RunStore) => Promise<void>,
  ): Promise<void> => {
    const db = await target.fresh(t);
    if (!db) return;
    const store = await openStore(db, {}, quiet);
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };

  describe(`${kind} store`, () => {
    it('creates the schema at the current version, and opens again without changes', async (t) => {
      const db = await target.fresh(t);
      if (!db) return;
      const store = await openStore(db, {}, quiet);
      await store.close();
      const before = await target.snapshot(db);
      const again = await openStore(db, {}, quiet);
      assert.deepEqual(await again.listRuns(), []);
      await again.close();
      assert.equal(await target.snapshot(db), before);
      assert.equal(SCHEMA_VERSION, 2);
    });

    it('keeps a run exactly as saved, once, with its labels', async (t) => {
      await withFreshStore(t, async (store) => {
        const run = JSON.parse(fs.readFileSync(fixturePath('runs/startup-a.json'), 'utf8'));
        assert.equal(await store.saveRun(run, { commit: 'abc123', branch: 'main' }), true);
        assert.equal(await store.saveRun(run, { commit: 'other' }), false);
        assert.deepEqual(await store.getRun(run.id), run);
        assert.equal(await store.getRun('no-such-run'), null);
        const listed = await store.listRuns();
        assert.equal(listed.length, 1);
        assert.deepEqual(listed[0], {
          runId: run.id,
          startedAt: run.startedAt,
          status: 'complete',
          suite: run.config.suite,
          machine: machineHash(run.fingerprint),
          labels: { branch: 'main', commit: 'abc123' },
        });
      });
    });

    it('saves a batch of runs in one call: each once, what was stored before kept as it was', async (t) => {
      const db = await target.fresh(t);
      if (!db) return;
      const store = await openStore(db, {}, quiet);
      try {
        const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
        assert.equal(await store.saveRun(tinyRun('b1', at(1)), { first: 'yes' }), true);
        const saved = await store.saveRuns([
          { run: tinyRun('b3', at(3)), labels: { batch: '1' } },
          { run: tinyRun('b1', at(1)), labels: { batch: '1' } },
          { run: tinyRun('b2', at(2)) },
          { run: tinyRun('b3', at(3)), labels: { batch: 'again' } },
        ]);
        assert.deepEqual(saved, [true, false, true, false]);
        assert.deepEqual(await store.saveRuns([]), []);
        const listed = await store.listRuns();
        assert.deepEqual(
          listed.map((r) => [r.runId, r.labels]),
          [
            ['b3', { batch: '1' }],
            ['b2', {}],
            ['b1', { first: 'yes' }],
          ],
        );
        const series = await store.series({ scenarioId: 'startup/go-version', metric: 'wallNs' });
        assert.deepEqual(
          series.map((p) => p.runId),
          ['b1', 'b2', 'b3'],
        );
        assert.deepEqual(await store.getRun('b2'), tinyRun('b2', at(2)));
      } finally {
        await store.close();
      }
    });

    it('lists runs newest first, by machine and up to a limit', async (t) => {
      await withFreshStore(t, async (store) => {
        for (let i = 0; i < 5; i++) {
          await store.saveRun(tinyRun(`r${i}`, `2026-01-0${i + 1}T00:00:00.000Z`), { i: `${i}` });
        }
        const all = await store.listRuns();
        assert.deepEqual(
          all.map((r) => r.runId),
          ['r4', 'r3', 'r2', 'r1', 'r0'],
        );
        assert.deepEqual(all[0]!.labels, { i: '4' });
        assert.deepEqual(
          (await store.listRuns({ limit: 2 })).map((r) => r.runId),
          ['r4', 'r3'],
        );
        assert.equal((await store.listRuns({ machine: all[0]!.machine })).length, 5);
        assert.equal((await store.listRuns({ machine: 'elsewhere' })).length, 0);
      });
    });

    it('gives a series per scenario, metric and configuration, oldest first', async (t) => {
      await withFreshStore(t, async (store) => {
        const configurations = ['default', 'gomaxprocs=1'];
        await store.saveRun(
          tinyRun('b', '2026-01-02T00:00:00.000Z', { configurations, scaleWall: 2 }),
        );
        await store.saveRun(tinyRun('a', '2026-01-01T00:00:00.000Z', { configurations }));
        const key = { scenarioId: 'startup/go-version', metric: 'wallNs' };
        const both = await store.series(key);
        assert.deepEqual(
          both.map((p) => `${p.runId}/${p.configuration}`),
          ['a/default', 'a/gomaxprocs=1', 'b/default', 'b/gomaxprocs=1'],
        );
        const one = await store.series({ ...key, configuration: 'default' });
        assert.equal(one.length, 2);
        const [a, b] = one;
        assert.equal(a!.unit, 'ns');
        assert.equal(a!.n, 3);
        assert.equal(a!.failed, 0);
        assert.equal(a!.toolchainVersion, 'go version go1.26.8 linux/amd64');
        // The medians are the runs' own: the second run's wall times are doubled.
        assert.ok(a!.median! > 0);
        assert.ok(Math.abs(b!.median! / a!.median! - 2) < 1e-9);
        assert.equal(
          (await store.series({ ...key, toolchainVersion: 'go version go1.0 linux/amd64' })).length,
          0,
        );
        // A record from before configurations is named by its toolchain label.
        await store.saveRun(tinyRun('c', '2026-01-03T00:00:00.000Z'));
        const legacy = await store.series({ ...key, configuration: 'go1.26.8' });
        assert.deepEqual(
          legacy.map((p) => p.runId),
          ['c'],
        );
      });
    });

    it('lists machines with their run counts, and every series with its newest point', async (t) => {
      await withFreshStore(t, async (store) => {
        const configurations = ['default', 'gomaxprocs=1'];
        await store.saveRun(
          tinyRun('b', '2026-01-02T00:00:00.000Z', { configurations, scaleWall: 2 }),
        );
        await store.saveRun(tinyRun('a', '2026-01-01T00:00:00.000Z', { configurations }));
        const [machine, ...others] = await store.listMachines();
        assert.equal(others.length, 0);
        assert.equal(machine!.runs, 2);
        assert.equal(machine!.lastRunAt, '2026-01-02T00:00:00.000Z');
        // First seen with the first run saved (b), whatever the start of runs saved later.
        assert.equal(machine!.firstSeen, '2026-01-02T00:00:00.000Z');
        assert.ok(machine!.threads > 0 && machine!.memoryBytes > 0);
        const series = await store.listSeries();
        const wall = series.filter(
          (s) => s.scenarioId === 'startup/go-version' && s.metric === 'wallNs',
        );
        assert.deepEqual(
          wall.map((s) => [s.configuration, s.points, s.lastRunId, s.unit]),
          [
            ['default', 2, 'b', 'ns'],
            ['gomaxprocs=1', 2, 'b', 'ns'],
          ],
        );
        const [b] = await store
          .series({
            scenarioId: 'startup/go-version',
            metric: 'wallNs',
            configuration: 'default',
          })
          .then((p) => p.slice(-1));
        assert.equal(wall[0]!.lastMedian, b!.median);
        assert.equal(wall[0]!.machine, machine!.hash);
        assert.equal(wall[0]!.toolchainVersion, 'go version go1.26.8 linux/amd64');
      });
    });

    it('keeps API token hashes with their scope, each hash once', async (t) => {
      await withFreshStore(t, async (store) => {
        const token = {
          hash: 'ab'.repeat(32),
          scope: 'write' as const,
          name: 'ci',
          createdAt: '2026-01-01T00:00:00.000Z',
        };
        await store.saveToken(token);
        await store.saveToken({ ...token, hash: 'cd'.repeat(32), scope: 'read' });
        assert.equal(await store.tokenScope('ab'.repeat(32)), 'write');
        assert.equal(await store.tokenScope('cd'.repeat(32)), 'read');
        assert.equal(await store.tokenScope('ef'.repeat(32)), null);
        await assert.rejects(store.saveToken(token), StoreError);
      });
    });

    it('queues runs to push until a push succeeds, per server', async (t) => {
      await withFreshStore(t, async (store) => {
        await store.saveRun(tinyRun('a', '2026-01-01T00:00:00.000Z'), { commit: 'abc' });
        await store.saveRun(tinyRun('b', '2026-01-02T00:00:00.000Z'));
        await store.queuePush('a', 'http://one');
        await store.queuePush('b', 'http://one');
        await store.queuePush('a', 'http://two');
        await store.queuePush('a', 'http://one'); // kept as queued
        await store.queuePush('no-such-run', 'http://one'); // nothing to push
        assert.deepEqual(
          (await store.pendingPushes()).map((p) => `${p.runId}>${p.target}`).sort(),
          ['a>http://one', 'a>http://two', 'b>http://one'],
        );
        await store.notePush('a', 'http://one', 'connection refused');
        const [first] = await store.pendingPushes('http://one');
        assert.equal(first!.lastError, 'connection refused');
        assert.deepEqual(first!.labels, { commit: 'abc' });
        await store.notePush('a', 'http://one', null);
        assert.deepEqual(
          (await store.pendingPushes('http://one')).map((p) => p.runId),
          ['b'],
        );
        assert.deepEqual(
          (await store.pendingPushes('http://two')).map((p) => p.runId),
          ['a'],
        );
      });
    });

    it('counts failed samples apart from the summary', async (t) => {
      await withFreshStore(t, async (store) => {
        const run = tinyRun('f', '2026-01-01T00:00:00.000Z', { samples: 3 });
        const s = run.scenarios[0]!;
        s.samples[1] = {
          ...s.samples[1]!,
          ok: false,
          failure: { reason: 'exit 1', stderrTail: 'x' },
        };
        await store.saveRun(run);
        const [p] = await store.series({ scenarioId: s.scenarioId, metric: 'wallNs' });
        assert.equal(p!.n, 2);
        assert.equal(p!.failed, 1);
      });
    });

    it('keeps analyses as JSON with their headline figures', async (t) => {
      await withFreshStore(t, async (store) => {
        const run = tinyRun('m', '2026-01-01T00:00:00.000Z');
        await store.saveRun(run);
        const report = { critical: ['runtime', 'net/http'], wallNs: 2.5e9, nested: { ok: true } };
        const id = await store.saveAnalysis({
          topic: 'build',
          createdAt: '2026-01-02T00:00:00.000Z',
          toolVersion: '0.1.0',
          machine: machineRow(run.fingerprint),
          headline: { wallNs: 2.5e9, packages: 42 },
          report,
          labels: { ci: 'job-7' },
        });
        await store.saveAnalysis({
          topic: 'cache',
          createdAt: '2026-01-03T00:00:00.000Z',
          toolVersion: '0.1.0',
          headline: { hitRate: 0.5 },
          report: [1, 2],
        });
        const builds = await store.listAnalyses('build');
        assert.deepEqual(builds, [
          {
            id,
            topic: 'build',
            createdAt: '2026-01-02T00:00:00.000Z',
            toolVersion: '0.1.0',
            machine: machineHash(run.fingerprint),
            headline: { wallNs: 2.5e9, packages: 42 },
            report,
            labels: { ci: 'job-7' },
          },
        ]);
        // A machine with no run stored yet is kept with the analysis all the same.
        const other = tinyRun('n', '2026-01-01T00:00:00.000Z');
        other.fingerprint.cpu.model = 'another CPU';
        await store.saveAnalysis({
          topic: 'goroot',
          createdAt: '2026-01-04T00:00:00.000Z',
          toolVersion: '0.1.0',
          machine: machineRow(other.fingerprint),
          headline: {},
          report: {},
        });
        assert.notEqual(machineHash(other.fingerprint), machineHash(run.fingerprint));
        assert.deepEqual(
          (await store.listAnalyses()).map((a) => [a.topic, a.machine]),
          [
            ['goroot', machineHash(other.fingerprint)],
            ['cache', null],
            ['build', machineHash(run.fingerprint)],
          ],
        );
      });
    });

    it('imports the saved run files once, keeping them and skipping what is not a run', async (t) => {
      const db = await target.fresh(t);
      if (!db) return;
      const data = tempDir('gbtest-store-data-');
      const runs = path.join(data, 'gobaseline', 'runs');
      fs.mkdirSync(runs, { recursive: true });
      fs.copyFileSync(fixturePath('runs/startup-a.json'), path.join(runs, 'a.json'));
      fs.copyFileSync(fixturePath('runs/startup-b.json'), path.join(runs, 'b.json'));
      fs.writeFileSync(path.join(runs, 'junk.json'), '{"not": "a run"}');
      const env = { XDG_DATA_HOME: data };
      const seen: unknown[] = [];
      const store = await openStore(db, env, { importRuns: true, onImport: (r) => seen.push(r) });
      try {
        assert.equal(seen.length, 1);
        const [result] = seen as { imported: number; skipped: { file: string }[] }[];
        assert.equal(result!.imported, 2);
        assert.deepEqual(
          result!.skipped.map((s) => path.basename(s.file)),
          ['junk.json'],
        );
        assert.equal((await store.listRuns()).length, 2);
        // Once: a new file appearing later is not imported by opening again.
        fs.copyFileSync(fixturePath('runs/startup-a.json'), path.join(runs, 'c.json'));
        assert.equal(await importRunFiles(store, runs), null);
      } finally {
        await store.close();
      }
      const again = await openStore(db, env, { importRuns: true, onImport: (r) => seen.push(r) });
      await again.close();
      assert.equal(seen.length, 1);
      assert.deepEqual(fs.readdirSync(runs).sort(), ['a.json', 'b.json', 'c.json', 'junk.json']);
    });

    it('refuses a database from a newer gobaseline with one line, exit 3, unchanged', async (t) => {
      const db = await target.fresh(t);
      if (!db) return;
      const store = await openStore(db, {}, quiet);
      await store.saveRun(tinyRun('x', '2026-01-01T00:00:00.000Z'));
      await store.close();
      await target.makeNewer(db);
      const before = await target.snapshot(db);
      await assert.rejects(openStore(db, {}, quiet), (err: unknown) => {
        assert.ok(err instanceof StoreError);
        assert.equal(err.exitCode, ExitCode.environment);
        assert.match(
          err.message,
          new RegExp(`schema version 99, newer than this gobaseline's ${SCHEMA_VERSION}`),
        );
        assert.doesNotMatch(err.message, /\n/);
        return true;
      });
      assert.equal(await target.snapshot(db), before);
    });

    it('stores every run exactly once when 8 processes save 200 runs each at once, half of them in batches that also hold the runs of another', async (t) => {
      const db = await target.fresh(t);
      if (!db) return;
      const writer = path.join(repoRoot, 'dist', 'test', 'support', 'store-writer.js');
      const codes = await Promise.all(
        Array.from(
          { length: 8 },
          (_, w) =>
            new Promise<{ code: number | null; stderr: string }>((resolve) => {
              // w4..w7 save in transactions of 25 runs (saveRuns) that also hold the runs
              // w0..w3 save one by one at the same time: each must still be stored once.
              const args = w < 4 ? [] : ['25', `w${w - 4}`];
              const child = spawn(process.execPath, [writer, db, `w${w}`, '200', ...args], {
                stdio: ['ignore', 'ignore', 'pipe'],
              });
              let stderr = '';
              child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
              child.on('close', (code) => resolve({ code, stderr }));
            }),
        ),
      );
      assert.deepEqual(codes, Array(8).fill({ code: 0, stderr: '' }));
      const store = await openStore(db, {}, quiet);
      try {
        const runs = await store.listRuns();
        assert.equal(runs.length, 1600);
        const ids = new Set(runs.map((r) => r.runId));
        assert.equal(ids.size, 1600);
        for (let w = 0; w < 8; w++) {
          for (let i = 0; i < 200; i++) assert.ok(ids.has(`w${w}-${i}`), `w${w}-${i} missing`);
        }
        const series = await store.series({ scenarioId: 'startup/go-version', metric: 'wallNs' });
        assert.equal(series.length, 1600);
      } finally {
        await store.close();
      }
    });
  });
}

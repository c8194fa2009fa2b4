// `run` and `analyze` save to the run store by default (--db, --label, --no-save); a database
// that cannot be used stops them before anything is measured, with one line and exit 3.
import assert from 'node:assert/strict';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { defaultDbPath, openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli, tempDir } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';
import { storedRunCount } from '../support/stored-runs.js';

const quickRun = [
  'run',
  '--scenario',
  'startup/go-version',
  '--runs',
  '2',
  '--warmup',
  '0',
  '--quiet',
];

describe('run and analyze save to the run store', () => {
  it('run saves the run with its labels in the default database, and still as a file', async () => {
    const env = cliEnv();
    const r = await runCli([...quickRun, '--label', 'commit=abc123', '--label', 'job=ci 7'], env);
    assert.equal(r.code, 0, r.stderr);
    const db = defaultDbPath(env);
    assert.match(r.stderr, new RegExp(`saved in ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const store = await openStore(db, env, { importRuns: false });
    try {
      const [run, ...more] = await store.listRuns();
      assert.equal(more.length, 0);
      assert.deepEqual(run!.labels, { commit: 'abc123', job: 'ci 7' });
      const file = path.join(env.XDG_DATA_HOME!, 'gobaseline', 'runs', `${run!.runId}.json`);
      assert.deepEqual(await store.getRun(run!.runId), JSON.parse(readFileSync(file, 'utf8')));
    } finally {
      await store.close();
    }
  });

  it('--no-save saves nothing; --db FILE saves there, without the saved run files; the default store imports them', async () => {
    const env = cliEnv();
    const none = await runCli([...quickRun, '--no-save'], env);
    assert.equal(none.code, 0, none.stderr);
    assert.equal(existsSync(defaultDbPath(env)), false);

    const runs = path.join(env.XDG_DATA_HOME!, 'gobaseline', 'runs');
    mkdirSync(runs, { recursive: true });
    copyFileSync(fixturePath('runs/startup-a.json'), path.join(runs, 'old.json'));
    const db = path.join(tempDir(), 'mine.db');
    const r = await runCli([...quickRun, '--db', db], env);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /imported/);
    const count = (spec: string): Promise<number> =>
      storedRunCount(spec, env, { importRuns: false });
    assert.equal(await count(db), 1); // only its own run
    const byDefault = await runCli(quickRun, env);
    assert.equal(byDefault.code, 0, byDefault.stderr);
    assert.match(
      byDefault.stderr,
      /imported 2 saved run files into the run store \(the files are kept\)/,
    );
    // The default store's first open imports the old file and the --db run's file (runs are
    // saved in the data directory too), then keeps the new run.
    assert.equal(await count(defaultDbPath(env)), 3);
    assert.ok(readdirSync(runs).includes('old.json'));
  });

  it('analyze saves its report with headline figures', async () => {
    const env = cliEnv();
    const graph = fixturePath('actiongraph-hello-link-go1.26.8.json');
    const r = await runCli(['analyze', 'build', '--graph', graph, '--label', 'ci=1'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /saved analysis 1 in /);
    const store = await openStore(undefined, env, { importRuns: false });
    try {
      const [a] = await store.listAnalyses('build');
      assert.equal((a!.report as { command: string }).command, 'analyze build');
      assert.deepEqual(a!.labels, { ci: '1' });
      assert.equal(a!.machine, null, 'a graph read from a file was not measured here');
      assert.ok(Object.keys(a!.headline).length > 0);
    } finally {
      await store.close();
    }
  });
});

/** Runs `run` with --db and checks the one-line refusal (exit 3) before anything is measured. */
async function refusedRun(db: string, pattern: RegExp): Promise<void> {
  const r = await runCli([...quickRun, '--db', db]);
  assert.equal(r.code, 3, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, pattern);
  assert.equal(r.stdout, ''); // nothing measured, no table
}

describe('run --db: a database that cannot be used', () => {
  it('a file that is not a SQLite database: one line, exit 3, the file unchanged', async () => {
    const file = path.join(tempDir(), 'notes.txt');
    writeFileSync(file, 'my notes\n'.repeat(100));
    await refusedRun(
      file,
      /^gobaseline: cannot use database .*notes\.txt: it is not a SQLite database/,
    );
    assert.equal(readFileSync(file, 'utf8'), 'my notes\n'.repeat(100));
  });

  it('a read-only database file: one line, exit 3, unchanged', async () => {
    const file = path.join(tempDir(), 'ro.db');
    await (await openStore(file, {}, { importRuns: false })).close();
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    await refusedRun(file, /^gobaseline: cannot use database .*ro\.db: the file is read-only$/);
    assert.deepEqual(readFileSync(file), before);
  });

  it('a database from a newer gobaseline: one line, exit 3, unchanged', async () => {
    const file = path.join(tempDir(), 'newer.db');
    await (await openStore(file, {}, { importRuns: false })).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (5, 'later')").run();
    db.close();
    const before = readFileSync(file);
    await refusedRun(
      file,
      /^gobaseline: database .*newer\.db has schema version 5, newer than this gobaseline's 2/,
    );
    assert.deepEqual(readFileSync(file), before);
  });

  it('an unreachable PostgreSQL server: one line, exit 3', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as net.AddressInfo;
        s.close(() => resolve(p));
      });
    });
    await refusedRun(
      `postgres://gb:pw@127.0.0.1:${port}/runs`,
      /^gobaseline: cannot reach PostgreSQL at postgres:\/\/gb:\*\*\*@127\.0\.0\.1:\d+\/runs: /,
    );
  });
});

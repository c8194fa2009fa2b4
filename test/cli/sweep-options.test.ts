// The options sweep shares with run: --auto and its budgets, and the run store (--db, --label,
// --no-save), declared once (measure-session.ts addAutoOptions, store-options.ts).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli, tempDir } from '../support/cli.js';

const SWEEP = ['sweep', '--scenario', 'startup/go-version', '--param', 'GOGC=100'];

test('run and sweep --help list the same --auto options and store options', async () => {
  const help = async (cmd: string): Promise<string[]> => {
    const r = await runCli([cmd, '--help']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout
      .split('\n')
      .map(
        (l) =>
          /^\s+(--auto|--target-ci|--max-time|--max-runs|--db|--label|--no-save)\b/.exec(l)?.[1],
      )
      .filter((x): x is string => x !== undefined);
  };
  const want = [
    '--auto',
    '--target-ci',
    '--max-time',
    '--max-runs',
    '--db',
    '--label',
    '--no-save',
  ];
  assert.deepEqual(await help('run'), want);
  assert.deepEqual(await help('sweep'), want);
});

test('sweep: a budget without --auto is bad usage (exit 2), before anything is measured', async () => {
  const r = await runCli([...SWEEP, '--max-runs', '5', '--no-save']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, 'gobaseline: --target-ci, --max-time and --max-runs go with --auto\n');
});

test('sweep saves its run in the run store with its labels (--db, --label)', async () => {
  const env = cliEnv();
  const db = path.join(tempDir(), 'sweeps.db');
  const r = await runCli(
    [...SWEEP, '--runs', '2', '--warmup', '0', '-q', '--db', db, '--label', 'job=sweep'],
    env,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /saved in .*sweeps\.db/);
  const store = await openStore(db, env, { importRuns: false });
  try {
    const [run, ...more] = await store.listRuns();
    assert.equal(more.length, 0);
    assert.deepEqual(run!.labels, { job: 'sweep' });
    const saved = await store.getRun(run!.runId);
    assert.deepEqual(
      saved?.config.configurations?.map((c) => c.name),
      ['default', 'gogc=100'],
    );
  } finally {
    await store.close();
  }
});

test('sweep: a database that cannot be used is one line, exit 3, nothing measured', async () => {
  const file = path.join(tempDir(), 'notes.txt');
  writeFileSync(file, 'my notes\n');
  const r = await runCli([...SWEEP, '--runs', '2', '--db', file]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(
    r.stderr,
    /^gobaseline: cannot use database .*notes\.txt: it is not a SQLite database[^\n]*\n$/,
  );
  assert.equal(r.stdout, '');
  assert.equal(readFileSync(file, 'utf8'), 'my notes\n');
});

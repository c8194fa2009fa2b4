// `check` and `history` against a real SQLite store seeded with copies of a captured real run
// (test/support/tiny-runs.ts) whose wall times are scaled: no go is run here.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunRecord } from '../../src/record/run-record.js';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli, tempDir } from '../support/cli.js';
import { tinyRun } from '../support/tiny-runs.js';

const HISTORY = [1.0, 1.01, 0.99, 1.02, 0.995];

function day(i: number): string {
  return new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString();
}

async function seed(runs: RunRecord[]): Promise<string> {
  const db = path.join(tempDir('gbtest-check-'), 'store.db');
  const store = await openStore(db, process.env, { importRuns: false });
  for (const run of runs) await store.saveRun(run);
  await store.close();
  return db;
}

const history = (scales: number[]): RunRecord[] =>
  scales.map((s, i) => tinyRun(`h${i}`, day(i), { samples: 10, scaleWall: s }));

function runFile(run: RunRecord): string {
  const file = path.join(tempDir('gbtest-check-run-'), 'run.json');
  writeFileSync(file, JSON.stringify(run));
  return file;
}

describe('check', () => {
  it('passes a new run like the earlier ones (exit 0) and fails a 15% slower one (exit 1)', async () => {
    const db = await seed([
      ...history(HISTORY),
      tinyRun('new', day(10), { samples: 10, scaleWall: 1.005 }),
    ]);
    const ok = await runCli(['check', '--db', db]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /check of run new/);
    assert.match(
      ok.stdout,
      /^ok +startup\/go-version wallNs( \[[^\]]+\])?: .* vs baseline .*5 runs/m,
    );
    assert.match(ok.stdout, /no regression: check passed/);

    const slow = runFile(tinyRun('slow', day(11), { samples: 10, scaleWall: 1.15 }));
    const bad = await runCli(['check', '--db', db, '--run', slow]);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(
      bad.stdout,
      /^REGRESSION startup\/go-version wallNs( \[[^\]]+\])?: .*\(\+1[45]\.\d%; run-to-run band/m,
    );
    assert.match(bad.stdout, /regressions?: check failed/);

    const gh = await runCli(['check', '--db', db, '--run', slow, '--format', 'github']);
    assert.equal(gh.code, 1);
    assert.match(
      gh.stdout,
      /^::error title=gobaseline check::startup\/go-version wallNs( \[[^\]]+\])?: .*%25/m,
    );
  });

  it('judges runs by their fastest sample by default: a burst of interference that slows most samples of a run fails the median (--figure median), not the minimum', async () => {
    const db = await seed(history(HISTORY));
    const burst = tinyRun('burst', day(10), { samples: 10 });
    for (const s of burst.scenarios) {
      const sorted = s.samples.map((x) => x.metrics.wallNs ?? 0).sort((a, b) => a - b);
      const fastest = sorted[2] as number;
      // All but the three fastest samples 40% slower: the median moves, the minimum does not.
      for (const x of s.samples) {
        if ((x.metrics.wallNs ?? 0) > fastest) x.metrics.wallNs = (x.metrics.wallNs ?? 0) * 1.4;
      }
    }
    const file = runFile(burst);
    const byMin = await runCli(['check', '--db', db, '--run', file]);
    assert.equal(byMin.code, 0, byMin.stdout);
    assert.match(byMin.stdout, /runs judged by their minimums/);
    assert.match(byMin.stdout, /^ok +startup\/go-version wallNs/m);
    const byMedian = await runCli(['check', '--db', db, '--run', file, '--figure', 'median']);
    assert.equal(byMedian.code, 1, byMedian.stdout);
    assert.match(byMedian.stdout, /runs judged by their medians/);
    const bad = await runCli(['check', '--db', db, '--run', file, '--figure', 'mean']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--figure/);
  });

  it('judges with the canary: a slowdown the machine shares is the machine (exit 0), one on a steady or faster machine is Go (exit 1)', async () => {
    const canaryDrift = [1.0, 1.005, 0.995, 1.01, 1.0];
    const earlier = HISTORY.map((s, i) =>
      tinyRun(`h${i}`, day(i), { samples: 10, scaleWall: s, scaleCanary: canaryDrift[i] }),
    );
    const db = await seed(earlier);
    const judge = async (id: string, scaleWall: number, scaleCanary: number) => {
      const file = runFile(tinyRun(id, day(10), { samples: 10, scaleWall, scaleCanary }));
      return runCli(['check', '--db', db, '--run', file]);
    };

    // Raw +15%, but the canary slowed as much: the machine moved, not Go.
    const machine = await judge('loaded', 1.15, 1.15);
    assert.equal(machine.code, 0, machine.stderr);
    assert.match(
      machine.stdout,
      /^machine +startup\/go-version wallNs( \[[^\]]+\])?: .*\(\+1[45]\.\d%; run-to-run band .*; relative to the canary [-+]0\.\d% .*; the MACHINE was slower: canary \+1[45]\.\d% .*the machine slowed, not Go$/m,
    );
    assert.match(
      machine.stdout,
      /no regression of Go \(the machine slowed, by the canary\): check passed/,
    );

    // Raw +15% on a steady machine: Go's regression.
    const go = await judge('slow-go', 1.15, 1.0);
    assert.equal(go.code, 1, go.stderr);
    assert.match(
      go.stdout,
      /^REGRESSION .*relative to the canary \+1[45]\.\d%.*the machine held steady/m,
    );

    // Raw unchanged, but the machine was 15% faster: slower relative to it, Go's regression.
    const hidden = await judge('fast-machine', 1.0, 0.85);
    assert.equal(hidden.code, 1, hidden.stderr);
    assert.match(
      hidden.stdout,
      /^REGRESSION .*the MACHINE was faster: canary -1[45]\.\d%.*: slower relative to the canary .*: the machine was faster, Go was not$/m,
    );

    // A run made with --no-canary is judged raw only.
    const raw = await runCli([
      'check',
      '--db',
      db,
      '--run',
      runFile(tinyRun('plain', day(10), { samples: 10, scaleWall: 1.15 })),
    ]);
    assert.equal(raw.code, 1);
    assert.doesNotMatch(raw.stdout, /canary/);
  });

  it('with fewer than 5 earlier runs says the baseline is too short: exit 0, or 1 with --strict', async () => {
    const db = await seed([
      ...history([1, 1.01, 0.99]),
      tinyRun('new', day(10), { samples: 10, scaleWall: 1.3 }),
    ]);
    const short = await runCli(['check', '--db', db]);
    assert.equal(short.code, 0);
    assert.match(short.stdout, /baseline too short/);
    const strict = await runCli(['check', '--db', db, '--strict', '--format', 'github']);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /^::error title=gobaseline check::.*baseline too short/m);
  });

  it('bad input: one line and exit 2 (missing run file, empty store) or 3 (not a database)', async () => {
    const empty = await seed([]);
    const none = await runCli(['check', '--db', empty]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^gobaseline: nothing to check: no run stored in .*\n$/);
    const missing = await runCli(['check', '--db', empty, '--run', '/nonexistent/run.json']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.split('\n').length, 2);
    const notDb = path.join(tempDir('gbtest-check-'), 'text.db');
    writeFileSync(
      notDb,
      'not a database at all, just some text that is long enough to be a header',
    );
    const broken = await runCli(['check', '--db', notDb]);
    assert.equal(broken.code, 3);
    assert.equal(broken.stderr.split('\n').length, 2);
  });
});

describe('history', () => {
  it('lists runs newest first, and shows a series with its sparkline, change point and cause', async () => {
    const runs: RunRecord[] = [];
    for (let i = 0; i < 30; i++) {
      const run = tinyRun(`r${String(i).padStart(2, '0')}`, day(i), {
        samples: 10,
        scaleWall: (i >= 15 ? 1.25 : 1) * (1 + 0.01 * Math.sin(i)),
      });
      if (i >= 15) run.fingerprint.go.env.GOFLAGS = '-race';
      runs.push(run);
    }
    const db = await seed(runs);
    const env = cliEnv({ COLUMNS: '100' });
    const list = await runCli(['history', '--db', db], env);
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trim().split('\n');
    assert.match(lines[0] ?? '', /^run +started +machine +suite/);
    assert.match(lines[1] ?? '', /^r29 /);
    assert.equal(lines.length, 31);

    const series = await runCli(
      ['history', '--db', db, '--scenario', 'startup/go-version', '--metric', 'wall'],
      env,
    );
    assert.equal(series.code, 0, series.stderr);
    assert.match(series.stdout, /: 30 runs\n[▁▂▃▄▅▆▇█]{30}\n {15}\^\n/);
    assert.match(series.stdout, /^16 +r15 .*▲ \+2\d\.\d% regression$/m);
    assert.match(series.stdout, /change at #16 \(run r15\): \+2\d\.\d% regression/);
    assert.match(
      series.stdout,
      /^ {2}go\.env\.GOFLAGS: \(empty\) → -race \(changed at the change point\)$/m,
    );

    const json = await runCli(
      ['history', '--db', db, '--scenario', 'startup/go-version', '--metric', 'wall', '--json'],
      env,
    );
    const parsed = JSON.parse(json.stdout) as {
      groups: { points: unknown[]; changePoints: { index: number }[] }[];
    };
    assert.equal(parsed.groups[0]?.points.length, 30);
    assert.equal(parsed.groups[0]?.changePoints[0]?.index, 15);
  });

  it('a series nobody stored is bad input (exit 2)', async () => {
    const db = await seed(history([1]));
    const r = await runCli(['history', '--db', db, '--scenario', 'nope/none', '--metric', 'wall']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^gobaseline: no stored run has nope\/none wallNs/);
  });
});

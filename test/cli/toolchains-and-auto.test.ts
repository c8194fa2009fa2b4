// Toolchain A/B with two real toolchains (this machine's go and go1.27.3, fetched through
// GOTOOLCHAIN into gobaseline's private module cache) and adaptive sampling. Offline, without
// go1.27.3 fetched before, the two-toolchain tests skip with go's reason; under CI they fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../../src/measure/helper.js';
import { toolchainModCache } from '../../src/measure/toolchains.js';
import { findGoOnPath } from '../../src/probe/index.js';
import { requireToolchain } from '../support/ci.js';
import { cliEnv, readRun, runCli, tempDir, unwrap } from '../support/cli.js';
import { measuredRun } from '../support/measured-run.js';

test('--toolchain go1.27.3,local measures both, interleaved run by run', async (t) => {
  if (!(await requireToolchain(t, 'go1.27.3'))) return;
  const json = path.join(tempDir(), 'ab.json');
  // A HOME of its own (the toolchain cache stays the real one, so nothing is downloaded
  // again): fetching must not write the user's GOPATH (~/go/pkg/sumdb).
  const home = tempDir('gbtest-home-');
  const r = await runCli(
    [
      'run',
      '--scenario',
      'startup/go-version',
      '--toolchain',
      'go1.27.3,local',
      '--runs',
      '4',
      '--warmup',
      '1',
      '--json',
      json,
      '--no-save',
    ],
    cliEnv({ HOME: home, GOPATH: undefined, XDG_CACHE_HOME: path.dirname(cacheDir()) }),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fs.readdirSync(home), [], "nothing written to the user's GOPATH or HOME");
  // Unpacked, the toolchain does not need its 76 MB download any more.
  const versions = path.join(
    toolchainModCache(process.env),
    ...['cache', 'download', 'golang.org', 'toolchain', '@v'],
  );
  assert.deepEqual(
    fs.readdirSync(versions).filter((f) => /go1\.27\.3.*\.zip$/.test(f)),
    [],
  );
  const run = readRun(json);
  assert.deepEqual(
    run.config.toolchains.map((t) => t.requested),
    ['go1.27.3', 'local'],
  );
  assert.equal(run.config.toolchains[0]?.label, 'go1.27.3');
  assert.match(run.config.toolchains[0]?.goPath ?? '', /toolchain@v0\.0\.1-go1\.27\.3/);
  const [a, b] = run.scenarios;
  assert.equal(a?.toolchain, 'go1.27.3');
  assert.equal(b?.toolchain, run.config.toolchains[1]?.label);
  assert.equal(a?.samples.length, 4);
  assert.equal(b?.samples.length, 4);
  // ABBA: rounds alternate which toolchain goes first (warm-up round: seq 0 and 1).
  assert.deepEqual(
    a?.samples.map((s) => s.seq),
    [3, 4, 7, 8],
  );
  assert.deepEqual(
    b?.samples.map((s) => s.seq),
    [2, 5, 6, 9],
  );
  assert.match(r.stdout, /startup\/go-version @go1\.27\.3/);
  // The benchstat-style comparison of the two, base first.
  assert.match(r.stdout, /toolchains compared, run by run \(base: go1\.27\.3/);
  // Fitted to 80 columns: the metric is a heading row above its scenarios.
  assert.match(r.stdout, /│ wall +│\n│ startup\/go-version │ .* │ +(~|[+-][\d.]+%) │/);
  assert.match(r.stdout, /│ startup\/go-version │ +< 40\.0 ms [¹²³] │ +< 40\.0 ms [¹²³] │ +│/);
});

test("an exported GOROOT is the local go's: the other toolchain builds with its own", async (t) => {
  if (!(await requireToolchain(t, 'go1.27.3'))) return;
  const goroot = path.dirname(
    path.dirname(fs.realpathSync(findGoOnPath(process.env.PATH) ?? 'go')),
  );
  const { run } = await measuredRun(
    ['--scenario', 'build/hello-link', '--toolchain', 'local,go1.27.3'],
    { runs: 1, env: cliEnv({ GOROOT: goroot }) },
  );
  assert.deepEqual(
    run.scenarios.map((s) => [s.toolchain, s.setupFailure?.stderrTail ?? null, s.samples[0]?.ok]),
    [
      [run.config.toolchains[0]?.label, null, true],
      ['go1.27.3', null, true],
    ],
  );
});

test('a toolchain that cannot be obtained: exit 3; a malformed name: exit 2', async () => {
  const missing = await runCli([
    'run',
    '--scenario',
    'startup/go-version',
    '--toolchain',
    'go1.99.1',
  ]);
  assert.equal(missing.code, 3, missing.stderr);
  assert.match(missing.stderr, /^gobaseline: cannot obtain toolchain go1\.99\.1: /);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  const bad = await runCli(['run', '--toolchain', 'banana']);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /--toolchain takes Go versions such as go1\.27\.3, or local; got "banana"/,
  );
});

test('--auto stops when the CI is narrow enough, or says which budget ended', async () => {
  const dir = tempDir();
  const env = cliEnv();
  const reached = await runCli(
    [
      'run',
      '--scenario',
      'startup/go-version',
      '--auto',
      '--target-ci',
      '50%',
      '--json',
      path.join(dir, 'a.json'),
      '--no-save',
    ],
    env,
  );
  assert.equal(reached.code, 0, reached.stderr);
  const a = readRun(path.join(dir, 'a.json')).scenarios[0];
  assert.equal(a?.auto?.stop, 'ci-target');
  // It starts from the fewest runs that bound a CI (6); a noisy machine may need a few more.
  assert.ok((a?.samples.length ?? 0) >= 6);
  assert.ok((a?.auto?.ciHalfWidth ?? 1) <= 0.5);
  assert.match(
    unwrap(reached.stdout),
    /--auto: target reached \(CI ±[\d.]+%, target ±50.0%, after \d+ runs\)/,
  );

  const runs = await runCli(
    [
      'run',
      '--scenario',
      'startup/go-version',
      '--auto',
      '--target-ci',
      '0.01%',
      '--max-runs',
      '8',
      '--json',
      path.join(dir, 'b.json'),
      '--no-save',
    ],
    env,
  );
  assert.equal(runs.code, 0, runs.stderr);
  const b = readRun(path.join(dir, 'b.json')).scenarios[0];
  assert.equal(b?.auto?.stop, 'run-budget');
  assert.equal(b?.samples.length, 8);

  const time = await runCli(
    [
      'run',
      '--scenario',
      'startup/go-version',
      '--auto',
      '--target-ci',
      '0.01%',
      '--max-time',
      '1s',
      '--max-runs',
      '100000',
      '--json',
      path.join(dir, 'c.json'),
      '--no-save',
    ],
    env,
  );
  assert.equal(time.code, 0, time.stderr);
  const c = readRun(path.join(dir, 'c.json')).scenarios[0];
  assert.equal(c?.auto?.stop, 'time-budget');
  assert.ok((c?.samples.length ?? 0) >= 6);
  assert.match(unwrap(time.stdout), /--auto: time budget ended before the target/);

  const misuse = await runCli(['run', '--target-ci', '2%'], env);
  assert.equal(misuse.code, 2, misuse.stderr);
  assert.match(misuse.stderr, /--target-ci, --max-time and --max-runs go with --auto/);
});

// `gobaseline run` against the real Go toolchain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../../src/record/run-record.js';
import {
  cliEnv,
  interruptSampling,
  interruptWhen,
  readRun,
  runCli,
  sharedWarmCache,
  unwrap,
  tempDir,
} from '../support/cli.js';
import { measuredRun } from '../support/measured-run.js';
import { privateCache } from '../support/private-cache.js';
import { treeDigest } from '../support/tree-digest.js';

test('run measures go version: table on stdout, a versioned JSON record with every sample', async () => {
  const dir = tempDir();
  const json = path.join(dir, 'run.json');
  const env = cliEnv();
  const r = await runCli(
    ['run', '--scenario', 'startup/go-version', '--runs', '5', '--warmup', '1', '--json', json],
    env,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /startup\/go-version/);
  assert.match(r.stdout, /95% CI/);
  assert.match(r.stdout, /startup\.go-version\.wall \(ms\)/); // the reference comparison
  const run = readRun(json);
  assert.equal(run.schema, 'gobaseline/run');
  assert.equal(run.schemaVersion, 2);
  assert.equal(run.status, 'complete');
  assert.match(run.fingerprint.go.version, /^go version go1\.\d+/);
  assert.equal(run.config.env.CGO_ENABLED, '0');
  assert.equal(run.config.env.GOTOOLCHAIN, 'local');
  assert.equal(run.config.env.GOFLAGS, '');
  assert.equal(run.config.env.GOMAXPROCS, undefined);
  assert.equal(run.config.measuredBy, 'rusage-exec');
  // Where the user's GOROOT lives: resolved path, filesystem, mount.
  const goroot = run.fingerprint.storage?.find((p) => p.name === 'GOROOT');
  assert.equal(goroot?.exists, true);
  assert.ok(goroot?.fsType && goroot.mountPoint);
  assert.match(r.stdout, /^storage: .*GOROOT /m);
  const [scenario] = run.scenarios;
  assert.equal(scenario?.samples.length, 5);
  for (const s of scenario?.samples ?? []) {
    assert.equal(s.ok, true);
    assert.ok((s.metrics.wallNs ?? 0) > 0);
    assert.ok((s.metrics.peakRssBytes ?? 0) > 1024 * 1024);
  }
  // The drift canaries, measured with the run: median, CI and n of each kept canary.
  assert.deepEqual(
    run.canary?.canaries.map((c) => c.name),
    ['go-start', 'cpu'],
  );
  for (const c of run.canary?.canaries ?? []) {
    assert.equal(c.n, c.samples.length);
    assert.ok(c.n >= 10 && c.median > 0);
    assert.ok(c.ciLow !== null && c.ciHigh !== null && c.ciLow <= c.median && c.median <= c.ciHigh);
  }
  // Also saved under the data directory.
  const saved = readdirSync(path.join(env.XDG_DATA_HOME ?? '', 'gobaseline', 'runs'));
  assert.equal(saved.length, 1);
  assert.match(r.stderr, /saved .*\.json/);
});

test('--json - writes the record to stdout instead of the table', async () => {
  const r = await runCli([
    'run',
    '--scenario',
    'startup/go-env',
    '--runs',
    '2',
    '--warmup',
    '0',
    '--json',
    '-',
    '--no-save',
    '--no-canary',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const run = JSON.parse(r.stdout) as RunRecord;
  assert.equal(run.scenarios[0]?.scenarioId, 'startup/go-env');
  assert.equal(run.canary, undefined); // --no-canary
});

test("a cold build leaves the user's default GOCACHE, GOMODCACHE and TMPDIR as they were", async () => {
  // The user's GOCACHE is the default one under $HOME, found through no variable at all.
  const home = tempDir('gbtest-home-');
  const userCache = path.join(home, '.cache', 'go-build');
  const userModCache = path.join(home, 'go', 'pkg', 'mod');
  const userTmp = path.join(home, 'tmp');
  for (const d of [userCache, userModCache, userTmp, path.join(home, '.config', 'go')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(path.join(userCache, 'README'), 'This directory holds cached build artifacts.\n');
  mkdirSync(path.join(userCache, '00'));
  writeFileSync(path.join(userCache, '00', '00aa-d'), 'cached bytes');
  writeFileSync(path.join(userModCache, 'marker'), 'module cache');
  writeFileSync(path.join(home, '.config', 'go', 'env'), 'GOFLAGS=-buildvcs=false\n');
  // gobaseline's own cache dir there holds copies of its programs: none is built cold.
  await privateCache(path.join(home, '.cache'));
  const before = [treeDigest(userCache), treeDigest(userModCache)];
  const json = path.join(home, 'run.json');
  const r = await runCli(
    ['run', '--scenario', 'build/net-http-pkg', '--runs', '1', '--json', json, '--no-save'],
    cliEnv({
      HOME: home,
      TMPDIR: userTmp,
      GOCACHE: undefined,
      GOMODCACHE: undefined,
      GOPATH: undefined,
      GOENV: undefined,
      XDG_CACHE_HOME: undefined,
      XDG_CONFIG_HOME: undefined,
    }),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual([treeDigest(userCache), treeDigest(userModCache)], before);
  assert.deepEqual(readdirSync(userTmp), [], 'private directories are removed');
  const run = readRun(json);
  // The go env file's GOFLAGS would override the empty GOFLAGS: it is recorded, not read.
  assert.deepEqual(run.config.goEnvFile?.settings, { GOFLAGS: '-buildvcs=false' });
  assert.equal(run.config.env.GOENV, 'off');
  assert.match(unwrap(r.stdout), /your go env file .* sets GOFLAGS=-buildvcs=false/);
  const sample = run.scenarios[0]?.samples[0];
  assert.equal(sample?.ok, true);
  // The net/http compile action alone is a fraction of the cold full build.
  const pkg = sample?.metrics.pkgCompileNs ?? 0;
  assert.ok(pkg > 0 && pkg < (sample?.metrics.wallNs ?? 0));
  assert.match(r.stdout, /build\.net-http\.wall \(s\)/);
});

test("warm scenarios: link cost and binary size, the program's own VmHWM, GC figures", async () => {
  const { r, run } = await measuredRun(['--scenario', 'build/hello-link,run/empty,runtime/gc']);
  const byId = new Map(run.scenarios.map((s) => [s.scenarioId, s]));
  const hello = byId.get('build/hello-link')?.samples[0];
  assert.ok((hello?.metrics.binarySizeBytes ?? 0) > 500_000);
  assert.ok((hello?.metrics.linkNs ?? 0) > 0, 'the link action, from the action graph');
  const empty = byId.get('run/empty')?.samples[0];
  const own = empty?.metrics.selfPeakRssBytes ?? 0;
  assert.ok(
    own > 256 * 1024 && own < (empty?.metrics.peakRssBytes ?? 0),
    'own peak < go run tree peak',
  );
  const gc = byId.get('runtime/gc')?.samples[0];
  assert.ok((gc?.metrics.gcCycles ?? 0) > 10);
  assert.ok((gc?.metrics.stwPauseTotalNs ?? 0) > 0);
  assert.ok((gc?.metrics.peakHeapBytes ?? 0) > 0);
  assert.match(r.stdout, /run\.empty\.maxrss \(MB\)/);
});

test('--json - --quiet with nothing measured: exit 3, and stderr says why', async () => {
  const r = await runCli([
    'run',
    '--scenario',
    'build/hello-link',
    '--runs',
    '1',
    '--warmup',
    '0',
    '--warm-cache',
    sharedWarmCache,
    '--env',
    'GOFLAGS=-ldflags=-bogusflag', // the link fails
    '--json',
    '-',
    '--no-save',
    '--quiet',
  ]);
  assert.equal(r.code, 3, r.stderr);
  assert.equal(
    r.stderr,
    'gobaseline: nothing was measured: build/hello-link: not measured, setup failed (exit status 1)\n',
  );
  assert.ok((JSON.parse(r.stdout) as RunRecord).scenarios[0]?.setupFailure);
});

test('Ctrl-C stops cleanly: samples so far are kept, exit 130, private dirs removed', async () => {
  const json = path.join(tempDir(), 'run.json');
  const tmp = tempDir('gbtest-tmp-');
  const { code, stderr } = await interruptSampling(
    'SIGINT',
    500,
    ['--json', json, '--no-save'],
    cliEnv({ TMPDIR: tmp }),
  );
  assert.equal(code, 130, stderr);
  // The command in progress is stopped at once, and the message says so.
  assert.match(
    stderr,
    /interrupted: stopping the command in progress and keeping the samples taken so far/,
  );
  assert.doesNotMatch(stderr, /after the current command/);
  const run = readRun(json);
  assert.equal(run.status, 'interrupted');
  const samples = run.scenarios[0]?.samples ?? [];
  assert.ok(samples.length > 0 && samples.length < 100000);
  assert.ok(
    samples.every((s) => s.ok),
    'the interrupted run is not recorded as a sample',
  );
  assert.deepEqual(readdirSync(tmp), []);
});

test(
  'Ctrl-C before the first sample: nothing is saved, exit 130, says so',
  { timeout: 120_000 },
  async () => {
    const json = path.join(tempDir(), 'run.json');
    const env = cliEnv();
    // Priming a fresh private GOCACHE is a cold build of net/http: long enough to interrupt.
    const r = await interruptWhen(
      /priming the private GOCACHE/,
      'SIGINT',
      300,
      ['run', '--scenario', 'build/net-http-warm', '--runs', '1', '--warmup', '0', '--json', json],
      env,
    );
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /^gobaseline: interrupted before the first sample; nothing to save$/m);
    assert.equal(r.stdout, '');
    assert.equal(existsSync(json), false);
    const runs = path.join(env.XDG_DATA_HOME ?? '', 'gobaseline', 'runs');
    assert.deepEqual(existsSync(runs) ? readdirSync(runs) : [], [], 'no run without samples');
  },
);

test('a hang-up (terminal closed) removes the private directories and exits 129', async () => {
  const tmp = tempDir('gbtest-tmp-');
  const { code, stderr } = await interruptSampling(
    'SIGHUP',
    300,
    ['--no-save'],
    cliEnv({ TMPDIR: tmp }),
  );
  assert.equal(code, 129, stderr);
  assert.deepEqual(readdirSync(tmp), []);
});

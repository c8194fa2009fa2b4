// Bad input gets one clear line on stderr and a documented exit code (2 usage, 3 environment).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { cliEnv, runCli, tempDir } from '../support/cli.js';

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${stderr}`);
  assert.match(lines[0] ?? '', /^gobaseline: /);
  assert.match(lines[0] ?? '', pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

test('no go on PATH: exit 3 with a hint', async () => {
  const r = await runCli(['run', '--scenario', 'startup/go-version'], cliEnv({ PATH: tempDir() }));
  assert.equal(r.code, 3);
  assertOneLineError(r.stderr, /no `go` found on PATH/);
});

test('--go pointing at nothing: exit 3', async () => {
  const r = await runCli([
    'run',
    '--go',
    '/nonexistent/bin/go',
    '--scenario',
    'startup/go-version',
  ]);
  assert.equal(r.code, 3);
  assertOneLineError(r.stderr, /no Go toolchain at \/nonexistent\/bin\/go/);
});

test("a GOROOT that is not a Go root: exit 3 with go's own words", async () => {
  const r = await runCli(
    ['run', '--scenario', 'startup/go-version'],
    cliEnv({ GOROOT: '/nonexistent-goroot' }),
  );
  assert.equal(r.code, 3);
  assertOneLineError(r.stderr, /does not work: .*nonexistent-goroot/);
});

test('unknown scenario and unknown suite: exit 2 naming the known ones', async () => {
  const a = await runCli(['run', '--scenario', 'build/nope']);
  assert.equal(a.code, 2);
  assertOneLineError(a.stderr, /unknown scenario "build\/nope".*startup\/go-version/);
  const b = await runCli(['run', '--suite', 'huge']);
  assert.equal(b.code, 2);
  assertOneLineError(b.stderr, /unknown suite "huge" \(suites: quick, standard\)/);
});

test('non-numeric --runs, bad --env and unknown options: exit 2', async () => {
  const runs = await runCli(['run', '--runs', 'ten']);
  assert.equal(runs.code, 2);
  assertOneLineError(runs.stderr, /--runs.*expected a whole number >= 1, got "ten"/);
  const zero = await runCli(['run', '--runs', '0']);
  assert.equal(zero.code, 2);
  const env = await runCli(['run', '--env', 'NOEQUALS']);
  assert.equal(env.code, 2);
  assertOneLineError(env.stderr, /expected KEY=VALUE/);
  const opt = await runCli(['run', '--frobnicate']);
  assert.equal(opt.code, 2);
  assertOneLineError(opt.stderr, /unknown option '--frobnicate'/);
  const both = await runCli(['run', '--suite', 'quick', '--scenario', 'startup/go-version']);
  assert.equal(both.code, 2);
});

test(
  'an empty --scenario is refused (exit 2), not taken as the whole suite',
  { timeout: 60_000 },
  async () => {
    for (const empty of ['', ',', ' ']) {
      const r = await runCli(['run', '--scenario', empty], cliEnv(), 30_000);
      assert.equal(r.code, 2, r.stderr);
      assertOneLineError(r.stderr, /--scenario <id>' argument .* is invalid\. expected a name/);
    }
  },
);

test('no command prints help and exits 2; --help exits 0', async () => {
  const none = await runCli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage: gobaseline/);
  const help = await runCli(['run', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--warm-cache <dir>/);
});

test("--warm-cache refuses the user's own GOCACHE: exit 2", async () => {
  const home = tempDir('gbtest-home-');
  const r = await runCli(
    ['run', '--scenario', 'startup/go-version', '--warm-cache', `${home}/.cache/go-build`],
    cliEnv({ HOME: home, GOCACHE: undefined, XDG_CACHE_HOME: undefined, GOENV: 'off' }),
  );
  assert.equal(r.code, 2);
  assertOneLineError(r.stderr, /is your own GOCACHE/);
  // Also through a symlink to it.
  mkdirSync(`${home}/.cache/go-build`, { recursive: true });
  symlinkSync(`${home}/.cache/go-build`, `${home}/cache-link`);
  const viaLink = await runCli(
    ['run', '--scenario', 'startup/go-version', '--warm-cache', `${home}/cache-link`],
    cliEnv({ HOME: home, GOCACHE: undefined, XDG_CACHE_HOME: undefined, GOENV: 'off' }),
  );
  assert.equal(viaLink.code, 2);
  assertOneLineError(viaLink.stderr, /is your own GOCACHE/);
});

// `sweep --preset link-flags|docker-cache` and `sweep --project DIR` with the real go command:
// usage errors (exit 2), the one-line refusal where no Docker engine answers (exit 3), a real
// link-flags sweep of hello world (cold and warm) that `recipe dockerfile` then reads, and the
// user's command and project scenarios run in a private copy of a tiny local module (no
// network), whose tree stays byte-identical.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cliEnv, readRun, runCli, sharedWarmCache, tempDir, unwrap } from '../support/cli.js';
import { fileHashes } from '../support/tree-digest.js';

/** A module of its own with no dependencies: a library package and, with `main`, a command. */
function tinyModule(main: boolean): string {
  const dir = path.join(tempDir('gbtest-tiny-'), 'tiny');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'go.mod'), 'module example.com/tiny\n\ngo 1.21\n');
  writeFileSync(path.join(dir, 'lib.go'), 'package tiny\n\nfunc Two() int { return 2 }\n');
  if (main) {
    mkdirSync(path.join(dir, 'cmd', 'tiny'), { recursive: true });
    writeFileSync(
      path.join(dir, 'cmd', 'tiny', 'main.go'),
      'package main\n\nimport "os"\n\nfunc main() { os.Exit(0) }\n',
    );
  }
  return dir;
}

test('bad usage of --preset and --project: one line, exit 2, nothing measured', async () => {
  const cases: [string[], RegExp][] = [
    [
      ['--preset', 'link-flags', '--param', 'GOGC=50'],
      /supplies its own points; leave out --param/,
    ],
    [['--preset', 'nope'], /--preset nope: unknown preset \(presets: link-flags, docker-cache\)/],
    [['--preset', 'link-flags', '--cmd', 'go version'], /leave out --cmd/],
    [['--preset', 'link-flags', '--recommend'], /either --preset or --recommend/],
    [['--preset', 'docker-cache', '--scenario', 'build/hello-link'], /leave out --scenario/],
    [['--scenario', 'project/build-cold', '--param', 'GOGC=50'], /give --project DIR/],
    [
      ['--scenario', 'project/lint', '--param', 'GOGC=50', '--project', tinyModule(false)],
      /unknown scenario "project\/lint"/,
    ],
    [
      ['--cmd', 'go vet ./...', '--param', 'GOGC=50', '--project', '/no/such/dir'],
      /no such directory/,
    ],
    [
      ['--preset', 'link-flags', '--scenario', 'startup/go-version'],
      /does not understand the setting ldflags/,
    ],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['sweep', ...args, '--no-save']);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
});

test('docker-cache without a Docker engine: one line saying why, exit 3', async () => {
  // No docker client: a PATH with go only.
  const noClient = await runCli(
    ['sweep', '--preset', 'docker-cache', '--no-save'],
    cliEnv({ PATH: '/usr/local/go/bin' }),
  );
  assert.equal(noClient.code, 3, noClient.stderr);
  assert.equal(
    noClient.stderr,
    'gobaseline: --preset docker-cache: no Docker engine available: no docker client on PATH\n',
  );
  assert.equal(noClient.stdout, '');
  // The real client, if installed, against a daemon that is not there.
  const unreachable = await runCli(
    ['sweep', '--preset', 'docker-cache', '--no-save'],
    cliEnv({ DOCKER_HOST: 'tcp://127.0.0.1:9' }),
  );
  assert.equal(unreachable.code, 3, unreachable.stderr);
  assert.match(
    unreachable.stderr,
    /^gobaseline: --preset docker-cache: no Docker engine available: (no docker client on PATH|the Docker daemon at DOCKER_HOST=tcp:\/\/127\.0\.0\.1:9 is not reachable \(docker info: .+\))\n$/,
  );
  assert.equal(unreachable.stdout, '');
});

// The preset's cold hello-world builds (3 configurations × runs, each compiling the runtime)
// took minutes on the shared test machine: the test sweeps the warm build with the shared
// warmed cache; the cold variant's plan is tested in test/analyze/sweep-presets.test.ts.
test('link-flags on hello world: table, best flags, and recipe dockerfile takes them', async () => {
  const env = cliEnv({ COLUMNS: '200' });
  const json = path.join(tempDir(), 'link.json');
  const r = await runCli(
    [
      'sweep',
      '--preset',
      'link-flags',
      '--scenario',
      'build/hello-link',
      '--runs',
      '2',
      '--warmup',
      '0',
      '--warm-cache',
      sharedWarmCache,
      '--seed',
      '3',
      '--json',
      json,
    ],
    env,
  );
  assert.equal(r.code, 0, r.stderr);
  const out = unwrap(r.stdout);
  assert.match(out, /^sweep of build\/hello-link: ldflags=-s -w trimpath=true · 3 configurations/);
  assert.match(out, /link action/);
  assert.match(out, /binary size/);
  assert.match(out, /\nbest link flags: -ldflags=-s -w \(configuration ldflags=-s_-w\)/);
  assert.match(out, /\n {2}ldflags=-s_-w: build\/hello-link binary -\d+\.\d%/);
  const run = readRun(json);
  assert.deepEqual(
    run.config.configurations?.map((c) => [c.name, c.build]),
    [
      ['default', {}],
      ['ldflags=-s_-w', { ldflags: '-s -w' }],
      ['trimpath=true', { trimpath: true }],
    ],
  );
  assert.ok(run.scenarios.every((s) => s.samples.every((x) => x.ok && x.metrics.linkNs! > 0)));

  // The saved sweep is the newest link-flags sweep: recipe dockerfile builds with its flags.
  const recipe = await runCli(['recipe', 'dockerfile'], env);
  assert.equal(recipe.code, 0, recipe.stderr);
  assert.match(recipe.stdout, /go build '-ldflags=-s -w' -o \/out\/app \./);
  assert.match(
    recipe.stderr,
    new RegExp(`flags from run ${run.id} \\(configuration ldflags=-s_-w\\)`),
  );
});

test('--project DIR --cmd: your command in a private copy of your module; its tree unchanged', async () => {
  const dir = tinyModule(true);
  const before = fileHashes(dir);
  const json = path.join(tempDir(), 'cmd.json');
  const r = await runCli([
    'sweep',
    '--project',
    dir,
    '--cmd',
    'go build ./...',
    '--param',
    'GOGC=100,200',
    '--runs',
    '2',
    '--warmup',
    '0',
    '--warm-cache',
    sharedWarmCache,
    '--json',
    json,
    '--no-save',
    '-q',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const run = readRun(json);
  assert.deepEqual(run.config.scenarios, ['cmd']);
  assert.deepEqual(
    run.scenarios.map((s) => [s.configuration, s.samples.filter((x) => x.ok).length]),
    [
      ['default', 2],
      ['gogc=100', 2],
      ['gogc=200', 2],
    ],
  );
  assert.match(run.scenarios[0]!.description ?? '', /in a private copy of example\.com\/tiny/);
  assert.deepEqual(fileHashes(dir), before);
});

test('link-flags on a module without a main package: its builds, and it says there is no binary', async () => {
  const dir = tinyModule(false);
  const before = fileHashes(dir);
  const r = await runCli(
    [
      'sweep',
      '--preset',
      'link-flags',
      '--project',
      dir,
      '--scenario',
      'project/build-cold,project/build-warm',
      '--runs',
      '2',
      '--warmup',
      '0',
      '--warm-cache',
      sharedWarmCache,
      '--no-save',
      '-q',
    ],
    cliEnv({ COLUMNS: '200' }),
  );
  assert.equal(r.code, 0, r.stderr);
  const out = unwrap(r.stdout);
  assert.match(out, /sweep of project\/build-cold: ldflags=-s -w trimpath=true/);
  assert.match(out, /sweep of project\/build-warm: /);
  assert.match(out, /\nbest link flags: none \(default\)/);
  assert.match(
    out,
    /project\/build-cold: no main package, so no binary: wall time only, no link time or binary size/,
  );
  assert.deepEqual(fileHashes(dir), before);
});

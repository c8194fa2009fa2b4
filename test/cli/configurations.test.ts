// `run --config`: configurations interleaved run by run with the real go command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readRun, runCli, tempDir, unwrap } from '../support/cli.js';
import { measuredRun } from '../support/measured-run.js';

test('two --config configurations: every sample names its configuration, round and place', async () => {
  const json = path.join(tempDir(), 'run.json');
  const r = await runCli([
    'run',
    '--scenario',
    'startup/go-version',
    '--config',
    'a: GOGC=100',
    '--config',
    'b: GOGC=50',
    '--runs',
    '3',
    '--warmup',
    '1',
    '--json',
    json,
    '--no-save',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const run = readRun(json);
  assert.equal(run.schemaVersion, 2);
  assert.deepEqual(
    run.config.configurations.map((c) => [c.name, c.env, c.build]),
    [
      ['a', { GOGC: '100' }, {}],
      ['b', { GOGC: '50' }, {}],
    ],
  );
  assert.equal(run.config.configurations[0]?.toolchain, run.config.toolchains[0]?.label);
  assert.deepEqual(run.config.order, { kind: 'abba' });
  assert.deepEqual(
    run.scenarios.map((s) => s.configuration),
    ['a', 'b'],
  );
  const [a, b] = run.scenarios;
  // ABBA after one warm-up round (a b, not kept): counted rounds b a, a b, b a.
  assert.deepEqual(
    a?.samples.map((s) => [s.round, s.position, s.ok]),
    [
      [0, 1, true],
      [1, 0, true],
      [2, 1, true],
    ],
  );
  assert.deepEqual(
    b?.samples.map((s) => [s.round, s.position]),
    [
      [0, 0],
      [1, 1],
      [2, 0],
    ],
  );
  assert.ok(a && b && a.samples.every((s, i) => s.seq !== b.samples[i]?.seq));
  const out = unwrap(r.stdout);
  assert.match(out, /startup\/go-version @a/);
  assert.match(out, /startup\/go-version @b/);
  assert.match(out, /configurations a \(GOGC=100\), b \(GOGC=50\) compared, run by run \(base: a;/);
  assert.match(out, /│ +a │ +b │ vs base │/);
});

test('build settings go into the go build command; a configuration go rejects fails alone', async () => {
  const { r, run } = await measuredRun([
    '--scenario',
    'build/hello-link',
    '--config',
    'p1: p=1',
    '--config',
    `stripped: ldflags='-s -w'`,
    '--config',
    'bad: ldflags=-bogus',
  ]);
  const [p1, stripped, bad] = run.scenarios;
  assert.deepEqual(p1?.argv.slice(1, 4), ['build', '-p', '1']);
  assert.deepEqual(stripped?.argv.slice(1, 3), ['build', '-ldflags=-s -w']);
  assert.ok(p1?.samples.every((s) => s.ok) && p1.samples.length === 2);
  assert.ok(stripped?.samples.every((s) => s.ok) && stripped.samples.length === 2);
  const size = (s: typeof p1) => s?.samples[0]?.metrics.binarySizeBytes ?? 0;
  assert.ok(size(stripped) < size(p1), 'a stripped binary is smaller');
  // The bad configuration's command is refused by go: it is not measured, the others are.
  assert.equal(bad?.configuration, 'bad');
  assert.ok(bad?.setupFailure);
  assert.equal(bad.samples.length, 0);
  assert.equal(bad.setupFailure.reason, 'exit status 1');
  assert.match(
    unwrap(r.stdout),
    /build\/hello-link @bad: not measured, setup failed \(exit status 1\)/,
  );
});

test('bad --config, --order and --seed input: one line, exit 2, nothing run', async () => {
  const cases: [string[], RegExp][] = [
    [['--config', 'a: p=abc'], /--config a: p=abc: expected a whole number >= 1/],
    [['--config', 'a: cache=hot'], /cache=hot: expected cold or warm/],
    [['--config', 'a: frobnicate=1'], /unknown setting "frobnicate"/],
    [['--config', 'a:'], /--config a sets nothing/],
    [['--config', 'a: GOGC=1', '--config', 'a: GOGC=2'], /two configurations are named "a"/],
    [
      ['--config', 'fast: p=4'],
      /configuration fast: scenario startup\/go-version does not understand the setting p/,
    ],
    [['--seed', '3'], /--seed goes with --order shuffle/],
    [['--order', 'zigzag'], /zigzag/],
  ];
  for (const [extra, message] of cases) {
    const r = await runCli(['run', '--scenario', 'startup/go-version', '--no-save', ...extra]);
    assert.equal(r.code, 2, `${extra.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0] ?? '', message);
  }
});

// `gobaseline sweep` with the real go command: a small 2×2 sweep of a cheap scenario, a
// configuration go rejects, the user's own command, Ctrl-C, and bad input.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { requireBenchstat, runBenchstat } from '../support/benchstat.js';
import { cliEnv, interruptWhen, readRun, runCli, tempDir, unwrap } from '../support/cli.js';

const GO_VERSION = ['sweep', '--scenario', 'startup/go-version', '--warmup', '0'];

test('a 2×2 sweep: table, best configuration, SVG, the run saved with its configurations', async (t) => {
  const dir = tempDir();
  const json = path.join(dir, 'run.json');
  const svg = path.join(dir, 'curve.svg');
  const env = cliEnv({ COLUMNS: '200' });
  const args = [...GO_VERSION, '--param', 'GOMAXPROCS=1,2', '--param', 'GOGC=100..200+100'];
  const r = await runCli(
    [...args, '--runs', '4', '--seed', '7', '--json', json, '--svg', svg],
    env,
  );
  assert.equal(r.code, 0, r.stderr);
  const out = unwrap(r.stdout);
  assert.match(
    out,
    /^sweep of startup\/go-version: GOMAXPROCS=1,2 GOGC=100,200 · 5 configurations/,
  );
  assert.match(out, /p-values Holm-corrected over the 4 comparisons of each metric/);
  for (const name of ['default', 'gomaxprocs=1/gogc=100', 'gomaxprocs=2/gogc=200'])
    assert.match(out, new RegExp(`│ ${name} +│ +4 │`));
  assert.match(out, /\nbest: (default|gomaxprocs=\d\/gogc=\d+) \(/);
  assert.match(r.stderr, /\[5\/5\] startup\/go-version @/);

  const run = readRun(json);
  assert.equal(run.status, 'complete');
  assert.deepEqual(run.config.order, { kind: 'shuffle', seed: 7 });
  assert.deepEqual(
    run.config.configurations?.map((c) => [c.name, c.env, c.params]),
    [
      ['default', {}, undefined],
      ['gomaxprocs=1/gogc=100', { GOMAXPROCS: '1', GOGC: '100' }, { GOMAXPROCS: '1', GOGC: '100' }],
      ['gomaxprocs=1/gogc=200', { GOMAXPROCS: '1', GOGC: '200' }, { GOMAXPROCS: '1', GOGC: '200' }],
      ['gomaxprocs=2/gogc=100', { GOMAXPROCS: '2', GOGC: '100' }, { GOMAXPROCS: '2', GOGC: '100' }],
      ['gomaxprocs=2/gogc=200', { GOMAXPROCS: '2', GOGC: '200' }, { GOMAXPROCS: '2', GOGC: '200' }],
    ],
  );
  for (const s of run.scenarios) assert.equal(s.samples.filter((x) => x.ok).length, 4);
  // Saved like a run, in the data directory too.
  const runs = path.join(env.XDG_DATA_HOME ?? '', 'gobaseline', 'runs');
  assert.equal(readdirSync(runs).length, 1);
  const curve = readFileSync(svg, 'utf8');
  assert.ok(curve.includes('>wall by GOMAXPROCS</text>') && curve.includes('>GOGC=100</text>'));

  // The same run in Go benchmark format, read by the real benchstat by GOMAXPROCS.
  const bench = await runCli([...args, '--runs', '3', '--format', 'gobench', '--no-save', '-q']);
  assert.equal(bench.code, 0, bench.stderr);
  assert.match(bench.stdout, /^BenchmarkStartup\/go-version\/gomaxprocs=1\/gogc=100-1\t/m);
  assert.match(bench.stdout, /^BenchmarkStartup\/go-version\/gomaxprocs=2\/gogc=200-2\t/m);
  const bin = requireBenchstat(t);
  if (!bin) return;
  const file = path.join(dir, 'sweep.txt');
  writeFileSync(file, bench.stdout);
  const stat = await runBenchstat(bin, ['-col', '/gomaxprocs', file], dir);
  assert.equal(stat.code, 0, stat.stderr);
  assert.equal(stat.stderr, '');
  assert.match(stat.stdout, /\nStartup\/go-version\/gogc=100 /);
});

test('a value go rejects: that configuration is named on one line (exit 2), the others are kept', async () => {
  const json = path.join(tempDir(), 'run.json');
  const r = await runCli([
    ...GO_VERSION,
    '--param',
    'GOFLAGS=-trimpath,x',
    '--runs',
    '3',
    '--json',
    json,
    '--no-save',
  ]);
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('gobaseline:'));
  assert.deepEqual(lines, [
    'gobaseline: 1 of 3 configurations failed, the others are measured: goflags=x (exit status 1: go: parsing $GOFLAGS: non-flag "x")',
  ]);
  assert.match(r.stdout, /│ goflags=-trimpath │ 3 │/);
  assert.match(r.stdout, /│ goflags=x +│ 0 │ +failed │/);
  const run = readRun(json);
  assert.equal(
    run.scenarios.find((s) => s.configuration === 'goflags=-trimpath')?.samples.length,
    3,
  );
});

test('--cmd: your own command, `go` the toolchain measured', async () => {
  const r = await runCli([
    'sweep',
    '--cmd',
    "go env 'GOMAXPROCS'",
    '--param',
    'GOMAXPROCS=1,2',
    '--runs',
    '2',
    '--warmup',
    '0',
    '--format',
    'json',
    '--no-save',
    '-q',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as {
    scenarios: { scenarioId: string; metrics: { rows: { n: number }[] }[] }[];
  };
  assert.equal(report.scenarios[0]?.scenarioId, 'cmd');
  assert.deepEqual(
    report.scenarios[0]?.metrics[0]?.rows.map((row) => row.n),
    [2, 2, 2],
  );
});

test('Ctrl-C keeps the samples taken so far, exit 130, private dirs removed', async () => {
  const json = path.join(tempDir(), 'run.json');
  const tmp = tempDir('gbtest-tmp-');
  const r = await interruptWhen(
    /100000 runs/,
    'SIGINT',
    500,
    [...GO_VERSION, '--param', 'GOMAXPROCS=1,2', '--runs', '100000', '--json', json, '--no-save'],
    cliEnv({ TMPDIR: tmp }),
  );
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stdout, /interrupted: the samples taken so far/);
  const run = readRun(json);
  assert.equal(run.status, 'interrupted');
  assert.ok(run.scenarios.some((s) => s.samples.length > 0));
  assert.deepEqual(readdirSync(tmp), []);
});

test('bad input: one line, exit 2, nothing measured', async () => {
  const cases: [string[], RegExp][] = [
    [['--param', 'gomaxprocs=1,2'], /^gobaseline: --param gomaxprocs: unknown parameter/],
    [['--param', 'GOGC='], /^gobaseline: --param GOGC: no values/],
    [['--param', 'GOMAXPROCS=8..1'], /range 8\.\.1 runs backwards/],
    [['--param', 'GOMAXPROCS=1..x'], /"1\.\.x" is not a range/],
    [['--param', 'GOMAXPROCS=1..30', '--param', 'GOGC=1..20'], /600 configurations .* add --yes/],
    [['--param', 'p=1,2'], /scenario startup\/go-version does not understand the setting p/],
    [['--param', 'GOGC=50', '--cmd', 'go version'], /either --scenario or --cmd/],
    [[], /give at least one --param/],
  ];
  for (const [extra, message] of cases) {
    const r = await runCli([...GO_VERSION, ...extra, '--no-save']);
    assert.equal(r.code, 2, `${extra.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
  const r = await runCli(['sweep', '--param', 'GOGC=50', '--no-save']);
  assert.match(r.stderr, /give --scenario ID, --cmd COMMAND or --preset NAME/);
  assert.equal(existsSync(path.join(tempDir(), 'x')), false);
});

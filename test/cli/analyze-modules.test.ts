// `analyze modules` end to end with the real go command on two tiny generated workspaces (3 and
// 6 modules, 1 package of 1 file each, 2 runs): every mode measured or skipped with go's reason,
// the JSON document's shape, the chart, the claims; bad input is one line and exit 2. No
// timing assertions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ModulesReport } from '../../src/analyze/modules-report.js';
import { cliEnv, runCli, sharedWarmCache, tempDir } from '../support/cli.js';

const TINY = ['--depth', '2', '--fanout', '2', '--packages', '1', '--files', '1', '--runs', '2'];

test('analyze modules --modules 3,6: every mode measured or skipped with its reason, JSON, chart, claims', async () => {
  const tmp = tempDir('gbtest-modules-');
  const svg = path.join(tmp, 'scaling.svg');
  const r = await runCli(
    [
      'analyze',
      'modules',
      '--modules',
      '3,6',
      ...TINY,
      '--cold-runs',
      '1',
      '--warm-cache',
      sharedWarmCache,
      '--json',
      '--svg',
      svg,
    ],
    cliEnv({ TMPDIR: tmp }),
  );
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as ModulesReport;
  assert.equal(report.command, 'analyze modules');
  assert.equal(report.status, 'complete');
  assert.deepEqual(report.sizes, [3, 6]);
  assert.equal(report.coldRuns, 1);
  assert.equal(report.base, 'module');
  assert.deepEqual(
    report.modes.map((m) => m.id),
    ['module', 'gopath', 'vendor', 'cold-modcache', 'mod=mod', 'sumdb', 'auto-in', 'auto-out'],
  );
  assert.deepEqual(
    report.perSize.map((s) => s.modules),
    [3, 6],
  );
  for (const size of report.perSize) {
    assert.deepEqual(
      size.commands.map((c) => c.command),
      ['list-deps', 'list-m', 'build'],
    );
    for (const c of size.commands) {
      const skipped = new Map(c.series.map((s) => [s.mode, s.skipped]));
      if (c.command === 'list-m') {
        // GOPATH mode has no module list, nor has vendor mode a complete one: skipped, with go's words.
        assert.match(skipped.get('gopath') ?? '', /GO111MODULE=off/);
        assert.match(skipped.get('auto-out') ?? '', /GO111MODULE=off|modules/);
        assert.match(skipped.get('vendor') ?? '', /vendor directory/);
      }
      for (const s of c.series) {
        if (s.skipped !== null) continue;
        // Every other mode ran offline: its counted runs succeeded (the build in every mode too),
        // one with the cold module cache (--cold-runs 1).
        assert.equal(s.wallNs.length, s.mode === 'cold-modcache' ? 1 : 2, `${c.command} ${s.mode}`);
        assert.ok(
          s.wallNs.every((w) => w !== null && w > 0),
          `${c.command} ${s.mode}: ${JSON.stringify(c.analysis.failures)}`,
        );
      }
      if (c.command !== 'list-m')
        assert.ok(
          c.series.every((s) => s.skipped === null),
          c.command,
        );
      const wall = c.analysis.metrics.find((m) => m.key === 'wallNs');
      assert.ok(wall);
      assert.equal(wall.rows[0]?.configuration, 'module');
      assert.equal(wall.rows[0]?.vsBase, null);
      assert.ok(wall.rows.slice(1).some((row) => row.vsBase !== null));
    }
  }
  // Curves over both sizes for every command and mode that ran.
  const curve = report.scaling.find((c) => c.command === 'build' && c.mode === 'gopath');
  assert.deepEqual(
    curve?.points.map((p) => p.modules),
    [3, 6],
  );
  assert.ok(!report.scaling.some((c) => c.command === 'list-m' && c.mode === 'gopath'));
  // Two runs give no confidence interval: every claim is judged inconclusive, with its reason.
  assert.equal(report.claims.length, 6);
  assert.ok(report.claims.every((c) => c.verdict === 'inconclusive' && c.evidence.length > 0));

  const chart = readFileSync(svg, 'utf8');
  assert.match(chart, /^<svg /);
  assert.equal((chart.match(/<polyline /g) ?? []).length, report.scaling.length);
  assert.match(chart, /dependency modules \(log scale\)/);
  assert.match(r.stderr, /saved analysis/);
  // The workspaces, caches and GOPATH trees went with the private directory.
  assert.deepEqual(
    readdirSync(tmp).filter((n) => n.startsWith('gobaseline-')),
    [],
  );
});

test('analyze modules: the table names the modes, the skipped cells and the claims', async () => {
  const tmp = tempDir('gbtest-modules-');
  const r = await runCli(
    [
      'analyze',
      'modules',
      '--modules',
      '2',
      ...TINY,
      '--depth',
      '1',
      '--runs',
      '1',
      '--warm-cache',
      sharedWarmCache,
      '--no-save',
    ],
    cliEnv({ TMPDIR: tmp }),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^analyze modules: go1\.\d+/);
  assert.match(r.stdout, /2 modules: \d+ packages/);
  assert.match(r.stdout, /go list -deps \.\/\.\.\..*module/);
  assert.match(r.stdout, /skipped: go list -m -json all under gopath\b.*GO111MODULE=off/);
  assert.match(r.stdout, /Claim \(source document\): "dependency resolution AST walk/);
  assert.match(r.stdout, /INCONCLUSIVE/);
});

for (const [args, message] of [
  [['--modules', '0'], /--modules.*whole number >= 1/],
  [['--modules', '10,-3'], /--modules.*whole number >= 1/],
  [['--modules', 'ten'], /--modules.*whole number >= 1/],
  [['--modules', '200000'], /--modules 200000 is more than 100000/],
  [['--packages', '0'], /--packages.*>= 1/],
  [['--runs', '2', '--cold-runs', '3'], /--cold-runs 3 is more than --runs 2/],
  [['--svg', '/nonexistent-dir/chart.svg'], /--svg \/nonexistent-dir\/chart\.svg: /],
] as const) {
  test(`analyze modules ${args.join(' ')}: one line, exit 2`, async () => {
    const r = await runCli(['analyze', 'modules', ...args, '--no-save']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });
}

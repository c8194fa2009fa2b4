// `gobaseline analyze build` and `analyze cache` as a user runs them, against the real go with
// private caches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildAnalysisReport } from '../../src/analyze/build-report.js';
import { cliEnv, runCli, tempDir, type CliResult } from '../support/cli.js';
import { openStore } from '../../src/store/open-store.js';
import { machineHash } from '../../src/store/run-rows.js';
import { probeHost } from '../../src/probe/index.js';
import { fixturePath } from '../support/paths.js';

const analyze = (args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliResult> =>
  runCli(['analyze', ...args], env);

function oneLineError(r: CliResult, code: number, pattern: RegExp): void {
  assert.equal(r.code, code, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`);
  assert.match(lines[0] ?? '', /^gobaseline: /);
  assert.match(lines[0] ?? '', pattern);
}

test('analyze cache: partly warm cache, -x cross-check, GOROOT relocation, JSON and SVG', async () => {
  const out = tempDir();
  const svg = path.join(out, 'cache.svg');
  const r = await analyze([
    'cache',
    '--prime',
    'errors',
    '--package',
    'strconv',
    '--verify',
    '--relocated-goroot',
    '--runs',
    '1',
    '--json',
    '--svg',
    svg,
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as BuildAnalysisReport;
  assert.equal(report.command, 'analyze cache');
  assert.deepEqual(report.cache, { state: 'primed', primedWith: ['errors'] });
  assert.deepEqual(report.target, { packages: ['strconv'], project: null });
  const c = report.analysis.cache;
  assert.ok(c.cached > 0 && c.ran > 0, `partly warm: ${c.cached} cached, ${c.ran} ran`);
  assert.ok(c.ranPackages.includes('strconv'));
  assert.ok(report.verify?.agrees, JSON.stringify(report.verify));
  assert.equal(report.verify?.graphHits, c.cached);
  assert.equal(report.verify?.xNotRun, c.cached);
  assert.ok(report.build && report.build.wallNs > 0);
  assert.equal(report.env.GOCACHE?.includes('gobaseline-'), true);

  const x = report.relocation;
  assert.ok(x);
  assert.notEqual(x.relocatedGoroot, x.originalGoroot);
  assert.equal(x.original.length, 1);
  assert.deepEqual(
    x.storage.map((p) => p.name),
    ['original', 'copy'],
  );
  assert.ok(x.storage.every((p) => p.exists && p.fsType !== null));
  const total = c.cached + c.ran;
  for (const run of [...x.original, x.withoutIndex, x.firstRelocated, ...x.relocated]) {
    assert.equal(run.cached + run.ran, total);
    assert.ok(run.wallNs > 0);
  }
  assert.equal(x.original[0]?.ran, 0, 'the original GOROOT builds from a warm cache');
  if (x.withoutIndex.ran === 0) {
    assert.equal(x.withoutIndex.newCacheFiles, 0, 'nothing written with the package index off');
  }
  assert.ok(!existsSync(x.relocatedGoroot), 'the GOROOT copy is removed');
  assert.ok(
    !existsSync(path.dirname(report.env.GOCACHE ?? '/nonexistent')),
    'private dirs removed',
  );

  const chart = readFileSync(svg, 'utf8');
  assert.match(chart, /^<svg /);
  assert.ok(chart.includes('strconv'));
});

test('analyze build: a cold build of a leaf package as a table', async () => {
  // A temp dir of its own, so that the private directories can be checked for without seeing
  // other processes' ones.
  const tmp = tempDir();
  const env = cliEnv({ TMPDIR: tmp });
  const r = await analyze(
    ['build', '--package', 'internal/goarch', '--cache', 'cold', '--top', '3'],
    env,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^gobaseline analyze build · internal\/goarch · go\d/);
  assert.match(r.stdout, /cold private GOCACHE \(empty\)/);
  assert.match(r.stdout, /compile actions: 1 · from the cache 0 · compiled 1 · hit rate 0\.0%/);
  assert.match(r.stdout, /slowest compiles \(top 1;/);
  assert.match(r.stdout, /critical path: 3 actions, .* of the .* wall time/);
  assert.match(r.stdout, /│ +\+[\d.]+ [µnm]?s │ internal\/goarch +│/);
  assert.match(r.stderr, /building internal\/goarch with an empty private GOCACHE/);
  assert.deepEqual(readdirSync(tmp), [], 'no private directory left behind');
  // Stored with the machine it was measured on.
  const store = await openStore(undefined, env, { importRuns: false });
  try {
    const [a] = await store.listAnalyses('build');
    assert.equal(a?.machine, machineHash(await probeHost()));
  } finally {
    await store.close();
  }
});

test('analyze build --cache warm --json: everything from the cache', async () => {
  const saved = path.join(tempDir(), 'graph.json');
  const r = await analyze([
    'build',
    '--package',
    'internal/goarch',
    '--cache',
    'warm',
    '--json',
    '-q',
    '--save-graph',
    saved,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout) as BuildAnalysisReport;
  assert.equal(report.cache.state, 'warm');
  assert.equal(report.analysis.cache.hitRate, 1);
  assert.deepEqual(report.analysis.slowest, []);
  assert.equal(report.analysis.criticalPath.steps.at(-1)?.mode, 'go build');
  const again = await analyze(['build', '--graph', saved, '--json']);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(
    (JSON.parse(again.stdout) as BuildAnalysisReport).analysis,
    report.analysis,
    'the saved graph is the analyzed one',
  );
});

test("analyze build --project: the user's module, ./... by default", async () => {
  const dir = tempDir('gbtest-project-');
  writeFileSync(path.join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
  mkdirSync(path.join(dir, 'lib'));
  writeFileSync(path.join(dir, 'lib', 'lib.go'), 'package lib\n\nfunc F() int { return 42 }\n');
  const r = await analyze(['build', '--project', dir, '--json', '-q']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as BuildAnalysisReport;
  assert.deepEqual(report.target, { packages: ['./...'], project: dir });
  assert.deepEqual(report.analysis.cache.ranPackages, ['example.com/m/lib']);

  writeFileSync(path.join(dir, 'lib', 'lib.go'), 'package lib\n\nfunc F() int { return }\n');
  const broken = await analyze(['build', '--project', dir, '-q']);
  oneLineError(
    broken,
    3,
    /failed \(exit status 1\): # example\.com\/m\/lib; .*not enough return values/,
  );
});

test('--graph: a captured action graph, no build', async () => {
  const file = fixturePath('actiongraph-encoding-json-primed-net-url-go1.26.8.json');
  const r = await analyze(['cache', '--graph', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /action graph from a file/);
  assert.match(r.stdout, /│ served from the cache \(no tool ran\) +│ +62 │/);
  assert.match(r.stdout, /│ hit rate +│ +93\.9% │/);
  assert.match(r.stdout, /compiled: encoding encoding\/base64 encoding\/json unicode\/utf16/);
  const j = await analyze(['build', '--graph', file, '--json', '--top', '2']);
  const report = JSON.parse(j.stdout) as BuildAnalysisReport;
  assert.equal(report.build, null);
  assert.equal(report.analysis.slowest.length, 2);
});

test('bad input: one line and exit 2; no toolchain: exit 3', async () => {
  const dir = tempDir();
  const cut = path.join(dir, 'cut.json');
  writeFileSync(
    cut,
    readFileSync(fixturePath('actiongraph-net-http-cold-go1.26.8.json'), 'utf8').slice(0, 5000),
  );
  oneLineError(
    await analyze(['build', '--graph', cut]),
    2,
    /--graph .*cut\.json: malformed action graph/,
  );
  const cyclic = path.join(dir, 'cycle.json');
  writeFileSync(
    cyclic,
    '[{"ID":0,"Mode":"go build","Deps":[1]},{"ID":1,"Mode":"build","Deps":[0]}]',
  );
  oneLineError(await analyze(['build', '--graph', cyclic]), 2, /dependency cycle/);
  const unknown = path.join(dir, 'unknown.json');
  writeFileSync(unknown, '[{"ID":0,"Mode":"go build","Deps":[7]}]');
  oneLineError(await analyze(['cache', '--graph', unknown]), 2, /depends on unknown 7/);
  oneLineError(await analyze(['build', '--graph', path.join(dir, 'none.json')]), 2, /none\.json/);
  oneLineError(
    await analyze(['cache', '--graph', cut, '--relocated-goroot']),
    2,
    /--graph reads a finished build; it excludes --relocated-goroot/,
  );
  oneLineError(
    await analyze(['build', '--prime', 'errors', '--cache', 'cold']),
    2,
    /--prime and --cache exclude each other/,
  );
  oneLineError(await analyze(['build', '--project', dir]), 2, /no go\.mod in/);
  oneLineError(
    await analyze([
      'build',
      '--graph',
      fixturePath('actiongraph-hello-link-go1.26.8.json'),
      '--svg',
      path.join(dir, 'no-such-dir', 'chart.svg'),
    ]),
    2,
    /--svg .*chart\.svg: directory .*no-such-dir does not exist/,
  );
  oneLineError(await analyze(['build', '--cache', 'lukewarm']), 2, /lukewarm/);
  oneLineError(await analyze(['build', '--top', '0']), 2, /expected a whole number >= 1/);
  oneLineError(
    await analyze(['build', '--go', '/nonexistent/bin/go']),
    3,
    /no Go toolchain at \/nonexistent\/bin\/go/,
  );
});

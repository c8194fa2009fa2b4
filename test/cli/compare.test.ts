// `gobaseline compare`: run files and Go benchmark files, every format, --metric, bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompareReport } from '../../src/report/compare.js';
import { textWidth } from '../../src/report/fit-width.js';
import { cliEnv, readRun, runCli, tempDir } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';

const a = fixturePath('runs/startup-a.json');
const b = fixturePath('runs/startup-b.json');
const goTest = fixturePath('gobench/go-test-bench-go1.26.8.txt');
const goTestV = fixturePath('gobench/go-test-bench-v-go1.26.8.txt');

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${stderr}`);
  assert.match(lines[0] ?? '', /^gobaseline: /);
  assert.match(lines[0] ?? '', pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

test('compare two runs: a table per metric with deltas, p-values and a geomean row', async () => {
  const r = await runCli(['compare', a, b, '--wide']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^base: startup-a\.json \(run \S+\) · startup-b\.json \(run \S+\)$/m);
  assert.match(r.stdout, /│ metric +│ scenario +│ +startup-a\.json │ +startup-b\.json │ vs base │/);
  assert.match(r.stdout, /│ wall +│ startup\/go-version +│ +[\d.]+ ms ± \d+% │/);
  assert.match(r.stdout, /│ +│ geomean +│ +[\d.]+ ms │ +[\d.]+ ms │ +[+-]\d+\.\d\d% │/);
  assert.equal(r.stderr, '');
});

test('compare fits the terminal width; user and sys CPU below the tick resolution are marked', async () => {
  const r = await runCli(['compare', a, b], cliEnv({ COLUMNS: '80' }));
  assert.equal(r.code, 0, r.stderr);
  assert.ok(textWidth(r.stdout) <= 80, r.stdout);
  assert.match(
    r.stdout,
    /^│ startup\/go-version +│ +[\d.]+ ms ± \d+% │ +[\d.]+ ms ± \d+% │ +~ │$/m,
  );
  assert.match(r.stdout, /^│ startup\/go-env +│ +< 40\.0 ms ¹ │ +< 40\.0 ms ¹ │ +│$/m);
  assert.doesNotMatch(r.stdout, /0 ns|± \?/);
  assert.match(r.stdout, /^¹ user and sys CPU below 40\.0 ms are noise, not measurements:/m);
});

test('compare --format json|md|csv and --metric', async () => {
  const json = await runCli(['compare', a, b, '--format', 'json', '--metric', 'wallNs']);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as CompareReport & { schema: string };
  assert.equal(report.schema, 'gobaseline/compare');
  assert.equal(report.alpha, 0.05);
  assert.equal(report.confidence, 0.95);
  assert.deepEqual(
    report.metrics.map((m) => m.metric.id),
    ['wallNs'],
  );
  const cell = report.metrics[0]?.rows[0]?.cells[1];
  assert.ok(cell?.vsBase);
  assert.equal(cell.vsBase.significant, cell.vsBase.p <= 0.05);
  assert.equal(typeof cell.summary.ciLo, 'number');

  const md = await runCli(['compare', a, b, '--format', 'md', '--metric', 'wallNs,peakRssBytes']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(
    md.stdout,
    /^\| metric \| scenario \| startup-a\.json \| startup-b\.json \| vs base \| p, n \|$/m,
  );
  assert.match(md.stdout, /^\| peak RSS \(largest process in tree\) \| startup\/go-version \| /m);

  const csv = await runCli(['compare', a, b, '--format', 'csv', '--alpha', '0.01']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trimEnd().split('\n');
  assert.equal(
    lines[0],
    'metric,unit,benchmark,input,n,center,ci_low,ci_high,ci_level,delta_percent,p,significant,warnings',
  );
  assert.match(lines[1] ?? '', /^wallNs,ns,startup\/go-version,startup-a\.json,10,\d+,\d+,\d+,/);
});

test('compare Go benchmark files (go test -bench output)', async () => {
  const r = await runCli(['compare', goTest, goTestV, '--wide']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /│ ns\/op +│ Fib\/n=10-2 +│/);
  assert.match(r.stdout, /│ allocs\/op +│ Join-2 +│ +1\.00 ± ∞ ¹ │ +1\.00 ± ∞ ¹ │ +~ ² │/);
  assert.match(r.stdout, /^¹ need >= 6 samples for confidence interval at level 0\.95$/m);
  assert.match(r.stdout, /^² all samples are equal$/m);
});

test("a run against another run's gobench export: the same figures as against the run", async () => {
  const dir = tempDir();
  const exported = path.join(dir, 'b.txt');
  const rep = await runCli(['report', b, '--format', 'gobench', '--output', exported]);
  assert.equal(rep.code, 0, rep.stderr);
  const compare = async (other: string): Promise<CompareReport> => {
    const r = await runCli(['compare', a, other, '--format', 'json', '--metric', 'wallNs']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as CompareReport;
  };
  const [viaText] = (await compare(exported)).metrics;
  const [viaRun] = (await compare(b)).metrics;
  assert.equal(viaText?.metric.id, 'ns/op');
  assert.deepEqual(
    viaText?.rows.map((r) => r.benchmark),
    ['Startup/go-version-2', 'Startup/go-env-2'],
  );
  // b's medians, from its raw samples (10 each: the mean of the 5th and 6th smallest).
  const runB = readRun(b);
  const median = (i: number): number => {
    const x = (runB.scenarios[i]?.samples ?? []).map((s) => s.metrics.wallNs ?? NaN);
    x.sort((p, q) => p - q);
    return ((x[4] ?? NaN) + (x[5] ?? NaN)) / 2;
  };
  viaText?.rows.forEach((row, i) => {
    const cell = row.cells[1];
    assert.equal(cell?.summary.center, median(i), `${row.benchmark}: b's median`);
    assert.deepEqual(cell, viaRun?.rows[i]?.cells[1], `${row.benchmark}: as against b.json`);
  });
  assert.deepEqual(viaText?.geomean, viaRun?.geomean);
});

test('compare: bad input is one line and exit 2', async () => {
  const one = await runCli(['compare', a]);
  assert.equal(one.code, 2);
  assertOneLineError(one.stderr, /compare needs at least two inputs/);

  const missing = await runCli(['compare', a, '/nonexistent/b.json']);
  assert.equal(missing.code, 2);
  assertOneLineError(missing.stderr, /cannot read \/nonexistent\/b\.json: ENOENT/);

  const dir = tempDir();
  const notes = path.join(dir, 'notes.txt');
  writeFileSync(notes, 'just some text\n');
  const notBench = await runCli(['compare', a, notes]);
  assert.equal(notBench.code, 2);
  assertOneLineError(
    notBench.stderr,
    /notes\.txt is neither a gobaseline run file nor Go benchmark output/,
  );

  const broken = path.join(dir, 'broken.txt');
  writeFileSync(broken, 'goos: linux\nBenchmarkX-2 1 12 ns/op\nBenchmarkX-2 1 twelve ns/op\n');
  const malformed = await runCli(['compare', goTest, broken]);
  assert.equal(malformed.code, 2);
  assertOneLineError(
    malformed.stderr,
    /broken\.txt:3: malformed benchmark result \("twelve" is not a number\)/,
  );

  const disjoint = await runCli(['compare', a, goTest]);
  assert.equal(disjoint.code, 2);
  assertOneLineError(
    disjoint.stderr,
    /go-test-bench-go1\.26\.8\.txt has no benchmark and metric in common with startup-a\.json/,
  );

  const metric = await runCli(['compare', a, b, '--metric', 'cpuNs']);
  assert.equal(metric.code, 2);
  assertOneLineError(
    metric.stderr,
    /no metric "cpuNs" in the inputs \(they have: wallNs, userNs, sysNs, peakRssBytes\)/,
  );

  const alpha = await runCli(['compare', a, b, '--alpha', '5']);
  assert.equal(alpha.code, 2);
  assertOneLineError(alpha.stderr, /--alpha.*expected a number between 0 and 1, got "5"/);

  const format = await runCli(['compare', a, b, '--format', 'gobench']);
  assert.equal(format.code, 2);
  assertOneLineError(format.stderr, /argument 'gobench' is invalid/);
});

test('compare: where only the canary moved, it says the machine moved and gives figures relative to it', async () => {
  const dir = tempDir();
  const base = readRun(a);
  const canary = (scale: number) => ({
    canaries: [
      { name: 'go-start', samples: Array.from({ length: 15 }, (_, i) => (1e6 + i * 1e3) * scale) },
      { name: 'c-start', samples: Array.from({ length: 15 }, (_, i) => (4e5 + i * 1e3) * scale) },
    ].map((c) => ({ ...c, median: 0, ciLow: null, ciHigh: null, n: c.samples.length })),
  });
  const fileA = path.join(dir, 'calm.json');
  const fileB = path.join(dir, 'loaded.json');
  writeFileSync(fileA, JSON.stringify({ ...base, canary: canary(1) }));
  writeFileSync(fileB, JSON.stringify({ ...base, id: 'loaded', canary: canary(1.25) }));
  const r = await runCli(['compare', fileA, fileB, '--wide']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /canary: loaded\.json vs base: the MACHINE was slower: go-start \+25\.\d% \(p=/,
  );
  assert.match(r.stdout, /factor ×1\.2\d\d/);
  // The Go figures did not change: 0% raw, about -20% relative to the slower machine.
  assert.match(r.stdout, /startup\/go-version wall: \+0\.0% raw, -20\.\d% relative/);
  const json = await runCli(['compare', fileA, fileB, '--format', 'json']);
  const report = JSON.parse(json.stdout) as CompareReport;
  assert.equal(report.canary?.[1]?.moved, true);
  // The same canary in both: steady; an old record without one: no canary line at all.
  const same = await runCli(['compare', fileA, fileA, '--wide']);
  assert.match(same.stdout, /canary: .* the machine held steady/);
  const old = await runCli(['compare', a, fileB, '--wide']);
  assert.doesNotMatch(old.stdout, /canary:/);
});

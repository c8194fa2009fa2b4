// Cross-check against the real benchstat: the same Go benchmark files go to `benchstat -format
// csv old.txt new.txt` and to `gobaseline compare --format json`; centres, CI half-widths,
// deltas, p-values (to 1e-3), `~` decisions, geomeans and warnings must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompareReport } from '../../src/report/compare.js';
import { tidyUnit } from '../../src/parse/gobench-reader.js';
import {
  parseBenchstatCsv,
  requireBenchstat,
  runBenchstat,
  type BenchstatTable,
} from '../support/benchstat.js';
import { runCli, tempDir } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';
import { mulberry32 } from '../../src/stats/random.js';

/** Deterministic uniform [0, 1) numbers. */
const rng = mulberry32;

/** n normal values (mean, sd) rounded to `step`, from seed. */
function normal(seed: number, n: number, mean: number, sd: number, step = 0.1): number[] {
  const u = rng(seed);
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    return Math.round((mean + sd * z) / step) * step;
  });
}

/** n integers drawn uniformly from lo..hi (many ties). */
function ints(seed: number, n: number, lo: number, hi: number): number[] {
  const u = rng(seed);
  return Array.from({ length: n }, () => lo + Math.floor(u() * (hi - lo + 1)));
}

/** benchmark name → unit → values, for one file. */
type FileData = Record<string, Record<string, number[]>>;

interface Case {
  name: string;
  /** Input files in order; the first is the base. */
  files: FileData[];
  alpha?: number;
  confidence?: number;
  /** `Unit` metadata lines written into every file. */
  unitLines?: string[];
}

const ns = (values: number[]): Record<string, number[]> => ({ 'ns/op': values });

const CASES: Case[] = [
  {
    name: 'equal samples',
    files: [
      { A: ns(normal(1, 10, 2000, 80)), B: ns(normal(2, 10, 5000, 100)) },
      { A: ns(normal(1, 10, 2000, 80)), B: ns(normal(2, 10, 5000, 100)) },
    ],
  },
  {
    name: 'clearly different',
    files: [
      {
        Fast: ns(normal(3, 10, 1000, 30)),
        Slow: ns(normal(4, 10, 80000, 900)),
        Mid: ns(normal(5, 12, 15000, 300)),
      },
      {
        Fast: ns(normal(6, 10, 1300, 30)),
        Slow: ns(normal(7, 10, 60000, 900)),
        Mid: ns(normal(8, 12, 15100, 300)),
      },
    ],
  },
  {
    name: 'ties (exact with ties, and normal with tie correction)',
    files: [
      {
        Small: { 'allocs/op': ints(9, 12, 10, 12) },
        Large: { 'allocs/op': ints(10, 30, 100, 104) },
      },
      {
        Small: { 'allocs/op': ints(11, 15, 11, 13) },
        Large: { 'allocs/op': ints(12, 30, 101, 104) },
      },
    ],
  },
  {
    name: 'tiny samples',
    files: [
      { Three: ns([100, 103, 101]), Two: ns([50, 52]) },
      { Three: ns([140, 150, 145]), Two: ns([60, 61, 59, 62, 63]) },
    ],
  },
  {
    name: 'one sample',
    files: [
      { One: ns([1234]), OneVsMany: ns([500]) },
      { One: ns([1300]), OneVsMany: ns(normal(13, 8, 520, 10)) },
    ],
  },
  {
    name: 'large samples (normal approximations)',
    files: [
      { Big: ns(normal(14, 60, 10000, 400)), Bigger: ns(normal(15, 100, 3000, 90, 1)) },
      { Big: ns(normal(16, 80, 10150, 400)), Bigger: ns(normal(17, 100, 3010, 90, 1)) },
    ],
  },
  {
    name: 'all equal, zero centres, exact units',
    unitLines: ['Unit B/op assume=exact'],
    files: [
      {
        Same: { 'B/op': [64, 64, 64, 64, 64] },
        Zero: { 'allocs/op': [0, 0, 0, 0, 0, 0] },
        Moved: { 'B/op': [32, 32, 32, 32, 32] },
      },
      {
        Same: { 'B/op': [64, 64, 64, 64, 64] },
        Zero: { 'allocs/op': [1, 1, 2, 1, 1, 1] },
        Moved: { 'B/op': [48, 48, 48, 48, 48] },
      },
    ],
  },
  {
    name: 'skewed samples (asymmetric intervals)',
    files: [
      {
        LowTail: ns([100, 100.5, 101, 101.2, 101.4, 101.5, 70, 60, 40, 101.6, 101.7]),
        HighTail: ns([100, 100.5, 101, 101.2, 130, 150, 180, 99.8, 99.9]),
      },
      {
        LowTail: ns([100, 100.2, 100.4, 100.6, 100.8, 101, 101.2, 101.4]),
        HighTail: ns([100, 104, 108, 112, 116, 120, 124, 128, 132, 136]),
      },
    ],
  },
  {
    name: '-alpha 0.01 -confidence 0.9',
    alpha: 0.01,
    confidence: 0.9,
    files: [
      { X: ns(normal(18, 8, 1000, 20)), Y: ns(normal(19, 9, 1000, 20)) },
      { X: ns(normal(20, 9, 1025, 20)), Y: ns(normal(21, 9, 1060, 20)) },
    ],
  },
  {
    name: 'three inputs, a benchmark missing from one',
    files: [
      { P: ns(normal(22, 7, 700, 15)), Q: ns(normal(23, 7, 900, 15)) },
      { P: ns(normal(24, 7, 720, 15)), Q: ns(normal(25, 7, 880, 15)) },
      { P: ns(normal(26, 7, 650, 15)) },
    ],
  },
];

function goBenchText(data: FileData, unitLines: string[] = []): string {
  const lines = ['goos: linux', 'goarch: amd64', 'pkg: example.com/crosscheck', ...unitLines];
  for (const [name, units] of Object.entries(data)) {
    for (const [unit, values] of Object.entries(units)) {
      for (const v of values) lines.push(`Benchmark${name}-2\t1\t${String(v)} ${unit}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The factor benchstat applies when it tidies a unit (ns → sec). */
function tidyFactor(unit: string): number {
  return tidyUnit(unit) === unit ? 1 : 1e-9;
}

function assertClose(ours: number, theirs: number, what: string): void {
  const tol = 1e-12 * Math.max(1, Math.abs(theirs));
  assert.ok(Math.abs(ours - theirs) <= tol, `${what}: gobaseline ${ours}, benchstat ${theirs}`);
}

/** What a cross-check compared: values and strings, and cells (one input's benchmark and unit). */
interface Checked {
  checks: number;
  cells: number;
}

/** Compares one benchstat table with gobaseline's comparison of the same unit. */
function assertAgree(ours: CompareReport, theirs: BenchstatTable, where: string): Checked {
  const metric = ours.metrics.find((m) => tidyUnit(m.metric.id) === theirs.unit);
  assert.ok(metric, `${where}: gobaseline has no metric for benchstat's ${theirs.unit}`);
  const factor = tidyFactor(metric.metric.id);
  assert.deepEqual(
    metric.rows.map((r) => r.benchmark),
    theirs.rows.map((r) => r.name),
    `${where}: rows`,
  );
  let checks = 0;
  let cells = 0;
  theirs.rows.forEach((row, r) => {
    row.cells.forEach((cell, i) => {
      const at = `${where}, ${row.name}, input ${i}`;
      const mine = metric.rows[r]?.cells[i];
      if (!cell) {
        assert.equal(mine ?? null, null, `${at}: benchstat has no cell`);
        return;
      }
      assert.ok(mine, `${at}: gobaseline has no cell`);
      assertClose(mine.summary.center * factor, Number(cell.center), `${at}: centre`);
      assert.equal(mine.summary.ciPercent, cell.ci, `${at}: CI`);
      assert.deepEqual(mine.summary.warnings, cell.summaryWarnings, `${at}: summary warnings`);
      checks += 3;
      cells += 1;
      if (i === 0) return;
      const vs = mine.vsBase;
      assert.ok(vs, `${at}: no comparison`);
      assert.equal(vs.delta, cell.delta, `${at}: delta (and ~)`);
      assert.equal(vs.significant, cell.delta !== '~', `${at}: significance`);
      assert.equal(`${vs.test}`, cell.test, `${at}: p and n`);
      const p = /p=([\d.]+)/.exec(cell.test ?? '');
      const theirP = p ? Number(p[1]) : 0;
      assert.ok(Math.abs(vs.p - theirP) <= 5e-4 + 1e-12, `${at}: p ${vs.p} vs ${theirP}`);
      assert.deepEqual(vs.warnings, cell.compareWarnings, `${at}: comparison warnings`);
      checks += 5;
    });
  });
  theirs.geomean.forEach((g, i) => {
    const at = `${where}, geomean, input ${i}`;
    const mine = metric.geomean[i];
    assert.ok(mine, at);
    if (g.center === '') assert.equal(mine.center, null, `${at}: centre`);
    else assertClose((mine.center ?? NaN) * factor, Number(g.center), `${at}: centre`);
    if (i > 0) assert.equal(mine.delta, g.delta, `${at}: delta`);
    assert.deepEqual(mine.warnings, g.warnings, `${at}: warnings`);
    checks += 3;
  });
  return { checks, cells };
}

async function crossCheck(
  bin: string,
  dir: string,
  names: string[],
  c: { alpha?: number; confidence?: number },
  where: string,
): Promise<Checked> {
  const flags: string[] = [];
  if (c.alpha !== undefined) flags.push('-alpha', String(c.alpha));
  if (c.confidence !== undefined) flags.push('-confidence', String(c.confidence));
  const bs = await runBenchstat(bin, ['-format', 'csv', ...flags, ...names], dir);
  assert.equal(bs.code, 0, bs.stderr);
  const ours = await runCli([
    'compare',
    ...names.map((n) => path.join(dir, n)),
    '--format',
    'json',
    ...(c.alpha !== undefined ? ['--alpha', String(c.alpha)] : []),
    ...(c.confidence !== undefined ? ['--confidence', String(c.confidence)] : []),
  ]);
  assert.equal(ours.code, 0, ours.stderr);
  const report = JSON.parse(ours.stdout) as CompareReport;
  const tables = parseBenchstatCsv(bs.stdout, bs.stderr);
  assert.equal(tables.length, report.metrics.length, `${where}: one table per unit`);
  const total: Checked = { checks: 0, cells: 0 };
  for (const table of tables) {
    assert.deepEqual(table.labels, names, `${where}: column labels`);
    const one = assertAgree(report, table, `${where} [${table.unit}]`);
    total.checks += one.checks;
    total.cells += one.cells;
  }
  return total;
}

/** Cells in Go benchmark files: each file's distinct (benchmark, unit) pairs, counted here. */
function cellsIn(texts: string[]): number {
  let cells = 0;
  for (const text of texts) {
    const pairs = new Set<string>();
    for (const m of text.matchAll(/^Benchmark(\S+)[ \t]+\d+((?:[ \t]+\S+[ \t]+\S+)+)[ \t]*$/gm)) {
      const fields = (m[2] ?? '').trim().split(/\s+/);
      for (let i = 1; i < fields.length; i += 2) pairs.add(`${m[1]} ${fields[i]}`);
    }
    cells += pairs.size;
  }
  return cells;
}

test('compare agrees with benchstat on synthetic inputs', async (t) => {
  const bin = requireBenchstat(t);
  if (!bin) return;
  let checks = 0;
  for (const c of CASES) {
    await t.test(c.name, async () => {
      const dir = tempDir('gbtest-bs-');
      const names = c.files.map((_, i) => ['old.txt', 'new.txt', 'newer.txt'][i] ?? `f${i}.txt`);
      const texts = c.files.map((data) => goBenchText(data, c.unitLines));
      texts.forEach((text, i) => writeFileSync(path.join(dir, names[i] ?? ''), text));
      const done = await crossCheck(bin, dir, names, c, c.name);
      // Every benchmark of every input was compared: nothing dropped by either side.
      assert.equal(done.cells, cellsIn(texts), `${c.name}: cells compared`);
      checks += done.checks;
    });
  }
  t.diagnostic(`${CASES.length} input sets, ${checks} values and strings agree with benchstat`);
});

test('compare agrees with benchstat on real go test -bench output', async (t) => {
  const bin = requireBenchstat(t);
  if (!bin) return;
  const dir = path.dirname(fixturePath('gobench/go-test-bench-go1.26.8.txt'));
  const names = ['go-test-bench-go1.26.8.txt', 'go-test-bench-v-go1.26.8.txt'];
  const done = await crossCheck(bin, dir, names, {}, 'go test fixtures');
  const texts = names.map((n) => readFileSync(path.join(dir, n), 'utf8'));
  assert.equal(done.cells, cellsIn(texts), 'cells compared');
  t.diagnostic(`${done.checks} values and strings agree with benchstat`);
});

test('a run record, converted directly, compares as benchstat compares its export', async (t) => {
  const bin = requireBenchstat(t);
  if (!bin) return;
  // texts/: both runs exported as Go benchmark text, for benchstat. mixed/: run A as its JSON
  // record (read by content, whatever the name) beside B's export, for gobaseline.
  const texts = tempDir('gbtest-bs-');
  const mixed = tempDir('gbtest-bs-');
  const names = ['a.txt', 'b.txt'];
  for (const [name, run] of [
    ['a.txt', 'runs/startup-a.json'],
    ['b.txt', 'runs/startup-b.json'],
  ] as const) {
    const r = await runCli([
      'report',
      fixturePath(run),
      '--format',
      'gobench',
      '--output',
      path.join(texts, name),
    ]);
    assert.equal(r.code, 0, r.stderr);
  }
  copyFileSync(fixturePath('runs/startup-a.json'), path.join(mixed, 'a.txt'));
  copyFileSync(path.join(texts, 'b.txt'), path.join(mixed, 'b.txt'));
  const bs = await runBenchstat(bin, ['-format', 'csv', ...names], texts);
  assert.equal(bs.code, 0, bs.stderr);
  const ours = await runCli([
    'compare',
    ...names.map((n) => path.join(mixed, n)),
    '--format',
    'json',
  ]);
  assert.equal(ours.code, 0, ours.stderr);
  const report = JSON.parse(ours.stdout) as CompareReport;
  const tables = parseBenchstatCsv(bs.stdout, bs.stderr);
  assert.equal(tables.length, report.metrics.length, 'one table per unit');
  let checks = 0;
  let cells = 0;
  for (const table of tables) {
    assert.deepEqual(table.labels, names);
    const one = assertAgree(report, table, `runs [${table.unit}]`);
    checks += one.checks;
    cells += one.cells;
  }
  const exported = names.map((n) => readFileSync(path.join(texts, n), 'utf8'));
  assert.equal(cells, cellsIn(exported), 'cells compared');
  t.diagnostic(`${checks} values and strings agree with benchstat`);
});

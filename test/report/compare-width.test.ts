// The comparison table at terminal widths, and user/sys CPU below the tick resolution in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from '../../src/record/run-record.js';
import { compareInputs, type CompareReport } from '../../src/report/compare.js';
import {
  prepareComparison,
  selectMetrics,
  type LoadedInput,
} from '../../src/report/compare-inputs.js';
import { renderCompare, renderCompareTable } from '../../src/report/compare-render.js';
import { textWidth } from '../../src/report/fit-width.js';
import { renderConfigurationComparison } from '../../src/report/configuration-comparison.js';
import { renderGoBench } from '../../src/report/gobench.js';
import { parseGoBench } from '../../src/parse/gobench-reader.js';
import { loadRunFixture, toolchainsAsConfigurations } from '../support/runs.js';

const run = loadRunFixture;

function report(loaded: LoadedInput[]): CompareReport {
  const prepared = prepareComparison(loaded);
  return compareInputs(prepared.inputs, selectMetrics(prepared, undefined));
}

// Two runs of `go version` and `go env`: a few ms of CPU, so user and sys are below 40 ms.
const runs = (): CompareReport =>
  report([
    { path: 'startup-a.json', kind: 'run', run: run('startup-a.json') },
    { path: 'startup-b.json', kind: 'run', run: run('startup-b.json') },
  ]);

/** The table lines of a metric's rows: from the row naming it to the next metric's. */
function rowsOf(table: string, title: string, next: string): string[] {
  const lines = table.split('\n');
  const from = lines.findIndex((l) => l.includes(`│ ${title} `));
  const to = lines.findIndex((l, i) => i > from && l.includes(`│ ${next} `));
  assert.ok(from >= 0 && to > from, `rows of ${title} in:\n${table}`);
  return lines.slice(from, to);
}

test('the comparison table fits 80 and 120 columns; wide keeps every column', () => {
  const r = runs();
  const wide = renderCompareTable(r, 'wide');
  assert.ok(textWidth(wide) > 120, 'the wide table is wider than both terminals');
  assert.match(
    wide,
    /│ metric +│ scenario +│ +startup-a\.json │ +startup-b\.json │ vs base │ +p, n │/,
  );
  assert.equal(renderCompare(r, 'table'), wide, 'the default is every column');

  const at120 = renderCompareTable(r, 120);
  assert.ok(textWidth(at120) <= 120, at120);
  assert.match(
    at120,
    /│ wall +│ startup\/go-version +│ +[\d.]+ ms ± \d+% │ .* │ \(p=\d\.\d{3} n=10\) │/,
  );

  const at80 = renderCompareTable(r, 80);
  assert.ok(textWidth(at80) <= 80, at80);
  // The metric is a heading row, the p-values go; centres keep their ± while they fit.
  assert.match(at80, /^│ scenario +│ +startup-a\.json │ +startup-b\.json │ vs base │$/m);
  assert.match(at80, /^│ wall +│$/m);
  assert.match(at80, /^│ startup\/go-version +│ +[\d.]+ ms ± \d+% │ +[\d.]+ ms ± \d+% │ +~ │$/m);
  assert.match(at80, /^│ geomean +│ +[\d.]+ ms │ +[\d.]+ ms │ +[+-]\d+\.\d\d% │$/m);
  assert.doesNotMatch(at80, /p=/);

  // Narrower still: the ± go too, as benchstat drops them first (short file names, or the
  // headings alone would not fit).
  const short = { ...r, inputs: r.inputs.map((input, i) => ({ ...input, label: 'ab'[i] ?? '' })) };
  assert.ok(textWidth(renderCompareTable(short, 80)) <= 80);
  const at60 = renderCompareTable(short, 60);
  assert.ok(textWidth(at60) <= 60, at60);
  assert.match(at60, /^│ startup\/go-version +│ +[\d.]+ ms │ +[\d.]+ ms │ +~ │$/m);
});

test('user and sys CPU below the tick resolution: marked, no change, no geomean', () => {
  const r = runs();
  for (const width of ['wide', 120, 80] as const) {
    const table = renderCompareTable(r, width);
    assert.doesNotMatch(table, /0 ns|± \?/, `${width}: no noise printed as figures`);
    const cpu = [...rowsOf(table, 'user CPU', 'sys CPU'), ...rowsOf(table, 'sys CPU', 'peak RSS')];
    const scenarioRows = cpu.filter((l) => l.includes('startup/'));
    assert.equal(scenarioRows.length, 4, table);
    for (const line of scenarioRows) {
      assert.match(line, /startup\/go-\w+ +│ +< 40\.0 ms ¹ │ +< 40\.0 ms ¹ │ +│/, line);
      assert.doesNotMatch(line, /~|%|p=/, `${width}: no verdict on noise`);
    }
    assert.ok(!cpu.some((l) => l.includes('geomean')), `${width}: no geomean of noise`);
    assert.match(table, /^¹ user and sys CPU below 40\.0 ms are noise, not measurements:/m);
  }
  // Wall and peak RSS keep their figures and verdicts.
  assert.match(renderCompareTable(r, 'wide'), /│ peak RSS .*MiB ± \d+% │ .* │ +~ │ \(p=/);
});

test('below resolution stays in JSON and CSV, flagged; the figures are unchanged', () => {
  const r = runs();
  const json = JSON.parse(renderCompare(r, 'json')) as CompareReport;
  const flags = json.metrics.map((m) =>
    m.rows.flatMap((row) => row.cells.map((c) => c?.summary.belowResolution ?? false)),
  );
  assert.deepEqual(flags, [
    [false, false, false, false], // wall: a few ms, but not a CPU split
    [true, true, true, true],
    [true, true, true, true],
    [false, false, false, false],
  ]);
  const user = json.metrics[1]?.rows[0]?.cells[1];
  assert.equal(typeof user?.summary.center, 'number', 'the centre is kept');
  assert.equal(typeof user?.vsBase?.p, 'number', 'and the test (equal to benchstat)');

  const csv = renderCompare(r, 'csv').trimEnd().split('\n');
  const userRows = csv.filter((l) => l.startsWith('userNs,') && !l.includes(',geomean,'));
  assert.equal(userRows.length, 4);
  for (const line of userRows) assert.match(line, /user and sys CPU below 40\.0 ms are noise/);
  assert.ok(!csv.some((l) => l.startsWith('wallNs,') && l.includes('noise')));
});

test('in Go benchmark terms (user-sec/op, sys-sec/op) too', () => {
  const b = run('startup-b.json');
  const r = report([
    {
      path: 'a.txt',
      kind: 'gobench',
      file: parseGoBench(renderGoBench(run('startup-a.json')), 'a.txt'),
    },
    { path: 'b.txt', kind: 'gobench', file: parseGoBench(renderGoBench(b), 'b.txt') },
  ]);
  const flagged = r.metrics
    .filter((m) => m.rows.every((row) => row.cells.every((c) => c?.summary.belowResolution)))
    .map((m) => m.metric.id);
  assert.deepEqual(flagged, ['user-sec/op', 'sys-sec/op']);
  assert.match(renderCompareTable(r, 80), /│ Startup\/go-version-2 +│ +< 40\.0 ms ¹ │/);
});

test('the toolchain comparison after a run fits the width and marks CPU below the resolution', () => {
  // One run of two toolchains, made of the two fixture runs.
  const a = run('startup-a.json');
  const b = run('startup-b.json');
  const other = { ...a.config.toolchains[0], label: 'go1.27.3', requested: 'go1.27.3' };
  const both: RunRecord = toolchainsAsConfigurations({
    ...a,
    config: {
      ...a.config,
      toolchains: [other, ...a.config.toolchains] as RunRecord['config']['toolchains'],
    },
    scenarios: [...a.scenarios.map((s) => ({ ...s, toolchain: 'go1.27.3' })), ...b.scenarios],
  });
  const wide = renderConfigurationComparison(both, 'wide');
  assert.match(wide, /│ metric +│ scenario +│ +go1\.27\.3 │ +go1\.26\.8 │ vs base │ +p, n │/);
  for (const width of [80, 120]) {
    const table = renderConfigurationComparison(both, width);
    assert.ok(textWidth(table) <= width, table);
    assert.match(table, /│ startup\/go-version +│ +< 40\.0 ms ¹ │ +< 40\.0 ms ¹ │ +│/);
    assert.doesNotMatch(table, /0 ns|± \?/);
  }
});

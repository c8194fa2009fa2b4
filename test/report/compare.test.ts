// The comparison model: benchstat's cells, deltas and geomeans; inputs, metric selection and
// the nothing-in-common check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import type { RunRecord } from '../../src/record/run-record.js';
import {
  compareInputs,
  pctRange,
  type CompareInput,
  type CompareMetric,
} from '../../src/report/compare.js';
import {
  checkCommonGround,
  inputLabels,
  prepareComparison,
  selectMetrics,
  unitKind,
  type LoadedInput,
} from '../../src/report/compare-inputs.js';
import { renderCompare } from '../../src/report/compare-render.js';
import { assumeExact, assumeNothing } from '../../src/stats/index.js';
import { renderGoBench } from '../../src/report/gobench.js';
import { parseGoBench } from '../../src/parse/gobench-reader.js';
import { loadRunFixture } from '../support/runs.js';

const run = (name: string): RunRecord => loadRunFixture(name);

const metric = (id: string, exact = false): CompareMetric => ({
  id,
  label: id,
  kind: 'count',
  assumption: exact ? assumeExact : assumeNothing,
  better: 'lower',
});

const input = (label: string, samples: Record<string, number[]>, m = 'x/op'): CompareInput => ({
  label,
  path: label,
  kind: 'gobench',
  warnings: [],
  samples: Object.entries(samples).map(([benchmark, values]) => ({ benchmark, metric: m, values })),
});

test('pctRange is benchstat PctRangeString', () => {
  assert.equal(pctRange(100, 96, 103), '4%');
  assert.equal(pctRange(100, null, 103), '∞');
  assert.equal(pctRange(100, 0, 103), '?');
  assert.equal(pctRange(0, 0, 0), '0%');
  assert.equal(pctRange(100, 87.5, 100), '12%'); // an exact tie, to even as Go
});

test('cells, changes, missing benchmarks and the geomean row', () => {
  const a = input('a', { X: [10, 11, 12, 10, 11, 12], Y: [100, 101, 102, 100, 101, 102] });
  const b = input('b', { X: [20, 21, 22, 20, 21, 22], Z: [5, 5, 5] });
  const report = compareInputs([a, b], [metric('x/op')]);
  const [m] = report.metrics;
  assert.ok(m);
  assert.deepEqual(
    m.rows.map((r) => r.benchmark),
    ['X', 'Y', 'Z'],
  );
  const x = m.rows[0]?.cells[1];
  assert.equal(x?.summary.center, 21);
  assert.equal(x?.vsBase?.delta, '+90.91%');
  assert.equal(x?.vsBase?.test, 'p=0.002 n=6');
  assert.equal(m.rows[1]?.cells[1], null);
  assert.equal(m.rows[2]?.cells[0], null);
  assert.equal(m.rows[2]?.cells[1]?.vsBase, null);
  assert.deepEqual(m.geomean[1]?.warnings, [
    'benchmark set differs from baseline; geomeans may not be comparable',
  ]);
  assert.equal(m.geomean[1]?.delta, '+90.91%');
});

test('zero base: "?" change and no geomean ratio; exact metrics use the mode and no U test', () => {
  const a = input('a', { Z: [0, 0, 0, 0, 0, 0] });
  const b = input('b', { Z: [1, 1, 2, 1, 1, 1] });
  const [m] = compareInputs([a, b], [metric('x/op')]).metrics;
  assert.equal(m?.rows[0]?.cells[1]?.vsBase?.delta, '?');
  assert.equal(m?.geomean[1]?.delta, '?');
  assert.equal(m?.geomean[0]?.center, null);

  const e1 = input('a', { S: [64, 64, 64, 64, 64] });
  const e2 = input('b', { S: [48, 48, 50, 48] });
  const [x] = compareInputs([e1, e2], [metric('x/op', true)]).metrics;
  const cell = x?.rows[0]?.cells[1];
  assert.equal(cell?.summary.center, 48);
  assert.deepEqual(cell?.summary.warnings, [
    'exact distribution expected, but values range from 48 to 50',
  ]);
  assert.equal(cell?.vsBase?.delta, '-25.00%');
  assert.equal(cell?.vsBase?.test, 'n=5+4');
});

test('run files compare by scenario and metric key; labels and kinds', () => {
  const loaded: LoadedInput[] = [
    { path: 'x/startup-a.json', kind: 'run', run: run('startup-a.json') },
    { path: 'y/startup-b.json', kind: 'run', run: run('startup-b.json') },
  ];
  const prepared = prepareComparison(loaded);
  assert.deepEqual(
    prepared.metrics.map((m) => m.metric.id),
    ['wallNs', 'userNs', 'sysNs', 'peakRssBytes'],
  );
  assert.deepEqual(
    prepared.inputs.map((i) => i.label),
    ['startup-a.json', 'startup-b.json'],
  );
  assert.deepEqual(selectMetrics(prepared, ['ns/op', 'peak RSS (largest process in tree)']), [
    prepared.metrics[0]?.metric,
    prepared.metrics[3]?.metric,
  ]);
  assert.throws(() => selectMetrics(prepared, ['cpuNs']), /no metric "cpuNs" .*wallNs/);
  const report = compareInputs(prepared.inputs, selectMetrics(prepared, ['wallNs']));
  assert.deepEqual(
    report.metrics[0]?.rows.map((r) => r.benchmark),
    ['startup/go-version', 'startup/go-env'],
  );
  const table = renderCompare(report, 'table');
  assert.ok(table.includes(`base: startup-a.json (run ${run('startup-a.json').id})`), table);
  assert.match(table, /startup\/go-version +│ +[\d.]+ ms ± \d+% │ +[\d.]+ ms ± \d+% │/);
  assert.match(table, /\(p=\d\.\d{3} n=10\) │/);

  assert.deepEqual(inputLabels(['a/r.json', 'b/r.json', 'a/r.json']), [
    'a/r.json',
    'b/r.json',
    'a/r.json#2',
  ]);
  assert.equal(unitKind('ns/op'), 'ns');
  assert.equal(unitKind('user-sec/op'), 'sec');
  assert.equal(unitKind('peak-RSS-bytes'), 'bytes');
  assert.equal(unitKind('B/op'), 'bytes');
  assert.equal(unitKind('MB/s'), 'count');
});

/** The median of raw samples, computed here rather than by gobaseline's statistics. */
function rawMedian(values: number[]): number {
  const x = [...values].sort((p, q) => p - q);
  const mid = Math.floor(x.length / 2);
  return x.length % 2 ? (x[mid] as number) : ((x[mid - 1] as number) + (x[mid] as number)) / 2;
}

test("a run against another run's gobench export: the two runs' figures, in Go benchmark terms", () => {
  // Not an export against itself: run b's samples reach the comparison once as a run record and
  // once through its Go benchmark text, and both must give b's own medians and the same test.
  const a = run('startup-a.json');
  const b = run('startup-b.json');
  const compare = (loaded: LoadedInput[]) => {
    const prepared = prepareComparison(loaded);
    return {
      ids: prepared.metrics.map((m) => m.metric.id),
      report: compareInputs(prepared.inputs, selectMetrics(prepared, ['wallNs'])),
    };
  };
  const direct = compare([
    { path: 'a.json', kind: 'run', run: a },
    { path: 'b.json', kind: 'run', run: b },
  ]);
  const exported = compare([
    { path: 'a.json', kind: 'run', run: a },
    { path: 'b.txt', kind: 'gobench', file: parseGoBench(renderGoBench(b), 'b.txt') },
  ]);
  assert.deepEqual(exported.ids, ['ns/op', 'user-sec/op', 'sys-sec/op', 'peak-RSS-bytes']);
  const [viaRun] = direct.report.metrics;
  const [viaText] = exported.report.metrics;
  assert.equal(viaText?.metric.id, 'ns/op');
  assert.deepEqual(
    viaText?.rows.map((r) => r.benchmark),
    ['Startup/go-version-2', 'Startup/go-env-2'],
  );
  const wall = (r: RunRecord, i: number): number[] =>
    r.scenarios[i]?.samples.map((x) => x.metrics.wallNs ?? NaN) ?? [];
  viaText?.rows.forEach((row, i) => {
    const other = viaRun?.rows[i];
    const medians = [rawMedian(wall(a, i)), rawMedian(wall(b, i))];
    assert.notEqual(medians[0], medians[1], 'two different runs');
    assert.deepEqual(
      row.cells.map((c) => c?.summary.center),
      medians,
      `${row.benchmark}: centres`,
    );
    assert.deepEqual(
      other?.cells.map((c) => c?.summary.center),
      medians,
      `${row.benchmark}: centres of the runs compared directly`,
    );
    assert.deepEqual(row.cells[1]?.vsBase, other?.cells[1]?.vsBase, `${row.benchmark}: test`);
  });
  assert.deepEqual(viaText?.geomean, viaRun?.geomean);
});

test('inputs with nothing in common are refused', () => {
  const a = input('a.txt', { X: [1, 2, 3] });
  const b = input('b.txt', { Y: [1, 2, 3] });
  assert.throws(
    () => checkCommonGround([a, b], [metric('x/op')]),
    (err: unknown) =>
      err instanceof UsageError &&
      /b\.txt has no benchmark and metric in common with a\.txt \(a\.txt: X; b\.txt: Y\)/.test(
        err.message,
      ),
  );
  assert.doesNotThrow(() => checkCommonGround([a, a], [metric('x/op')]));
});

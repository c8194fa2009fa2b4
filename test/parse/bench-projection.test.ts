// Grouping results by keys (benchproc-style): the benchmark name, any configuration key, a
// label, or a function; values by unit or by a chosen metric.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyValue, keyValues, project } from '../../src/parse/bench-projection.js';
import type { BenchResult } from '../../src/parse/bench-result.js';

const result = (
  name: string,
  config: Record<string, string>,
  labels: Record<string, string>,
  ns: number,
): BenchResult => ({
  name,
  config,
  labels,
  iterations: 1,
  values: [
    { value: ns, unit: 'ns/op', recorded: { key: 'wallNs', value: ns } },
    { value: 64, unit: 'B/op' },
  ],
});

const RESULTS = [
  result('A-2', { goos: 'linux', cache: 'cold' }, { toolchain: 'go1.26' }, 10),
  result('A-2', { goos: 'linux', cache: 'warm' }, { toolchain: 'go1.27' }, 20),
  result('B-2', { goos: 'linux', cache: 'cold' }, { toolchain: 'go1.26' }, 30),
  result('A-2', { goos: 'linux', cache: 'cold' }, { toolchain: 'go1.26' }, 11),
  result('B-2', { goos: 'linux', cache: 'warm' }, { toolchain: 'go1.27' }, 40),
];

test('keys: .name, labels before configuration, functions, and "" for a missing key', () => {
  const [r] = RESULTS;
  assert.ok(r);
  assert.equal(keyValue(r, '.name'), 'A-2');
  assert.equal(keyValue(r, 'cache'), 'cold');
  assert.equal(keyValue(r, 'toolchain'), 'go1.26');
  assert.equal(keyValue({ ...r, labels: { cache: 'label' } }, 'cache'), 'label');
  assert.equal(keyValue(r, 'gogc'), '');
  assert.equal(
    keyValue(r, (x) => x.name.toLowerCase()),
    'a-2',
  );
  assert.deepEqual(keyValues(RESULTS, 'toolchain'), ['go1.26', 'go1.27']);
});

test('one projection groups by any key: columns by a label, rows by name, values by unit', () => {
  const samples = project(RESULTS, { row: '.name', column: 'toolchain' });
  assert.deepEqual(
    samples.map((s) => [s.column, s.row, s.metric, s.values]),
    [
      ['go1.26', 'A-2', 'ns/op', [10, 11]],
      ['go1.26', 'A-2', 'B/op', [64, 64]],
      ['go1.27', 'A-2', 'ns/op', [20]],
      ['go1.27', 'A-2', 'B/op', [64]],
      ['go1.26', 'B-2', 'ns/op', [30]],
      ['go1.26', 'B-2', 'B/op', [64]],
      ['go1.27', 'B-2', 'ns/op', [40]],
      ['go1.27', 'B-2', 'B/op', [64]],
    ],
  );
});

test('the same results by a configuration key, values under their recorded metric', () => {
  const samples = project(RESULTS, {
    row: '.name',
    column: 'cache',
    metric: (v) =>
      v.recorded
        ? { metric: v.recorded.key, value: v.recorded.value }
        : { metric: v.unit, value: v.value },
  });
  const wall = samples.filter((s) => s.metric === 'wallNs');
  assert.deepEqual(
    wall.map((s) => [s.column, s.row, s.values]),
    [
      ['cold', 'A-2', [10, 11]],
      ['warm', 'A-2', [20]],
      ['cold', 'B-2', [30]],
      ['warm', 'B-2', [40]],
    ],
  );
  assert.equal(samples.filter((s) => s.metric === 'B/op').length, 4);
});

// A run record converted directly to benchmark results: the same results its Go benchmark export
// reads back as, labels for projections, the record's own values beside the Go ones, failed
// samples as warnings, and assumptions from the metric.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from '../../src/record/run-record.js';
import { compareInputs } from '../../src/report/compare.js';
import {
  prepareComparison,
  prepareConfigurationComparison,
  selectMetrics,
} from '../../src/report/compare-inputs.js';
import { renderCompare } from '../../src/report/compare-render.js';
import { renderGoBench } from '../../src/report/gobench.js';
import { parseGoBench } from '../../src/parse/gobench-reader.js';
import { runResults } from '../../src/report/run-results.js';
import { assumeExact, assumeNothing } from '../../src/stats/index.js';
import { loadRunFixture, toolchainsAsConfigurations } from '../support/runs.js';

const load = loadRunFixture;

/** startup-a measured as go1.26.8 and startup-b's samples as go1.27.3, in one run. */
function twoToolchains(): RunRecord {
  const run = load('startup-a.json');
  const other = load('startup-b.json');
  const [first] = run.config.toolchains;
  assert.ok(first);
  run.config.toolchains = [first, { ...first, label: 'go1.27.3' }];
  run.scenarios = run.scenarios.flatMap((s, i) => {
    const b = other.scenarios[i];
    return b ? [s, { ...b, toolchain: 'go1.27.3' }] : [s];
  });
  return toolchainsAsConfigurations(run);
}

test('the direct conversion holds what the Go benchmark export reads back as', () => {
  for (const run of [load('startup-a.json'), twoToolchains()]) {
    const direct = runResults(run);
    const read = parseGoBench(renderGoBench(run), 'export.txt');
    assert.equal(direct.results.length, read.results.length);
    direct.results.forEach((r, i) => {
      const back = read.results[i];
      assert.ok(back);
      assert.equal(r.name, back.name);
      assert.deepEqual(r.config, back.config);
      assert.equal(r.iterations, back.iterations);
      assert.deepEqual(
        r.values.map(({ value, unit }) => ({ value, unit })),
        back.values,
      );
    });
    assert.deepEqual([...direct.units.values()], [...read.units.values()]);
  }
});

test('results are labelled with scenario, toolchain and configuration and keep the recorded values', () => {
  const run = twoToolchains();
  const { results } = runResults(run);
  const first = results[0];
  assert.ok(first);
  assert.deepEqual(first.labels, {
    scenario: 'startup/go-version',
    toolchain: 'go1.26.8',
    configuration: 'go1.26.8',
  });
  assert.equal(first.name, 'Startup/go-version/toolchain=go1.26.8-2');
  assert.equal(first.config.cache, 'none');
  const sample = run.scenarios[0]?.samples[0];
  const user = first.values.find((v) => v.unit === 'user-sec/op');
  assert.deepEqual(user?.recorded, { key: 'userNs', value: sample?.metrics.userNs });
  assert.equal(user?.value, (sample?.metrics.userNs ?? NaN) / 1e9);
  assert.deepEqual([...new Set(results.map((r) => r.labels.toolchain))], ['go1.26.8', 'go1.27.3']);
});

test('failed samples and scenarios not measured are warnings, not results', () => {
  const run = load('startup-a.json');
  const [version, env] = run.scenarios;
  assert.ok(version && env);
  version.samples[3] = {
    ...version.samples[3]!,
    ok: false,
    metrics: {},
    failure: { reason: 'exit status 1', stderrTail: '' },
  };
  env.setupFailure = { reason: 'no network', stderrTail: '' };
  env.samples = [];
  const data = runResults(run);
  assert.equal(data.results.length, 9);
  assert.deepEqual(data.warnings, [
    {
      code: 'failed-samples',
      message:
        'startup/go-version: 1 of 10 runs failed and are left out (a failed run is not a timing)',
    },
    { code: 'not-measured', message: 'startup/go-env: not measured, setup failed (no network)' },
  ]);
  assert.match(renderGoBench(run), /^# startup\/go-version: 1 of 10 runs failed/m);
  // compare carries them per input and prints them under the inputs line.
  const prepared = prepareComparison([
    { path: 'a.json', kind: 'run', run: load('startup-a.json') },
    { path: 'b.json', kind: 'run', run },
  ]);
  assert.deepEqual(prepared.inputs[1]?.warnings, data.warnings);
  const report = compareInputs(prepared.inputs, selectMetrics(prepared, ['wallNs']));
  const lines = renderCompare(report, 'table').split('\n');
  assert.match(lines[1] ?? '', /^b\.json: startup\/go-version: 1 of 10 runs failed/);
  assert.match(lines[2] ?? '', /^b\.json: startup\/go-env: not measured/);
  const json = JSON.parse(renderCompare(report, 'json')) as { inputs: { warnings: unknown }[] };
  assert.deepEqual(json.inputs[1]?.warnings, data.warnings);
});

test('an exact metric is assume=exact, also in records written before specs carried it', () => {
  const run = load('startup-a.json');
  const scenario = run.scenarios[0];
  assert.ok(scenario);
  scenario.metrics = [
    ...scenario.metrics,
    { key: 'binarySizeBytes', unit: 'bytes', label: 'binary size' },
  ];
  scenario.samples = scenario.samples.map((s) => ({
    ...s,
    metrics: { ...s.metrics, binarySizeBytes: 1500000 },
  }));
  const data = runResults(run);
  assert.deepEqual(data.units.get('binary-size-bytes')?.metadata, {
    better: 'lower',
    assume: 'exact',
  });
  assert.deepEqual(data.units.get('sec/op')?.metadata, { better: 'lower' });
  assert.match(renderGoBench(run), /^Unit binary-size-bytes better=lower assume=exact$/m);
  // compare takes the assumption from the metric: by run record key and by Go unit alike.
  const runs = prepareComparison([
    { path: 'a.json', kind: 'run', run },
    { path: 'b.json', kind: 'run', run },
  ]);
  assert.equal(
    runs.metrics.find((m) => m.metric.id === 'binarySizeBytes')?.metric.assumption,
    assumeExact,
  );
  const mixed = prepareComparison([
    { path: 'a.json', kind: 'run', run },
    {
      path: 'a.txt',
      kind: 'gobench',
      file: parseGoBench('BenchmarkX 1 5 binary-size-bytes\n', 'a.txt'),
    },
  ]);
  const size = mixed.metrics.find((m) => m.metric.id === 'binary-size-bytes');
  assert.equal(size?.metric.assumption, assumeExact);
  assert.equal(
    mixed.metrics.find((m) => m.metric.id === 'ns/op')?.metric.assumption,
    assumeNothing,
  );
});

test('a run of several toolchains is compared by projecting its results by toolchain', () => {
  const run = twoToolchains();
  const prepared = prepareConfigurationComparison(run);
  assert.deepEqual(
    prepared.inputs.map((i) => i.label),
    ['go1.26.8', 'go1.27.3'],
  );
  const wall = (i: number) => prepared.inputs[i]?.samples.filter((s) => s.metric === 'wallNs');
  assert.deepEqual(
    wall(0)?.map((s) => s.benchmark),
    ['startup/go-version', 'startup/go-env'],
  );
  assert.deepEqual(
    wall(1)?.[0]?.values,
    load('startup-b.json').scenarios[0]?.samples.map((s) => s.metrics.wallNs),
  );
  assert.deepEqual(
    prepared.metrics.map((m) => m.metric.id),
    ['wallNs', 'userNs', 'sysNs', 'peakRssBytes'],
  );
});

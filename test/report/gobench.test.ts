// The Go benchmark format writer, on a real run record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from '../../src/record/run-record.js';
import { SCENARIOS } from '../../src/scenarios/catalogue.js';
import { PROCESS_METRICS } from '../../src/scenarios/types.js';
import { renderGoBench, writeGoBench } from '../../src/report/gobench.js';
import { parseConfigLine, parseGoBench } from '../../src/parse/gobench-reader.js';
import { benchmarkName, gobenchConfig, gobenchUnit } from '../../src/report/run-results.js';
import { loadRunFixture, toolchainsAsConfigurations } from '../support/runs.js';

function loadRun(name = 'startup-a.json'): RunRecord {
  return loadRunFixture(name);
}

test('units: go test and sweet names for process metrics, derived names for the rest', () => {
  const units = Object.fromEntries(
    [...PROCESS_METRICS, ...SCENARIOS.flatMap((s) => s.metrics)].map((m) => [
      m.key,
      gobenchUnit(m),
    ]),
  );
  assert.deepEqual(units, {
    wallNs: 'ns/op',
    userNs: 'user-sec/op',
    sysNs: 'sys-sec/op',
    peakRssBytes: 'peak-RSS-bytes',
    pkgCompileNs: 'pkg-compile-sec/op',
    linkNs: 'link-sec/op',
    binarySizeBytes: 'binary-size-bytes',
    selfPeakRssBytes: 'self-peak-RSS-bytes',
    gcCycles: 'gc-cycles/op',
    stwPauseTotalNs: 'stw-pause-total-sec/op',
    stwPauseP99Ns: 'stw-pause-p99-sec/op',
    gcCpuPercent: 'gc-CPU-percent',
    peakHeapBytes: 'peak-heap-bytes',
    maxHeapGoalBytes: 'max-heap-goal-bytes',
  });
});

test('names: sub-benchmark style with the GOMAXPROCS suffix go test uses', () => {
  assert.equal(benchmarkName('startup/go-version', 2), 'Startup/go-version-2');
  assert.equal(benchmarkName('build/net-http-warm', 16), 'Build/net-http-warm-16');
  assert.equal(benchmarkName('runtime/gc', 1), 'Runtime/gc');
});

test('the writer: Unit lines, configuration changes and deletions, values as Go reads them', () => {
  const units = new Map([['sec/op', { unit: 'ns/op', metadata: { better: 'lower' } }]]);
  const value = (v: number, unit = 'ns/op') => ({ value: v, unit });
  const text = writeGoBench(
    {
      results: [
        {
          name: 'A-2',
          config: { goos: 'linux', cache: 'cold' },
          labels: {},
          iterations: 1,
          values: [value(12), value(0.002468, 'user-sec/op')],
        },
        {
          name: 'A-2',
          config: { goos: 'linux', cache: 'cold' },
          labels: {},
          iterations: 1,
          values: [value(1234), value(0, 'user-sec/op')],
        },
        {
          name: 'B',
          config: { goos: 'linux' },
          labels: {},
          iterations: 3,
          values: [value(Infinity), value(NaN, 'x/op')],
        },
      ],
      units,
      warnings: [],
    },
    ['made by a test'],
  );
  assert.equal(
    text,
    [
      '# made by a test',
      'Unit ns/op better=lower',
      'goos: linux',
      'cache: cold',
      'BenchmarkA-2\t1\t  12 ns/op\t0.002468 user-sec/op',
      'BenchmarkA-2\t1\t1234 ns/op\t       0 user-sec/op',
      'cache:',
      'BenchmarkB\t3\t+Inf ns/op\tNaN x/op',
      '',
    ].join('\n'),
  );
  const back = parseGoBench(text, 'w.txt');
  assert.deepEqual(
    back.results.map((r) => [r.name, r.config, r.iterations, r.values]),
    [
      ['A-2', { goos: 'linux', cache: 'cold' }, 1, [value(12), value(0.002468, 'user-sec/op')]],
      ['A-2', { goos: 'linux', cache: 'cold' }, 1, [value(1234), value(0, 'user-sec/op')]],
      ['B', { goos: 'linux' }, 3, [value(Infinity), value(NaN, 'x/op')]],
    ],
  );
});

test('a run: comment header, stable configuration, Unit lines, one result line per sample', () => {
  const run = loadRun();
  const text = renderGoBench(run);
  const lines = text.trimEnd().split('\n');
  assert.match(lines[0] ?? '', new RegExp(`^# gobaseline \\S+ run ${run.id} \\(complete\\)`));
  const config = gobenchConfig(run);
  assert.deepEqual(
    config.map(([k]) => k),
    ['goos', 'goarch', 'cpu', 'go-version', 'machine', 'measured-by'],
  );
  assert.deepEqual(Object.fromEntries(config).machine, 'vm');
  assert.equal(Object.fromEntries(config)['go-version'], 'go1.26.8');
  for (const [k, v] of config) assert.deepEqual(parseConfigLine(`${k}: ${v}`), [k, v]);
  // Nothing that changes from run to run is configuration (it would split benchstat's tables).
  for (const line of lines) {
    const kv = parseConfigLine(line);
    if (!kv) continue;
    assert.ok(!kv[1].includes(run.id) && !kv[1].includes(run.startedAt), line);
  }
  assert.ok(lines.includes('Unit ns/op better=lower'));
  assert.ok(lines.includes('Unit peak-RSS-bytes better=lower'));
  assert.ok(lines.includes('cache: none'));

  const file = parseGoBench(text, 'a.txt');
  const ok = run.scenarios.flatMap((s) => s.samples.filter((x) => x.ok));
  assert.equal(file.results.length, ok.length);
  const first = run.scenarios[0];
  const read = file.results.filter((r) => r.name === 'Startup/go-version-2');
  const valuesOf = (unit: string): number[] =>
    read.map((r) => r.values.find((v) => v.unit === unit)?.value ?? NaN);
  assert.deepEqual(
    valuesOf('ns/op'),
    first?.samples.map((s) => s.metrics.wallNs),
  );
  assert.deepEqual(
    valuesOf('user-sec/op').map((v) => Math.round(v * 1e9)),
    first?.samples.map((s) => s.metrics.userNs),
  );
});

test('failed samples are not written; --env settings are configuration; GOMAXPROCS names', () => {
  const run = loadRun();
  const scenario = run.scenarios[0];
  assert.ok(scenario);
  const failed = scenario.samples[1];
  assert.ok(failed);
  scenario.samples[1] = {
    ...failed,
    ok: false,
    metrics: {},
    failure: { reason: 'exit status 1', stderrTail: '' },
  };
  run.config.userEnv = { GOMAXPROCS: '1', GOGC: '50' };
  run.config.env.GOMAXPROCS = '1';
  const file = parseGoBench(renderGoBench(run), 'x.txt');
  const names = [...new Set(file.results.map((r) => r.name))];
  assert.deepEqual(names, ['Startup/go-version', 'Startup/go-env']);
  assert.equal(file.results.filter((r) => r.name === 'Startup/go-version').length, 9);
  assert.equal(file.config.gomaxprocs, '1');
  assert.equal(file.config.gogc, '50');
});

test('a run of several toolchains names each in the benchmark, not in configuration', () => {
  const run = loadRun();
  const [first] = run.config.toolchains;
  assert.ok(first);
  const other = { ...first, label: 'go1.27.3', version: 'go version go1.27.3 linux/amd64' };
  run.config.toolchains = [first, other];
  run.scenarios = run.scenarios.flatMap((s) => [s, { ...s, toolchain: 'go1.27.3' }]);
  toolchainsAsConfigurations(run);
  const text = renderGoBench(run);
  assert.match(text, /^# toolchains: go1\.26\.8 \(\S+\), go1\.27\.3 \(\S+\)$/m);
  const file = parseGoBench(text, 'ab.txt');
  assert.equal(file.config['go-version'], undefined);
  assert.deepEqual(
    [...new Set(file.results.map((r) => r.name))],
    [
      'Startup/go-version/toolchain=go1.26.8-2',
      'Startup/go-version/toolchain=go1.27.3-2',
      'Startup/go-env/toolchain=go1.26.8-2',
      'Startup/go-env/toolchain=go1.27.3-2',
    ],
  );
});

// The Go benchmark format reader, on captured go test -bench output and on edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UsageError } from '../../src/errors.js';
import { project, type Sample } from '../../src/parse/bench-projection.js';
import { tidyUnit, unitMetadata, type BenchResult } from '../../src/parse/bench-result.js';
import { parseConfigLine, parseGoBench } from '../../src/parse/gobench-reader.js';
import { fixturePath } from '../support/paths.js';

const fixture = (name: string): string => readFileSync(fixturePath(`gobench/${name}`), 'utf8');

/** benchstat's default grouping of one file: a sample per benchmark name and unit. */
const samples = (results: readonly BenchResult[]): Sample[] =>
  project(results, { row: '.name', column: () => '' });

test('reads real go test -bench output: config, -N suffix, several units per line', () => {
  const file = parseGoBench(fixture('go-test-bench-go1.26.8.txt'), 'go-test.txt');
  assert.deepEqual(file.config, {
    goos: 'linux',
    goarch: 'amd64',
    pkg: 'example.com/gbfixture',
    cpu: 'Intel(R) Xeon(R) Processor',
  });
  assert.equal(file.results.length, 15);
  const join = file.results.find((r) => r.name === 'Join-2');
  assert.ok(join);
  assert.equal(join.procs, 2);
  assert.equal(join.iterations, 20000);
  assert.deepEqual(
    join.values.map((v) => v.unit),
    ['ns/op', 'parts/op', 'B/op', 'allocs/op'],
  );
  assert.equal(join.config.cpu, 'Intel(R) Xeon(R) Processor');
  assert.deepEqual(
    samples(file.results).map((s) => `${s.row} ${s.metric} ${s.values.length}`),
    [
      'Fib/n=10-2 ns/op 5',
      'Fib/n=20-2 ns/op 5',
      'Join-2 ns/op 5',
      'Join-2 parts/op 5',
      'Join-2 B/op 5',
      'Join-2 allocs/op 5',
    ],
  );
  assert.deepEqual(samples(file.results)[0]?.values, [402.9, 403.7, 316.7, 317.8, 311.8]);
  assert.deepEqual(
    file.results.filter((r) => r.name === 'Fib/n=10-2').map((r) => r.line),
    [5, 6, 7, 8, 9],
  );
});

test('go test -v output: the bare benchmark names are not results', () => {
  const file = parseGoBench(fixture('go-test-bench-v-go1.26.8.txt'), 'v.txt');
  assert.equal(file.results.length, 15);
  assert.equal(samples(file.results).length, 6);
  assert.ok(file.results.every((r) => r.values.length > 0));
});

test('Unit lines, config changes and deletions, comments, CRLF', () => {
  const text = [
    '# a comment',
    'goos: linux',
    'note: first',
    'Unit ns/op better=lower',
    'Unit peak-RSS-bytes better=lower assume=exact',
    'Unit ns/op better=lower',
    'BenchmarkA 1 100 ns/op 2048 peak-RSS-bytes',
    'note:',
    'cache: warm',
    'BenchmarkA\t1\t1e2 ns/op\t2048 peak-RSS-bytes',
    'PASS',
    'ok  \texample.com/x\t1.0s',
    'BenchmarkB-8 2 +Inf ns/op',
    '',
  ].join('\r\n');
  const file = parseGoBench(text, 'x.txt');
  assert.equal(unitMetadata(file.units, 'ns/op', 'better'), 'lower');
  assert.equal(
    unitMetadata(file.units, 'sec/op', 'better'),
    'lower',
    'metadata applies to tidied units',
  );
  assert.equal(unitMetadata(file.units, 'peak-RSS-bytes', 'assume'), 'exact');
  assert.equal(unitMetadata(file.units, 'ns/op', 'assume'), undefined);
  assert.deepEqual(file.results[0]?.config, { goos: 'linux', note: 'first' });
  assert.deepEqual(file.results[1]?.config, { goos: 'linux', cache: 'warm' });
  assert.equal(file.results[1]?.values[0]?.value, 100);
  assert.equal(file.results[2]?.values[0]?.value, Infinity);
  assert.equal(file.results[2]?.procs, 8);
  assert.equal(samples(file.results).length, 3);
});

test('configuration lines follow the format: lower-case key, space after the colon', () => {
  assert.deepEqual(parseConfigLine('goos: linux'), ['goos', 'linux']);
  assert.deepEqual(parseConfigLine('cpu-speed:\t2.1 GHz'), ['cpu-speed', '2.1 GHz']);
  assert.deepEqual(parseConfigLine('empty:'), ['empty', '']);
  assert.equal(parseConfigLine('Goos: linux'), null);
  assert.equal(parseConfigLine('goOS: linux'), null);
  assert.equal(parseConfigLine('key:value'), null);
  assert.equal(parseConfigLine('ok  \texample.com/x\t1.0s'), null);
});

test('units are tidied as benchstat does: ns → sec and MB → B in the numerator only', () => {
  assert.equal(tidyUnit('ns/op'), 'sec/op');
  assert.equal(tidyUnit('user-ns/op'), 'user-sec/op');
  assert.equal(tidyUnit('MB/s'), 'B/s');
  assert.equal(tidyUnit('B/ns'), 'B/ns');
  assert.equal(tidyUnit('peak-RSS-bytes'), 'peak-RSS-bytes');
});

test('a malformed result line is a UsageError naming file and line', () => {
  const cases: [string, RegExp][] = [
    ['BenchmarkX-2 abc 100 ns/op', /iteration count "abc" is not an integer/],
    ['BenchmarkX-2 1', /missing measurements/],
    ['BenchmarkX-2 1 100', /missing unit after 100/],
    ['BenchmarkX-2 1 1.2.3 ns/op', /"1\.2\.3" is not a number/],
    ['BenchmarkX-2 1 100 ns/op 7', /missing unit after 7/],
    ['Unit ns/op better', /expected key=value/],
    ['Unit', /missing unit/],
  ];
  for (const [line, why] of cases) {
    const text = `goos: linux\n\n${line}\n`;
    assert.throws(
      () => parseGoBench(text, 'bad.txt'),
      (err: unknown) =>
        err instanceof UsageError &&
        /^bad\.txt:3: /.test(err.message) &&
        why.test(err.message) &&
        !err.message.includes('\n'),
      line,
    );
  }
  assert.throws(
    () => parseGoBench('Unit ns/op assume=exact\nUnit ns/op assume=nothing\n', 'u.txt'),
    /u\.txt:2: .*already set to exact/,
  );
});

test('text without result lines parses to nothing', () => {
  const file = parseGoBench('hello\nworld: yes\n', 'notes.txt');
  assert.equal(file.results.length, 0);
  assert.equal(samples(file.results).length, 0);
});

test('numbers that do not fit are malformed, as benchfmt reads them (found by fuzzing)', () => {
  const huge = '9'.repeat(400);
  assert.throws(() => parseGoBench(`BenchmarkX-2 ${huge} 5 ns/op\n`, 'a.txt'), /too large/);
  assert.throws(() => parseGoBench('BenchmarkX-2 100 1e309 ns/op\n', 'a.txt'), UsageError);
  assert.equal(
    parseGoBench('BenchmarkX-2 100 +Inf ns/op\n', 'a.txt').results[0]?.values[0]?.value,
    Infinity,
  );
  // A GOMAXPROCS suffix too large for an integer is part of the name.
  const [r] = parseGoBench('BenchmarkX-9007199254740993 100 5 ns/op\n', 'a.txt').results;
  assert.equal(r?.name, 'X-9007199254740993');
  assert.equal(r?.procs, null);
});

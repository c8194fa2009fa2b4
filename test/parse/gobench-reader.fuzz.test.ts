// Properties of the Go benchmark format reader (see test/support/fuzz.ts for the contract).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import { tidyUnit, type BenchResult } from '../../src/parse/bench-result.js';
import { writeGoBench } from '../../src/report/gobench.js';
import { parseGoBench, type GoBenchFile } from '../../src/parse/gobench-reader.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';
import { fixturePath } from '../support/paths.js';

const read = (name: string): string => readFileSync(fixturePath(`gobench/${name}`), 'utf8');
const fixtures = [read('go-test-bench-go1.26.8.txt'), read('go-test-bench-v-go1.26.8.txt')];
const TOKENS = [
  'Benchmark',
  'BenchmarkX-2',
  'Unit',
  'ns/op',
  'B/op',
  'better=lower',
  'assume=exact',
];
const TOKENS_WITH_KEYS = [...TOKENS, 'goos:', 'cpu:', 'pkg: '];

function checkFile(f: GoBenchFile): void {
  for (const r of f.results) {
    assert.ok(Number.isSafeInteger(r.iterations), `iterations ${r.iterations}`);
    assert.ok(r.values.length > 0);
    assert.ok(r.procs === null || Number.isSafeInteger(r.procs), `procs ${r.procs}`);
  }
}

// Results as the writer takes them (the shared result model), from parts.
const configKey = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}$/);
const configValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/);
const unit = fc.stringMatching(/^[a-zA-Z%][!-~]{0,10}$/);
// Values as Go prints them: decimals, exponents, infinities (NaN reads back as NaN).
const value = fc.oneof(
  fc.double({ noDefaultInfinity: true, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
  fc.integer({ min: 0, max: 1e9 }),
  fc.constantFrom(Infinity, -Infinity, NaN),
);
const result: fc.Arbitrary<BenchResult> = fc.record(
  {
    name: fc.stringMatching(/^[A-Z][A-Za-z0-9_/=.,-]{0,20}$/),
    config: fc.dictionary(configKey, configValue, { maxKeys: 3, noNullPrototype: true }),
    labels: fc.constant({}),
    iterations: fc.nat(),
    values: fc.array(fc.record({ value, unit }, { noNullPrototype: true }), {
      minLength: 1,
      maxLength: 4,
    }),
  },
  { noNullPrototype: true },
);
const metadata = fc.dictionary(
  fc.stringMatching(/^[a-z]{1,8}$/),
  fc.stringMatching(/^[!-~]{1,8}$/),
  { maxKeys: 2, noNullPrototype: true },
);

export const properties = [
  parserProperty({
    name: 'Go benchmark text: damaged go test output parses or fails with UsageError',
    input: fc.oneof(
      { arbitrary: mutatedText(fixtures, TOKENS_WITH_KEYS), weight: 4 },
      { arbitrary: tokenSoup(TOKENS), weight: 1 },
    ),
    parse: (text: string) => parseGoBench(text, 'fuzz.txt'),
    errors: [UsageError],
    check: checkFile,
  }),
  parserProperty({
    name: 'Go benchmark text: what the writer writes, the reader reads back the same',
    input: fc.record({
      results: fc.array(result, { maxLength: 12 }),
      units: fc.uniqueArray(fc.tuple(unit, metadata), {
        maxLength: 3,
        selector: ([u]) => tidyUnit(u),
      }),
    }),
    parse: (data: { results: BenchResult[]; units: [string, Record<string, string>][] }) =>
      parseGoBench(
        writeGoBench({
          results: data.results,
          units: new Map(data.units.map(([u, m]) => [tidyUnit(u), { unit: u, metadata: m }])),
          warnings: [],
        }),
        'fuzz.txt',
      ),
    errors: [],
    check: (file, data) => {
      assert.deepEqual(
        file.results.map(({ name, config, labels, iterations, values }) => ({
          name,
          config,
          labels,
          iterations,
          values,
        })),
        data.results,
      );
      const written = data.units.filter(([, m]) => Object.keys(m).length > 0);
      assert.deepEqual(
        [...file.units.values()],
        written.map(([u, m]) => ({ unit: u, metadata: m })),
      );
    },
  }),
];

fuzzTests(import.meta.url, properties);

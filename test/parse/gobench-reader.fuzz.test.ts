// Properties of the Go benchmark format reader (see test/support/fuzz.ts for the contract).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import { parseGoBench, type GoBenchFile } from '../../src/report/gobench-reader.js';
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

// A file written as `go test -bench` and benchstat write it, from parts.
const configKey = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}$/);
const configValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/);
// Values as Go prints them: decimals, exponents, infinities (NaN reads back as NaN).
const value = fc.oneof(
  fc.double({ noDefaultInfinity: true, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
  fc.integer({ min: 0, max: 1e9 }),
  fc.constantFrom(Infinity, -Infinity, NaN),
);
const goFloat = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);
const result = fc.record(
  {
    name: fc.stringMatching(/^[A-Z][A-Za-z0-9_/=.,-]{0,20}$/),
    iterations: fc.nat(),
    values: fc.array(
      fc.record(
        { value, unit: fc.stringMatching(/^[a-zA-Z%][!-~]{0,10}$/) },
        { noNullPrototype: true },
      ),
      { minLength: 1, maxLength: 4 },
    ),
  },
  { noNullPrototype: true },
);
const line = fc.oneof(
  result.map((r) => ({ kind: 'result' as const, r })),
  fc.tuple(configKey, configValue).map(([k, v]) => ({ kind: 'config' as const, k, v })),
  fc.constantFrom('PASS', 'ok  \texample.com/x\t1.2s', '', '# comment').map((t) => ({
    kind: 'other' as const,
    t,
  })),
);
type Line = typeof line extends fc.Arbitrary<infer L> ? L : never;

function formatFile(lines: Line[]): string {
  return lines
    .map((l) => {
      if (l.kind === 'config') return `${l.k}: ${l.v}`;
      if (l.kind === 'other') return l.t;
      const values = l.r.values.map((v) => `${goFloat(v.value)} ${v.unit}`).join('\t');
      return `Benchmark${l.r.name}\t${l.r.iterations}\t${values}`;
    })
    .join('\n');
}

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
    name: 'Go benchmark text: results and configuration as written read back the same',
    input: fc.array(line, { maxLength: 20 }),
    parse: (lines: Line[]) => parseGoBench(formatFile(lines), 'fuzz.txt'),
    errors: [],
    check: (file, lines) => {
      const config: Record<string, string> = {};
      const expected = [];
      for (const l of lines) {
        if (l.kind === 'config') config[l.k] = l.v;
        if (l.kind === 'result') {
          expected.push({ ...l.r, config: { ...config } });
        }
      }
      assert.deepEqual(
        file.results.map(({ name, iterations, values, config: c }) => ({
          name,
          iterations,
          values,
          config: c,
        })),
        expected,
      );
      assert.deepEqual(file.config, config);
    },
  }),
];

fuzzTests(import.meta.url, properties);

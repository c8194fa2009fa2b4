// Properties of the gctrace parser (see test/support/fuzz.ts for the contract every parser keeps).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  GctraceParseError,
  parseGctrace,
  parseGctraceLine,
  summarizeGc,
  type GcCycle,
} from '../../src/parse/gctrace.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';
import { fixturePath } from '../support/paths.js';

const captured = readFileSync(fixturePath('gctrace-go1.26.8.txt'), 'utf8');
const TOKENS = ['gc', '@', 's', 'ms clock,', 'ms cpu,', 'MB,', 'MB goal,', 'P', '(forced)', '->'];

function assertFiniteNumbers(value: unknown, where = 'result'): void {
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${where} is ${value}`);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertFiniteNumbers(v, `${where}.${k}`);
  }
}

const ms = fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000);
const count = fc.integer({ min: 0, max: 1_000_000 });
const cycle: fc.Arbitrary<GcCycle> = fc.record(
  {
    cycle: fc.integer({ min: 1, max: 1_000_000 }),
    atSeconds: ms,
    cpuPercent: fc.integer({ min: 0, max: 100 }),
    clockMs: fc.record(
      { sweepTermination: ms, concurrentMark: ms, markTermination: ms },
      { noNullPrototype: true },
    ),
    heapStartMiB: count,
    heapEndMiB: count,
    liveHeapMiB: count,
    goalMiB: count,
    procs: fc.integer({ min: 1, max: 1024 }),
    forced: fc.boolean(),
  },
  { noNullPrototype: true },
);

/** A line as runtime/mgc.go prints it (the cpu times are not read back, so any will do). */
function formatLine(c: GcCycle, withStacks: boolean): string {
  const k = c.clockMs;
  return (
    `gc ${c.cycle} @${c.atSeconds}s ${c.cpuPercent}%: ` +
    `${k.sweepTermination}+${k.concurrentMark}+${k.markTermination} ms clock, ` +
    `0.1+0.2/0.3/0.4+0.5 ms cpu, ${c.heapStartMiB}->${c.heapEndMiB}->${c.liveHeapMiB} MB, ` +
    `${c.goalMiB} MB goal, ${withStacks ? '0 MB stacks, 1 MB globals, ' : ''}` +
    `${c.procs} P${c.forced ? ' (forced)' : ''}`
  );
}

export const properties = [
  parserProperty({
    name: 'gctrace: a damaged capture parses or fails with GctraceParseError',
    input: fc.oneof(mutatedText([captured], TOKENS), tokenSoup(TOKENS)),
    parse: (text: string) => {
      const cycles = parseGctrace(text);
      return { cycles, summary: summarizeGc(cycles) };
    },
    errors: [GctraceParseError],
    check: (result) => assertFiniteNumbers(result),
  }),
  parserProperty({
    name: 'gctrace: a line as the runtime prints it reads back the same',
    input: fc.tuple(cycle, fc.boolean()),
    parse: ([c, withStacks]: [GcCycle, boolean]) => parseGctraceLine(formatLine(c, withStacks)),
    errors: [],
    check: (parsed, [c]) => assert.deepEqual(parsed, c),
  }),
];

fuzzTests(import.meta.url, properties);

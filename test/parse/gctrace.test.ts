import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  GctraceParseError,
  parseGctrace,
  parseGctraceLine,
  summarizeGc,
} from '../../src/parse/gctrace.js';
import { fixturePath } from '../support/paths.js';

const captured = readFileSync(fixturePath('gctrace-go1.26.8.txt'), 'utf8');

test('parses every cycle of a real go1.26.8 gctrace capture', () => {
  const cycles = parseGctrace(captured);
  assert.equal(cycles.length, 262);
  assert.deepEqual(cycles[2], {
    cycle: 3,
    atSeconds: 0.003,
    cpuPercent: 4,
    clockMs: { sweepTermination: 0.022, concurrentMark: 2.3, markTermination: 0.02 },
    heapStartMiB: 2,
    heapEndMiB: 29,
    liveHeapMiB: 26,
    goalMiB: 4,
    procs: 2,
    forced: false,
  });
  assert.equal(cycles.at(-1)?.cycle, 262);
});

test('summarises cycles: count, stop-the-world pauses, GC CPU share, peak heap', () => {
  const summary = summarizeGc(parseGctrace(captured));
  assert.equal(summary.gcCycles, 262);
  assert.equal(summary.gcCpuPercent, 11); // the last line's cumulative share
  assert.ok(summary.stwPauseTotalNs > 0);
  assert.ok(summary.stwPauseP99Ns >= 20_000); // at least the typical 0.02 ms pause
  assert.equal(summary.peakHeapBytes, 44 * 1024 * 1024); // "44->44->0 MB" in cycle 4
});

test('pause total sums both stop-the-world phases and p99 is nearest-rank', () => {
  const cycles = [
    parseGctraceLine(
      'gc 1 @0.001s 1%: 0.010+1.0+0.030 ms clock, 0+0/0/0+0 ms cpu, 4->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 8 P',
    ),
    parseGctraceLine(
      'gc 2 @0.002s 2%: 0.050+1.0+0.500 ms clock, 0+0/0/0+0 ms cpu, 4->5->1 MB, 8 MB goal, 0 MB stacks, 0 MB globals, 8 P (forced)',
    ),
  ];
  const s = summarizeGc(cycles);
  assert.equal(s.stwPauseTotalNs, 10_000 + 30_000 + 50_000 + 500_000);
  assert.equal(s.stwPauseP99Ns, 500_000);
  assert.equal(s.maxHeapGoalBytes, 8 * 1024 * 1024);
  assert.equal(cycles[1]?.forced, true);
});

test('accepts lines of Go versions before 1.18 (no stacks/globals)', () => {
  const c = parseGctraceLine(
    'gc 7 @1.234s 3%: 0.1+2+0.2 ms clock, 0.4+0.1/1/2+0.8 ms cpu, 10->12->6 MB, 12 MB goal, 4 P',
  );
  assert.equal(c.cycle, 7);
  assert.equal(c.goalMiB, 12);
  assert.equal(c.procs, 4);
});

test('skips program output that is not gctrace', () => {
  const cycles = parseGctrace(
    'hello\ngc 1 @0.000s 9%: 0.014+0.18+0.020 ms clock, 0.028+0.097/0.032/0.10+0.041 ms cpu, 3->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P\ngc is fun\n',
  );
  assert.equal(cycles.length, 1);
});

test('a malformed gctrace line is a clear error naming the line, not a crash', () => {
  const text = 'ok\ngc 1 @0.000s 9%: 0.014+0.18 ms clock, garbage\n';
  assert.throws(
    () => parseGctrace(text),
    (err: unknown) =>
      err instanceof GctraceParseError &&
      err.lineNumber === 2 &&
      /malformed gctrace line 2/.test(err.message),
  );
  assert.throws(() => parseGctraceLine('gc 1 @x.s 9%: …'), GctraceParseError);
});

test('a last line cut off by the program exiting is skipped, not an error', () => {
  // Seen in a real run: main returned while a background cycle was printing its line.
  const text = `${captured.split('\n').slice(0, 209).join('\n')}\ngc 210 @0.258s 9%: 0.017+`;
  assert.equal(parseGctrace(text).length, 209);
  // The same text with a newline is a complete, malformed line.
  assert.throws(() => parseGctrace(`${text}\n`), GctraceParseError);
});

test('no cycles gives a zero summary', () => {
  assert.deepEqual(summarizeGc([]), {
    gcCycles: 0,
    stwPauseTotalNs: 0,
    stwPauseP99Ns: 0,
    gcCpuPercent: 0,
    peakHeapBytes: 0,
    maxHeapGoalBytes: 0,
  });
});

test('a number too long for a double is a malformed line, not an Infinity cycle (found by fuzzing)', () => {
  const line =
    `gc ${'9'.repeat(400)} @0.000s 9%: 0.014+0.18+0.020 ms clock, ` +
    '0.028+0.097/0.032/0.10+0.041 ms cpu, 3->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P';
  assert.throws(() => parseGctrace(`${line}\n`), GctraceParseError);
});

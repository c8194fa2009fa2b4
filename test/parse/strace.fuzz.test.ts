// Properties of the strace output parser (see test/support/fuzz.ts for the contract).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  parseStraceSummary,
  parseStraceTrace,
  StraceParseError,
  type StraceTrace,
} from '../../src/parse/strace.js';
import { fdArg, quotedArg } from '../../src/parse/strace-args.js';
import { fuzzTests, parserProperty } from '../support/fuzz.js';
import { mutatedText, tokenSoup } from '../support/mutations.js';
import { fixturePath } from '../support/paths.js';

const read = (name: string): string => readFileSync(fixturePath(`strace/${name}`), 'utf8');
const traces = [
  read('warm-unicode-utf8.trace'),
  read('cold-net-url-excerpt.trace'),
  read('cold-net-url-lines.trace'),
];
const summary = read('warm-unicode-utf8.summary');
const TOKENS = [
  ' <unfinished ...>',
  '<... openat resumed>',
  '<... read resumed>',
  '--- SIGURG {si_signo=SIGURG} ---',
  '+++ exited with 0 +++',
  '+++ killed by SIGKILL +++',
  '% time     seconds  usecs/call     calls    errors syscall',
  '------ ----------- ----------- --------- --------- ----------------',
  'total',
  'AT_FDCWD<',
  '3</',
  ' = ',
  ' = -1 ENOENT (No such file or directory)',
  ' = ?',
  '/* 7 entries */',
  '...',
  '[pid 123] ',
];

/** Every number a parsed trace holds is finite, and line numbers point into the text. */
function checkTrace(t: StraceTrace, text: string): void {
  const lines = text.split('\n').length;
  for (const n of [t.signals, t.exits, t.neverResumed]) assert.ok(Number.isInteger(n) && n >= 0);
  let last = 0;
  for (const c of t.calls) {
    assert.ok(c.line > last && c.line <= lines, `call line ${c.line}`);
    last = c.line;
    assert.ok(c.retValue === null || Number.isFinite(c.retValue), `retValue ${c.retValue}`);
    assert.ok(c.durationUs === null || Number.isFinite(c.durationUs), `duration ${c.durationUs}`);
    assert.ok(c.pid === null || Number.isSafeInteger(c.pid), `pid ${c.pid}`);
    for (const a of c.args) {
      quotedArg(a); // what the attribution reads from the arguments: must not throw
      fdArg(a);
    }
  }
  if (t.summary) checkSummary(t.summary);
}

function checkSummary(s: NonNullable<StraceTrace['summary']>): void {
  assert.ok(Number.isFinite(s.totalCalls), `totalCalls ${s.totalCalls}`);
  for (const r of s.rows) {
    assert.ok([r.calls, r.errors, r.seconds].every(Number.isFinite), JSON.stringify(r));
  }
}

// A call as strace -f -tt -T -y prints it, built from parts so the parse can be predicted.
const word = fc.stringMatching(/^[a-z_][a-z0-9_]{0,11}$/);
const pathText = fc.stringMatching(/^\/[a-zA-Z0-9._/ -]{0,30}$/);
const quoted = fc
  .string({ maxLength: 20 })
  .map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
const arg = fc.oneof(
  quoted,
  fc.integer({ min: -1, max: 1 << 20 }).map(String),
  pathText.map((p) => `AT_FDCWD<${p}>`),
  fc.tuple(fc.nat(1000), pathText).map(([fd, p]) => `${fd}<${p}>`),
  fc.constantFrom('O_RDONLY|O_CLOEXEC', '{st_mode=S_IFREG|0644, st_size=12, ...}', '[1, 2]'),
  fc.constantFrom('0x1835bfec4000 /* 7 entries */', '""...', 'NULL', '[{fd=3, events=POLLIN}]'),
);
const result = fc.oneof(
  fc.nat(1 << 30).map((n) => ({ ret: String(n), retPath: null, errno: null })),
  fc.tuple(fc.nat(1000), pathText).map(([n, p]) => ({ ret: String(n), retPath: p, errno: null })),
  fc
    .constantFrom('ENOENT', 'EACCES', 'EAGAIN')
    .map((e) => ({ ret: '-1', retPath: null, errno: e as string | null })),
  fc.constant({ ret: '?', retPath: null, errno: null }),
  fc.constant({ ret: '0x7f00', retPath: null, errno: null }),
);
const call = fc.record(
  {
    pid: fc.option(fc.integer({ min: 1, max: 4_000_000 }), { nil: null }),
    time: fc.option(
      fc
        .tuple(fc.nat(23), fc.nat(59), fc.nat(59), fc.nat(999_999))
        .map(
          ([h, m, s, us]) =>
            [h, m, s].map((x) => String(x).padStart(2, '0')).join(':') +
            `.${String(us).padStart(6, '0')}`,
        ),
      { nil: null },
    ),
    name: word,
    args: fc.array(arg, { maxLength: 5 }),
    result,
    durationUs: fc.option(fc.nat(10_000_000), { nil: null }),
    split: fc.option(fc.nat(), { nil: null }),
  },
  { noNullPrototype: true },
);
type Call = typeof call extends fc.Arbitrary<infer C> ? C : never;

function prefix(c: Call): string {
  return [c.pid, c.time].filter((x) => x !== null).join(' ') + ((c.pid ?? c.time) ? ' ' : '');
}

function tail(c: Call): string {
  const r = c.result;
  const path = r.retPath === null ? '' : `<${r.retPath}>`;
  const errno = r.errno === null ? '' : ` ${r.errno} (Some error text)`;
  const dur = c.durationUs === null ? '' : ` <${(c.durationUs / 1e6).toFixed(6)}>`;
  return `) = ${r.ret}${path}${errno}${dur}`;
}

/**
 * The lines of a trace of `calls`. A call with `split` is printed unfinished, then resumed after
 * the next call's line (which must be another thread's: strace keeps one call open per thread).
 */
function formatTrace(calls: Call[]): { text: string; order: Call[] } {
  const lines: string[] = [];
  const order: Call[] = [];
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as Call;
    const next = calls[i + 1];
    const canSplit = c.pid !== null && next && next.pid !== null && next.pid !== c.pid;
    if (c.split !== null && canSplit) {
      const k = c.split % (c.args.length + 1);
      // strace ends the unfinished half after the arguments it printed, with a comma when
      // more follow on the resumed line (`read(3,  <unfinished ...>`), without when none do.
      const head =
        k === c.args.length
          ? c.args.join(', ')
          : c.args
              .slice(0, k)
              .map((a) => `${a}, `)
              .join('');
      lines.push(`${prefix(c)}${c.name}(${head} <unfinished ...>`);
      lines.push(`${prefix(next)}${next.name}(${next.args.join(', ')}${tail(next)}`);
      lines.push(`${prefix(c)}<... ${c.name} resumed>${c.args.slice(k).join(', ')}${tail(c)}`);
      order.push(next, c);
      i++;
    } else {
      lines.push(`${prefix(c)}${c.name}(${c.args.join(', ')}${tail(c)}`);
      order.push(c);
    }
  }
  // A bare "= ?" (no time) is strace's line for a call its thread's exit ended: not a call.
  const returned = order.filter((c) => !(c.result.ret === '?' && c.durationUs === null));
  return { text: `${lines.join('\n')}\n`, order: returned };
}

export const properties = [
  parserProperty({
    name: 'strace: a damaged trace parses or fails with StraceParseError',
    input: fc.oneof(
      { arbitrary: mutatedText(traces, TOKENS), weight: 4 },
      { arbitrary: tokenSoup(TOKENS), weight: 1 },
    ),
    parse: (text: string) => parseStraceTrace(text),
    errors: [StraceParseError],
    check: checkTrace,
  }),
  parserProperty({
    name: 'strace: a damaged call summary parses or fails with StraceParseError',
    input: mutatedText([summary, traces[0] as string], TOKENS, 4, 1),
    parse: (text: string) => parseStraceSummary(text),
    errors: [StraceParseError],
    check: checkSummary,
  }),
  parserProperty({
    name: 'strace: calls as strace prints them (unfinished and resumed too) read back the same',
    input: fc.array(call, { minLength: 1, maxLength: 12 }),
    parse: (calls: Call[]) => ({
      ...formatTrace(calls),
      trace: parseStraceTrace(formatTrace(calls).text),
    }),
    errors: [],
    check: ({ order, trace }) => {
      assert.equal(trace.calls.length, order.length);
      trace.calls.forEach((got, i) => {
        const c = order[i] as Call;
        assert.equal(got.name, c.name);
        assert.equal(got.pid, c.pid);
        assert.equal(got.time, c.time);
        assert.deepEqual(got.args, c.args);
        assert.equal(got.ret, c.result.ret);
        assert.equal(got.retPath, c.result.retPath);
        assert.equal(got.errno, c.result.errno);
        assert.equal(got.durationUs, c.durationUs);
      });
    },
  }),
];

fuzzTests(import.meta.url, properties);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  parseCallText,
  parseStraceSummary,
  parseStraceTrace,
  StraceParseError,
} from '../../src/parse/strace.js';
import { fdArg, quotedArg, splitArgs, unescapeStrace } from '../../src/parse/strace-args.js';
import { fixturePath } from '../support/paths.js';

const fixture = (name: string): string => readFileSync(fixturePath(`strace/${name}`), 'utf8');
const warm = fixture('warm-unicode-utf8.trace');
const excerpt = fixture('cold-net-url-excerpt.trace');

test('a whole real trace: every line read, counts equal the -C summary strace appended', () => {
  const trace = parseStraceTrace(warm);
  assert.ok(trace.summary);
  assert.equal(trace.summary.totalCalls, 415);
  assert.equal(trace.calls.length, 415);
  const counted = new Map<string, number>();
  for (const c of trace.calls) counted.set(c.name, (counted.get(c.name) ?? 0) + 1);
  for (const row of trace.summary.rows)
    assert.equal(counted.get(row.syscall), row.calls, row.syscall);
  const errors = trace.calls.filter((c) => c.errno !== null).length;
  assert.equal(errors, 45); // the summary's total errors
  assert.equal(trace.calls.filter((c) => c.joined).length, 3);
  assert.equal(trace.neverResumed, 0);
});

/** Counts per system call name of the parsed calls, and the rows strace's -C summary counted. */
function countsAgainstSummary(text: string): { name: string; parsed: number; strace: number }[] {
  const trace = parseStraceTrace(text);
  assert.ok(trace.summary);
  const counted = new Map<string, number>();
  for (const c of trace.calls) counted.set(c.name, (counted.get(c.name) ?? 0) + 1);
  return trace.summary.rows.map((r) => ({
    name: r.syscall,
    parsed: counted.get(r.syscall) ?? 0,
    strace: r.calls,
  }));
}

test('a cold trace where a process exited inside a pread64: counts still equal the -C summary', () => {
  // The whole trace of the `analyze io --verify` run that failed (13556 parsed reads vs 13555):
  // an asm process exited while a runtime thread was inside pread64(cpu.cfs_quota_us), and
  // strace printed `<... pread64 resumed> <unfinished ...>) = ?`, a call it does not count.
  const text = gunzipSync(
    readFileSync(fixturePath('strace/cold-net-url-exit-inside-pread64.trace.gz')),
  ).toString('utf8');
  for (const row of countsAgainstSummary(text)) assert.equal(row.parsed, row.strace, row.name);
  const trace = parseStraceTrace(text);
  assert.equal(trace.calls.length, trace.summary?.totalCalls);
  assert.equal(trace.neverResumed, 1);
});

test('a call ended by its thread exit (a bare "= ?") is not a call; "= ? <unavailable>" is', () => {
  const resumed = parseStraceTrace(
    [
      '22537 14:56:36.444467 pread64(3</sys/fs/cgroup/cpu/cpu.cfs_quota_us>,  <unfinished ...>',
      '22536 14:56:36.444542 read(5</a>, ""..., 512) = 2 <0.000008>',
      '22537 14:56:36.447006 <... pread64 resumed> <unfinished ...>) = ?',
      '22537 14:56:36.447383 +++ exited with 0 +++',
    ].join('\n'),
  );
  assert.deepEqual(
    resumed.calls.map((c) => c.name),
    ['read'],
  );
  assert.equal(resumed.neverResumed, 1);
  assert.equal(resumed.exits, 1);
  // Without another thread printing in between, strace ends the call on its own line.
  const single = parseStraceTrace(
    '7 07:00:00.1 read(3</a>,  <unfinished ...>) = ?\n7 07:00:00.2 +++ killed by SIGKILL +++\n',
  );
  assert.equal(single.calls.length, 0);
  assert.equal(single.neverResumed, 1);
  // A result strace could not read: the call returned, and strace counts it.
  const unavailable = parseStraceTrace('7 07:00:00.1 read(3</a>, ""..., 8) = ? <unavailable>\n');
  assert.equal(unavailable.calls.length, 1);
  assert.equal(unavailable.calls[0]?.ret, '?');
  assert.equal(unavailable.neverResumed, 0);
});

test('every call of /bin/true (strace -f -C): hex returns read, exit_group "= ?" counted by neither', () => {
  const text = fixture('true-all-calls.trace');
  for (const row of countsAgainstSummary(text)) assert.equal(row.parsed, row.strace, row.name);
  const trace = parseStraceTrace(text);
  assert.equal(trace.calls.length, 29);
  assert.equal(trace.neverResumed, 1); // exit_group(0) = ?, which never returns
  const brk = trace.calls.find((c) => c.name === 'brk');
  assert.equal(brk?.ret, '0x55d4c63ce000');
  assert.equal(brk?.retValue, 0x55d4c63ce000);
});

test('joins an unfinished line with its resumed line on the same thread', () => {
  const trace = parseStraceTrace(warm);
  const readlink = trace.calls.find((c) => c.name === 'readlinkat');
  assert.deepEqual(readlink, {
    line: 14,
    pid: 24304,
    time: '07:27:20.905546', // the start, from the unfinished line
    joined: true,
    name: 'readlinkat',
    args: ['AT_FDCWD</tmp/iox/f/work>', '"/proc/self/exe"', '""...', '128'],
    ret: '20',
    retValue: 20,
    retPath: null,
    errno: null,
    durationUs: 63,
  });
  const pread = trace.calls.find((c) => c.name === 'pread64' && c.joined);
  assert.equal(pread?.args[0], '3</sys/fs/cgroup/cpu/cpu.cfs_quota_us>');
  assert.equal(pread?.retValue, 3);
  assert.equal(pread?.durationUs, 458);
});

test('an excerpt of a cold build: 88 pairs from interleaved threads, one never resumed, signals, exits', () => {
  const trace = parseStraceTrace(excerpt);
  assert.equal(trace.summary, null);
  assert.equal(trace.calls.filter((c) => c.joined).length, 88);
  assert.equal(trace.neverResumed, 1); // the last line is unfinished
  assert.equal(trace.signals, 4);
  assert.equal(trace.exits, 5);
  const lines = excerpt.split('\n').filter((l) => l.trim() !== '');
  const single = lines.filter(
    (l) => !/<unfinished \.\.\.>$|resumed>| --- | \+\+\+ /.test(l),
  ).length;
  assert.equal(trace.calls.length, single + 88);
  const compile = trace.calls.find((c) => c.name === 'execve' && c.joined);
  assert.equal(quotedArg(compile?.args[0]), '/usr/local/go/pkg/tool/linux_amd64/compile');
  assert.equal(compile?.retValue, 0);
  for (const c of trace.calls) {
    assert.ok(c.pid !== null && c.time !== null && c.durationUs !== null, `line ${c.line}`);
  }
});

test('reads return values, -y paths of new descriptors, errors and -T times', () => {
  const open = parseCallText(
    'openat(AT_FDCWD</usr/local/go/src/runtime>, "textflag.h", O_RDONLY|O_CLOEXEC) = 10</usr/local/go/src/runtime/textflag.h> <0.000014>',
  );
  assert.equal(open?.retValue, 10);
  assert.equal(open?.retPath, '/usr/local/go/src/runtime/textflag.h');
  assert.equal(open?.durationUs, 14);
  assert.equal(open?.errno, null);
  const missing = parseCallText(
    'openat(AT_FDCWD</w>, "/c/9e-a", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory) <0.000009>',
  );
  assert.equal(missing?.retValue, -1);
  assert.equal(missing?.errno, 'ENOENT');
  const gone = parseCallText(
    'read(3</x>, ""..., 8) = ? ERESTARTSYS (To be restarted if SA_RESTART is set) <0.000012>',
  );
  assert.equal(gone?.ret, '?');
  assert.equal(gone?.retValue, null);
  assert.equal(gone?.errno, 'ERESTARTSYS');
  const noTime = parseCallText(
    'fstat(5</usr/local/go/go.env>, {st_mode=S_IFREG|0644, st_size=506, ...}) = 0',
  );
  assert.equal(noTime?.durationUs, null);
  assert.deepEqual(noTime?.args, [
    '5</usr/local/go/go.env>',
    '{st_mode=S_IFREG|0644, st_size=506, ...}',
  ]);
});

test('quoted strings and -y paths may hold commas, parentheses, quotes and escapes', () => {
  const call = parseCallText(
    'openat(AT_FDCWD</tmp/a, b (c)>, "x\\"),(y\\\\z", O_RDONLY) = 3</tmp/a, b (c)/x"),(y\\\\z> <0.000001>',
  );
  assert.ok(call);
  assert.deepEqual(call.args, ['AT_FDCWD</tmp/a, b (c)>', '"x\\"),(y\\\\z"', 'O_RDONLY']);
  assert.equal(quotedArg(call.args[1]), 'x"),(y\\z');
  assert.deepEqual(fdArg(call.args[0]), { fd: null, target: '/tmp/a, b (c)' });
  assert.equal(unescapeStrace('caf\\303\\251 \\x41\\n'), 'café A\n');
  assert.deepEqual(splitArgs('1, [2, 3], {a=4, b=5}, "6,7"'), [
    '1',
    '[2, 3]',
    '{a=4, b=5}',
    '"6,7"',
  ]);
  assert.deepEqual(fdArg('11<pipe:[266532]>'), { fd: 11, target: 'pipe:[266532]' });
  assert.equal(fdArg('"/path"'), null);
});

test('strace -c summary: rows, blank error columns, total', () => {
  const s = parseStraceSummary(fixture('warm-unicode-utf8.summary'));
  assert.equal(s.totalCalls, 415);
  assert.equal(s.rows.length, 10);
  assert.deepEqual(
    s.rows.find((r) => r.syscall === 'newfstatat'),
    { syscall: 'newfstatat', calls: 320, errors: 35, seconds: 0 },
  );
  assert.equal(s.rows.find((r) => r.syscall === 'fstat')?.errors, 0);
  assert.equal(
    s.rows.reduce((n, r) => n + r.calls, 0),
    s.totalCalls,
  );
});

function parseError(text: string): StraceParseError {
  try {
    parseStraceTrace(text);
  } catch (err) {
    assert.ok(err instanceof StraceParseError, `a StraceParseError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a StraceParseError');
}

test('malformed input: a clear error with the line number, never a crash', () => {
  const good = '100 07:00:00.000001 openat(AT_FDCWD</>, "/a", O_RDONLY) = 3</a> <0.000002>';
  let e = parseError(`${good}\nthis is not strace output\n`);
  assert.equal(e.lineNumber, 2);
  assert.match(e.message, /line 2: not a strace line: "this is not strace output"/);

  e = parseError(`${good}\n100 07:00:00.000002 <... read resumed>"", 8) = 0 <0.000001>\n`);
  assert.match(e.message, /line 2: "read resumed" without an unfinished read call on thread 100/);

  e = parseError(
    '7 07:00:00.1 read(3</a>,  <unfinished ...>\n7 07:00:00.2 openat(AT_FDCWD</>, "/b",  <unfinished ...>\n',
  );
  assert.match(e.message, /line 2: thread 7 starts a second call before the first resumed/);

  e = parseError('100 07:00:00.000001 openat(AT_FDCWD</>, "/a", O_RDONLY\n'); // cut off
  assert.equal(e.lineNumber, 1);

  e = parseError(
    `${good}\n% time     seconds  usecs/call     calls    errors syscall\n------\n 1.0 0.1 1 x y openat\n`,
  );
  assert.match(e.message, /line 4: not a row of strace's call summary/);

  assert.throws(() => parseStraceSummary('nothing here'), /no strace call summary/);
  assert.throws(
    () =>
      parseStraceSummary(
        '% time     seconds  usecs/call     calls    errors syscall\n 100.00 0.1 1 2 openat\n',
      ),
    /no "total" row/,
  );
  assert.deepEqual(parseStraceTrace('').calls, []);
});

test('every truncation of real lines is a StraceParseError or a valid parse', () => {
  const lines = excerpt.split('\n').slice(0, 40).join('\n');
  for (let cut = 0; cut < lines.length; cut += 7) {
    try {
      parseStraceTrace(lines.slice(0, cut));
    } catch (err) {
      assert.ok(err instanceof StraceParseError, `cut at ${cut}: ${String(err)}`);
    }
  }
});

test('lines without pid or time (strace without -f or -t) still parse', () => {
  const t = parseStraceTrace(
    'openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3\n+++ exited with 0 +++\n',
  );
  assert.equal(t.calls.length, 1);
  assert.equal(t.calls[0]?.pid, null);
  assert.equal(t.calls[0]?.time, null);
  assert.equal(t.exits, 1);
});

// Found by the properties in test/parse/strace.fuzz.test.ts.
test('a hexadecimal return value is read, not taken for 0 followed by junk', () => {
  const [call] = parseStraceTrace(
    '123 07:26:17.558510 brk(NULL) = 0x55d0c8a2c000 <0.000004>\n',
  ).calls;
  assert.equal(call?.ret, '0x55d0c8a2c000');
  assert.equal(call?.retValue, 0x55d0c8a2c000);
  assert.equal(call?.durationUs, 4);
});

test('numbers too long for a double are malformed lines, not Infinity', () => {
  const huge = '9'.repeat(400);
  const call = 'read(3</x>, "", 8) = 0';
  assert.throws(
    () => parseStraceTrace(`${huge} 07:26:28.925243 ${call} <0.000001>\n`),
    StraceParseError,
  );
  assert.throws(
    () => parseStraceTrace(`19532 07:26:28.925243 ${call} <${huge}>\n`),
    StraceParseError,
  );
  const table = [
    '% time     seconds  usecs/call     calls    errors syscall',
    '------ ----------- ----------- --------- --------- ----------------',
    `  0.00    0.000000           0 ${huge}         3 read`,
    '100.00    0.000000           0        37         3 total',
  ].join('\n');
  assert.throws(() => parseStraceSummary(table), StraceParseError);
});

// `gobaseline analyze io` on real builds with private caches (net/url, cold and warm), and its
// error paths, run as a user runs them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IoReport } from '../../src/analyze/io-report.js';
import { findOnPath } from '../../src/probe/index.js';
import { skipUnlessCi } from '../support/ci.js';
import { cliEnv, runCli, tempDir, type CliResult } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';

const hasStrace = findOnPath('strace', process.env.PATH) !== null;
const goPath = findOnPath('go', process.env.PATH);

const run = (args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliResult> =>
  runCli(args, env);

/** What a failed assertion on a run shows: the exit code and everything the CLI said on stderr. */
const failure = (r: CliResult): string => `exit ${r.code}; stderr:\n${r.stderr}`;

test('without strace: exit 3 and one line saying how to install it', async () => {
  const r = await run(
    ['analyze', 'io', '--go', goPath ?? '/usr/local/go/bin/go'],
    cliEnv({ PATH: tempDir() }),
  );
  assert.equal(r.code, 3);
  assert.equal(
    r.stderr,
    'gobaseline: strace is not installed (Debian: apt-get install -y strace)\n',
  );
});

test('--trace with malformed strace output: exit 2, the line number, no stack trace', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'bad.trace');
  const good = readFileSync(fixturePath('strace/cold-net-url-lines.trace'), 'utf8').split('\n');
  writeFileSync(file, [...good.slice(0, 3), 'garbage in the middle', ...good.slice(3)].join('\n'));
  const r = await run(['analyze', 'io', '--trace', file]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^gobaseline: --trace .*bad\.trace: cannot parse strace output: line 4: not a strace line: "garbage in the middle"\n$/,
  );
});

test('--trace with a saved trace: the same report, without building', async () => {
  const r = await run([
    'analyze',
    'io',
    '--json',
    '--trace',
    fixturePath('strace/warm-unicode-utf8.trace'),
  ]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as IoReport;
  assert.equal(report.builds.length, 1);
  assert.equal(report.builds[0]?.calls, 415);
  assert.ok(report.builds[0]?.sameTraceCheck?.every((c) => c.agrees));
});

test('--json with a failed count check: exit 1, and stderr says which counts differ', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'differs.trace');
  const trace = readFileSync(fixturePath('strace/warm-unicode-utf8.trace'), 'utf8');
  // strace's own summary now counts one read fewer than the trace's lines.
  const edited = trace.replace(/( 37 +3 read)$/m, (row) => row.replace('37', '36'));
  assert.notEqual(edited, trace);
  writeFileSync(file, edited);
  const r = await run(['analyze', 'io', '--json', '--trace', file]);
  assert.equal(r.code, 1, failure(r));
  assert.ok(JSON.parse(r.stdout), 'the report is still printed');
  assert.match(
    r.stderr,
    /^gobaseline: count check failed: trace-file: parsed lines vs strace's own summary of the same trace \(-C\): DIFFER: .*read, pread64 42 vs 41 /m,
  );
});

test(
  'acceptance: net/url cold and warm; openat and stat counts agree with strace -c -f',
  { timeout: 600_000 },
  async (t) => {
    if (!hasStrace)
      return skipUnlessCi(t, 'strace is not installed (Debian: apt-get install -y strace)');
    const dir = tempDir();
    const svg = path.join(dir, 'heat.svg');
    const r = await run(['analyze', 'io', '--verify', '--json', '--svg', svg, '--top', '5']);
    assert.equal(r.code, 0, failure(r));
    const report = JSON.parse(r.stdout) as IoReport;
    assert.deepEqual(report.target.packages, ['net/url']);
    assert.deepEqual(
      report.builds.map((b) => b.cache),
      ['cold', 'warm'],
    );
    for (const b of report.builds) {
      // Same trace: the parsed lines equal strace's own -C count, call for call.
      assert.ok(b.sameTraceCheck, `${b.cache}: strace appended a summary`);
      for (const c of b.sameTraceCheck)
        assert.equal(c.parsed, c.strace, `${b.cache} ${c.what}; ${failure(r)}`);
      // Independent: a separate `strace -c -f` build in the same cache state, within 5%.
      const independent = b.independentCheck?.checks ?? [];
      for (const what of ['openat', 'stat family']) {
        const c = independent.find((x) => x.what === what);
        assert.ok(c, `${b.cache}: ${what} checked`);
        assert.ok(c.strace > 0);
        assert.ok(c.deltaFraction <= 0.05, `${b.cache} ${what}: ${c.parsed} vs ${c.strace}`);
      }
      const area = (name: string) => b.attribution.areas.find((a) => a.area === name);
      assert.ok((area('goroot-src')?.calls ?? 0) > 0, `${b.cache}: GOROOT/src`);
      assert.ok((area('gocache')?.byKind.open.calls ?? 0) > 0, `${b.cache}: GOCACHE opened`);
      assert.equal(
        b.attribution.areas.reduce((n, a) => n + a.calls, 0),
        b.calls,
      );
      assert.equal(b.attribution.hottest.length, 5);
    }
    const [cold, warm] = report.builds;
    assert.ok(cold && warm);
    // A cold build compiles: it reads its compiled dependencies back from the WORK directory.
    const coldTmp = cold.attribution.areas.find((a) => a.area === 'go-tmp');
    assert.ok((coldTmp?.readBytes ?? 0) > 1024 * 1024);
    assert.ok(warm.calls < cold.calls / 2, `warm ${warm.calls} vs cold ${cold.calls}`);
    // The private directories are gone.
    const gocache = report.env.GOCACHE;
    assert.ok(gocache && !existsSync(path.dirname(gocache)), `${gocache} removed`);
    const text = readFileSync(svg, 'utf8');
    assert.match(text, /^<svg /);
    assert.match(text, /cold GOCACHE/);
    assert.match(text, /warm GOCACHE/);
  },
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  ActionGraphParseError,
  parseActionGraph,
  type BuildAction,
} from '../../src/parse/actiongraph.js';
import {
  cacheStats,
  compileOutcome,
  isCompileAction,
  modeSummaries,
  slowestCompiles,
  timeline,
} from '../../src/analyze/build-actions.js';
import {
  analyzeBuildGraph,
  criticalPath,
  criticalPathRows,
  formatRfc3339Ns,
} from '../../src/analyze/build-graph.js';
import { fixturePath } from '../support/paths.js';

const fixture = (name: string): BuildAction[] =>
  parseActionGraph(readFileSync(fixturePath(name), 'utf8'));
const cold = fixture('actiongraph-net-http-cold-go1.26.8.json');
const partial = fixture('actiongraph-encoding-json-primed-net-url-go1.26.8.json');
const hello = fixture('actiongraph-hello-link-go1.26.8.json');

/** A synthetic action: `start` and `dur` in ms after an arbitrary origin. */
function act(
  id: number,
  deps: number[],
  start: number | null,
  dur: number,
  extra: Partial<BuildAction> = {},
): BuildAction {
  const ms = (v: number): bigint => 1_800_000_000_000_000_000n + BigInt(v) * 1_000_000n;
  return {
    id,
    mode: 'build',
    package: `p${id}`,
    deps,
    cmd: ['compile'],
    needBuild: true,
    failed: false,
    timeReadyNs: start === null ? null : ms(start),
    timeStartNs: start === null ? null : ms(start),
    timeDoneNs: start === null ? null : ms(start + dur),
    cmdRealNs: null,
    cmdUserNs: null,
    cmdSysNs: null,
    ...extra,
  };
}

test('a cold net/http build (captured): 183 compile actions, all compiled, none from the cache', () => {
  const c = cacheStats(cold);
  assert.equal(c.compileActions, 183);
  assert.equal(c.ran, 183);
  assert.equal(c.cached, 0);
  assert.equal(c.hitRate, 0);
  assert.equal(c.cacheChecks, 183);
  assert.equal(c.links, 0);
  assert.ok(c.ranPackages.includes('net/http') && c.ranPackages.includes('runtime'));
  // `unsafe` is a "built-in package", never compiled, not a compile action.
  assert.ok(!c.ranPackages.includes('unsafe'));
  const unsafe = cold.find((a) => a.package === 'unsafe');
  assert.equal(unsafe?.mode, 'built-in package');
  assert.equal(isCompileAction(unsafe as BuildAction), false);
});

test('a partly warm build (captured): encoding/json with a cache primed by net/url', () => {
  const c = cacheStats(partial);
  assert.equal(c.compileActions, 66);
  assert.equal(c.cached, 62);
  assert.equal(c.ran, 4);
  assert.deepEqual(c.ranPackages, [
    'encoding',
    'encoding/base64',
    'encoding/json',
    'unicode/utf16',
  ]);
  assert.equal(c.hitRate, 62 / 66);
  // NeedBuild is decided before the cache is consulted: cached compile actions have it too.
  const cached = partial.find((a) => a.package === 'fmt' && a.mode === 'build');
  assert.equal(cached?.needBuild, true);
  assert.equal(cached?.cmd, null);
  assert.equal(compileOutcome(cached as BuildAction), 'cached');
});

test('links are counted apart from compiles (captured hello world, warm but linked)', () => {
  const c = cacheStats(hello);
  assert.equal(c.links, 1);
  assert.equal(c.linksRan, 1);
  assert.equal(c.ran, 1); // the main package itself
  assert.equal(c.cached, 60);
  const path = criticalPath(hello);
  assert.equal(path.steps.at(-1)?.mode, 'go build');
  assert.ok(path.steps.some((s) => s.mode === 'link'));
});

test('critical path of the cold net/http build ends at the root and chains dependencies', () => {
  const path = criticalPath(cold);
  assert.equal(path.rootId, 0);
  assert.equal(path.steps.at(-1)?.id, 0);
  assert.equal(path.steps.length, 47);
  const byId = new Map(cold.map((a) => [a.id, a]));
  for (let i = 1; i < path.steps.length; i++) {
    const step = byId.get(path.steps[i]?.id as number);
    assert.ok(
      step?.deps.includes(path.steps[i - 1]?.id as number),
      `step ${i} depends on ${i - 1}`,
    );
  }
  const sum = path.steps.reduce((s, x) => s + x.durationNs, 0);
  assert.equal(path.totalNs, sum);
  assert.ok(path.steps.some((s) => s.package === 'runtime' && s.mode === 'build'));
  assert.equal(path.steps.at(-2)?.package, 'net/http');
  const a = analyzeBuildGraph(cold, 5);
  assert.ok(path.totalNs <= a.spanNs, 'no chain is longer than the whole build');
  assert.ok(Math.abs(path.totalNs / 1e9 - 12.2) < 0.05, `${path.totalNs}`);
  assert.ok(Math.abs(a.spanNs / 1e9 - 15.9) < 0.05, `${a.spanNs}`);
});

test('analysis of the cold build: slowest compiles, modes, time line', () => {
  const a = analyzeBuildGraph(cold, 3);
  assert.equal(a.actions, 368);
  assert.deepEqual(
    a.slowest.map((s) => s.package),
    ['runtime', 'net/http', 'reflect'],
  );
  assert.equal(a.slowest[1]?.cmdRealNs, 2198240560);
  assert.ok((a.slowest[0]?.durationNs ?? 0) >= (a.slowest[1]?.durationNs ?? 0));
  assert.match(a.startedAt ?? '', /^2026-11-26T06:54:5\d\.\d{9}Z$/);
  assert.equal(a.modes[0]?.mode, 'build');
  assert.equal(a.modes[0]?.actions, 183);
  assert.equal(a.modes[0]?.ran, 183);
  assert.equal(a.timeline.length, 368);
  assert.ok(a.timeline.every((t) => t.startOffsetNs === null || t.startOffsetNs >= 0));
  assert.ok(
    a.parallelism !== null && a.parallelism > 1 && a.parallelism <= 2.05,
    `${a.parallelism}`,
  );
  // JSON-safe: no bigint anywhere.
  assert.doesNotThrow(() => JSON.stringify(a));
});

test('critical path rows merge each cache check with the build after it', () => {
  const rows = criticalPathRows(criticalPath(cold).steps);
  assert.equal(rows.length, 24); // 23 packages and the root
  const runtime = rows.find((r) => r.label === 'runtime');
  assert.ok(runtime && runtime.checkNs !== null && runtime.durationNs > 3e9);
  assert.ok((runtime.actionStartOffsetNs ?? 0) >= (runtime.startOffsetNs ?? 0));
  assert.equal(rows.at(-1)?.label, 'go build');
  assert.equal(rows.at(-1)?.checkNs, null);
});

test('critical path: the longest chain by duration, ties to the dependency done last', () => {
  // 0 <- 1 <- {2 (5 ms), 3 (10 ms)}; 3 <- 4 (1 ms); 2 <- 5 (7 ms): 5+2 = 12 > 4+3 = 11.
  const g = [
    act(0, [1], 20, 0, { mode: 'go build', cmd: null, needBuild: false }),
    act(1, [2, 3], 13, 2),
    act(2, [5], 8, 5),
    act(3, [4], 2, 10),
    act(4, [], 0, 1),
    act(5, [], 0, 7),
  ];
  const path = criticalPath(g);
  assert.deepEqual(
    path.steps.map((s) => s.id),
    [5, 2, 1, 0],
  );
  assert.equal(path.totalNs, 14_000_000);
  const tie = [act(0, [1, 2], 10, 1, { mode: 'go build' }), act(1, [], 0, 5), act(2, [], 3, 5)];
  assert.deepEqual(
    criticalPath(tie).steps.map((s) => s.id),
    [2, 0],
  );
  // Without an ID 0 root, the root with the longest path wins.
  const roots = [act(7, [8], 0, 1), act(8, [], 0, 1), act(9, [], 0, 5)];
  assert.equal(criticalPath(roots).rootId, 9);
});

test('outcomes: failed, not started (interrupted), cached, ran', () => {
  const g = [
    act(0, [1, 2, 3, 4], 0, 1, { mode: 'go build', cmd: null, needBuild: false }),
    act(1, [], 0, 3),
    act(2, [], 0, 1, { cmd: null }),
    act(3, [], 0, 1, { failed: true }),
    act(4, [], null, 0, { cmd: null }),
    act(5, [], 0, 1, { needBuild: false, cmd: null }), // vet-only build action
  ];
  assert.deepEqual(g.slice(1, 5).map(compileOutcome), ['ran', 'cached', 'failed', 'not-started']);
  const c = cacheStats(g);
  assert.equal(c.compileActions, 4);
  assert.equal(c.hitRate, 0.5);
  assert.equal(c.failed, 1);
  assert.equal(c.notStarted, 1);
  assert.deepEqual(
    slowestCompiles(g, 10).map((s) => s.id),
    [1],
  );
  assert.equal(timeline(g)[4]?.startOffsetNs, null);
  assert.equal(cacheStats([]).hitRate, null);
  assert.deepEqual(modeSummaries([]), []);
});

test('malformed graphs: unknown dependencies, cycles, duplicate IDs, no actions', () => {
  assert.throws(() => criticalPath([act(0, [9], 0, 1)]), ActionGraphParseError);
  assert.throws(() => criticalPath([act(0, [1], 0, 1), act(1, [0], 0, 1)]), /cycle/);
  assert.throws(() => criticalPath([act(0, [], 0, 1), act(0, [], 0, 1)]), /duplicate/);
  assert.throws(() => analyzeBuildGraph([]), /no actions/);
  // A graph cut short is a parse error before any analysis.
  const text = readFileSync(
    fixturePath('actiongraph-encoding-json-primed-net-url-go1.26.8.json'),
    'utf8',
  );
  assert.throws(() => parseActionGraph(text.slice(0, text.length / 2)), ActionGraphParseError);
  // `Failed` is read from the go command's JSON.
  const [failed] = parseActionGraph('[{"ID":0,"Mode":"build","Failed":true,"Cmd":["compile"]}]');
  assert.equal(failed?.failed, true);
});

test('timestamps format back to RFC 3339 with nanoseconds', () => {
  assert.equal(formatRfc3339Ns(1_000_000_001n), '1970-01-01T00:00:01.000000001Z');
  assert.equal(formatRfc3339Ns(1_800_000_000_123_456_789n), '2027-01-15T08:00:00.123456789Z');
});

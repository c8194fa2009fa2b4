// Real builds with private caches: the action graph's cache hits against `go build -x`.
// One cold build (of `errors`, which compiles the runtime) primes a cache shared by the tests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cacheStats } from '../../src/analyze/build-actions.js';
import { analyzeBuildGraph, criticalPath } from '../../src/analyze/build-graph.js';
import {
  countFiles,
  runBuildX,
  runGo,
  runGraphBuild,
  type BuildTarget,
} from '../../src/analyze/build-runner.js';
import { compareWithBuildX } from '../../src/analyze/build-x-agreement.js';
import type { PrivatePaths } from '../../src/measure/controlled-env.js';
import { openContext, type MeasureContext } from '../../src/measure/context.js';
import type { PrivateDirs } from '../../src/measure/private-dirs.js';
import { copyTree } from '../../src/measure/tools.js';

let ctx: MeasureContext;
let dirs: PrivateDirs;
let primed: PrivatePaths;
const fmtTarget = (cwd: string): BuildTarget => ({ packages: ['fmt'], cwd, project: null });

before(async () => {
  ctx = await openContext({
    userEnv: process.env,
    overrides: {},
    timeoutMs: 300_000,
    signal: new AbortController().signal,
  });
  dirs = ctx.dirs;
  primed = {
    gocache: dirs.named('cache-a'),
    gomodcache: dirs.named('modcache'),
    tmpdir: dirs.named('tmp'),
  };
  // Warm for errors (and the runtime under it), cold for what fmt adds: os, reflect, strconv...
  await runGo(ctx, ['build', '-o', '/dev/null', 'errors'], dirs.root, primed);
});

after(() => ctx.close());

test('the cache hit count equals the compile actions `go build -x` shows not run (partly warm cache)', async () => {
  const copy = path.join(dirs.root, 'cache-b');
  await copyTree(ctx.runner, primed.gocache, copy);
  const target = fmtTarget(dirs.named('work'));
  const xCompiled = await runBuildX(ctx, target, { ...primed, gocache: copy });
  const built = await runGraphBuild(ctx, target, primed, path.join(dirs.root, 'fmt.json'));

  const stats = cacheStats(built.actions);
  assert.ok(stats.cached > 0, 'the runtime came from the primed cache');
  assert.ok(stats.ran > 0, 'fmt and some of its dependencies were compiled');
  assert.ok(stats.cachedPackages.includes('runtime') && stats.cachedPackages.includes('errors'));
  assert.ok(stats.ranPackages.includes('fmt') && stats.ranPackages.includes('strconv'));

  const v = compareWithBuildX(built.actions, xCompiled);
  assert.equal(v.graphHits, stats.cached);
  assert.equal(v.xNotRun, v.graphHits, 'hits per the graph = compile actions with no -x compile');
  assert.deepEqual(v.onlyInGraph, []);
  assert.deepEqual(v.onlyInX, []);
  assert.equal(v.agrees, true);
  // The package sets match too: what -x compiled is exactly what the graph says ran.
  assert.deepEqual([...xCompiled].sort(), stats.ranPackages);
});

test('a warm rebuild: every compile action from the cache, a short critical path', async () => {
  const target = fmtTarget(dirs.named('work'));
  const before = await countFiles(primed.gocache);
  const built = await runGraphBuild(ctx, target, primed, path.join(dirs.root, 'warm.json'));
  assert.equal(await countFiles(primed.gocache), before, 'a fully warm build adds nothing');
  const a = analyzeBuildGraph(built.actions, 5);
  assert.equal(a.cache.ran, 0);
  assert.equal(a.cache.hitRate, 1);
  assert.deepEqual(a.slowest, []);
  const path_ = criticalPath(built.actions);
  assert.equal(path_.steps.at(-1)?.mode, 'go build');
  assert.ok(path_.totalNs <= a.spanNs);
  assert.ok(a.spanNs <= built.process.wallNs, 'the graph runs inside the go command');
  assert.ok(built.process.wallNs < 10e9);
});

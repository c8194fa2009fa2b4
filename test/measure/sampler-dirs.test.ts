// The sampler's per-configuration directories (what `analyze modules` interleaves): each
// configuration's commands run in its own working directory, and a directory it empties per
// run is empty at the start of every run, the untimed priming run included, at the same path;
// another configuration using that path finds its own files there; fewer runs for one of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PrivateDirs } from '../../src/measure/private-dirs.js';
import { runScenario, type ProgressSink } from '../../src/measure/sampler.js';
import type { Scenario } from '../../src/scenarios/types.js';
import { fakeRunner } from '../support/fake-runner.js';

const silent: ProgressSink = { phase: () => undefined, sample: () => undefined };

const scenario: Scenario = {
  id: 'test/dirs',
  description: 'a command run in each configuration’s directory',
  cache: 'warm',
  argv: ['{go}', 'list', '-deps', './...'],
  extractors: [],
  metrics: [],
  defaultWarmup: 0,
  defaultRuns: 3,
};

test('per-configuration cwd, a shared directory emptied before every run of one configuration and put back, fewer runs', async () => {
  const dirs = PrivateDirs.create();
  try {
    const a = dirs.named('a');
    const b = dirs.named('b');
    const warm = dirs.named('warm');
    fs.writeFileSync(path.join(warm, 'warm-module'), 'x');
    const seenByB: string[][] = [];
    const seenByA: string[][] = [];
    const fake = fakeRunner((request) => {
      const seen = fs.readdirSync(warm).sort();
      if (request.cwd === b) {
        seenByB.push(seen);
        // The command fills it, as a download would.
        fs.writeFileSync(path.join(warm, `module-${seenByB.length}`), 'x');
      } else seenByA.push(seen);
      return {};
    });
    const runs = await runScenario(
      scenario,
      { warmup: 0, runs: 3 },
      [
        {
          configuration: { name: 'a', toolchain: 'local', env: {}, build: {} },
          goPath: 'go',
          env: { GOMODCACHE: warm },
          cwd: a,
        },
        {
          configuration: { name: 'b', toolchain: 'local', env: {}, build: {} },
          goPath: 'go',
          env: { GOMODCACHE: warm },
          cwd: b,
          emptiedPerRun: { GOMODCACHE: warm },
          runs: 2,
        },
      ],
      { runner: fake.runner, dirs, warmCacheDir: dirs.named('gocache'), progress: silent },
    );
    assert.deepEqual(
      runs.map((r) => [r.samples.length, r.runsRequested]),
      [
        [3, 3],
        [2, 2],
      ],
    );
    // One priming run and the counted runs, every one in its configuration's directory.
    assert.deepEqual(fake.calls.filter((c) => c.cwd === a).length, 4);
    assert.deepEqual(fake.calls.filter((c) => c.cwd === b).length, 3);
    assert.deepEqual(seenByB, [[], [], []]);
    assert.ok(
      seenByA.every((seen) => seen.join() === 'warm-module'),
      JSON.stringify(seenByA),
    );
    assert.deepEqual(fs.readdirSync(warm), ['warm-module']);
    assert.ok(!fs.readdirSync(dirs.root).some((n) => n.includes('aside')));
  } finally {
    dirs.dispose();
  }
});

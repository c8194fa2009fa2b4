// The sampler's per-configuration directories (what `analyze modules` interleaves): each
// configuration's commands run in its own working directory, and a directory it empties per
// run is empty at the start of every run, the untimed priming run included, at the same path.
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

test('per-configuration cwd and a directory emptied before every run', async () => {
  const dirs = PrivateDirs.create();
  try {
    const a = dirs.named('a');
    const b = dirs.named('b');
    const cold = dirs.named('cold');
    const seenEmpty: boolean[] = [];
    const fake = fakeRunner((request) => {
      if (request.env?.GOMODCACHE === cold) {
        seenEmpty.push(fs.readdirSync(cold).length === 0);
        // The command fills it, as a download would.
        fs.writeFileSync(path.join(cold, `module-${seenEmpty.length}`), 'x');
      }
      return {};
    });
    const runs = await runScenario(
      scenario,
      { warmup: 0, runs: 3 },
      [
        {
          configuration: { name: 'a', toolchain: 'local', env: {}, build: {} },
          goPath: 'go',
          env: { GOMODCACHE: dirs.named('warm') },
          cwd: a,
        },
        {
          configuration: { name: 'b', toolchain: 'local', env: {}, build: {} },
          goPath: 'go',
          env: { GOMODCACHE: dirs.named('warm') },
          cwd: b,
          emptiedPerRun: { GOMODCACHE: cold },
        },
      ],
      { runner: fake.runner, dirs, warmCacheDir: dirs.named('gocache'), progress: silent },
    );
    assert.deepEqual(
      runs.map((r) => r.samples.length),
      [3, 3],
    );
    // One priming run and three counted runs each, every one in its configuration's directory.
    assert.deepEqual(fake.calls.filter((c) => c.cwd === a).length, 4);
    assert.deepEqual(fake.calls.filter((c) => c.cwd === b).length, 4);
    assert.deepEqual(seenEmpty, [true, true, true, true]);
  } finally {
    dirs.dispose();
  }
});

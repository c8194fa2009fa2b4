// load=N in the sampling loop: the background load starts before each run of that configuration
// and stops after it, never around another configuration's run; when it cannot start, that
// configuration's runs are failed samples saying why and the others are measured. Scripted
// runner and load, nothing is run (the real load: background-load.test.ts, cli/contention.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvironmentError } from '../../src/errors.js';
import { PrivateDirs } from '../../src/measure/private-dirs.js';
import type { SampledConfiguration, StartLoad } from '../../src/measure/sampler.js';
import { runScenario } from '../../src/measure/sampler.js';
import type { ScenarioRun } from '../../src/record/run-record.js';
import type { Scenario } from '../../src/scenarios/types.js';
import { fakeRunner } from '../support/fake-runner.js';

const scenario: Scenario = {
  id: 'test/load',
  description: 'a command the fake runner answers',
  cache: 'none',
  argv: ['{go}', 'version'],
  extractors: [],
  metrics: [],
  defaultWarmup: 0,
  defaultRuns: 2,
};

const configuration = (name: string, load?: number): SampledConfiguration => ({
  configuration: { name, toolchain: 'local', env: {}, build: load === undefined ? {} : { load } },
  goPath: `/go/${name}/bin/go`,
  env: { PATH: '/usr/bin' },
});

/** Runs a and b (load=2) with `startLoad`; returns the runs and the log of runs and load events. */
async function sample(
  startLoad: (log: string[]) => StartLoad,
): Promise<{ runs: ScenarioRun[]; log: string[] }> {
  const log: string[] = [];
  const fake = fakeRunner((request) => {
    log.push(`run ${/\/go\/(\w+)\//.exec(request.argv[0] ?? '')?.[1]}`);
    return {};
  });
  const dirs = PrivateDirs.create();
  try {
    const runs = await runScenario(
      scenario,
      { warmup: 1, runs: 2 },
      [configuration('a'), configuration('b', 2)],
      {
        runner: fake.runner,
        dirs,
        warmCacheDir: dirs.named('gocache-warm'),
        progress: { phase: () => undefined, sample: () => undefined },
        startLoad: startLoad(log),
      },
    );
    return { runs, log };
  } finally {
    dirs.dispose();
  }
}

test('the load runs around each run of its configuration only, warm-ups included', async () => {
  const { runs, log } = await sample((log) => (n) => {
    log.push(`start ${n}`);
    return Promise.resolve({ stop: () => Promise.resolve(void log.push('stop')) });
  });
  // ABBA over three rounds (one warm-up): a b | b a | a b.
  assert.deepEqual(log, [
    'run a',
    'start 2',
    'run b',
    'stop',
    'start 2',
    'run b',
    'stop',
    'run a',
    'run a',
    'start 2',
    'run b',
    'stop',
  ]);
  assert.deepEqual(
    runs.map((r) => r.samples.map((s) => s.ok)),
    [
      [true, true],
      [true, true],
    ],
  );
});

test('a load that cannot start fails that configuration’s samples, the others are measured', async () => {
  const { runs, log } = await sample(() => () => {
    throw new EnvironmentError('no background load: could not build it');
  });
  assert.deepEqual(log, ['run a', 'run a', 'run a']);
  assert.deepEqual(
    runs[0]?.samples.map((s) => s.ok),
    [true, true],
  );
  const failed = runs[1]?.samples ?? [];
  assert.equal(failed.length, 2);
  for (const s of failed) {
    assert.equal(s.ok, false);
    assert.equal(s.failure?.reason, 'no background load: could not build it');
  }
});

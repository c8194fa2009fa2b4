// The sampling loop's order and stopping rules, with a scripted runner: nothing is run, so the
// tests say exactly which commands the loop asks for, in which order, and when it stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateDirs } from '../../src/measure/private-dirs.js';
import type { ProgressSink, SampledConfiguration, SamplePlan } from '../../src/measure/sampler.js';
import type { ScenarioRun } from '../../src/record/run-record.js';
import { MIN_RUNS_FOR_CI, runScenario } from '../../src/measure/sampler.js';
import type { Scenario } from '../../src/scenarios/types.js';
import type { FakeRunner, Script } from '../support/fake-runner.js';
import { fakeRunner } from '../support/fake-runner.js';

const scenario: Scenario = {
  id: 'test/loop',
  description: 'a command the fake runner answers',
  cache: 'none',
  argv: ['{go}', 'version'],
  extractors: [],
  metrics: [],
  defaultWarmup: 0,
  defaultRuns: 5,
};

const toolchain = (name: string): SampledConfiguration => ({
  configuration: { name, toolchain: name, env: {}, build: {} },
  goPath: `/toolchains/${name}/bin/go`,
  env: { PATH: '/usr/bin', GOROOT: `/toolchains/${name}` },
});

/** The toolchain a call ran: the name in its go path. */
const nameOf = (argv: string[]): string => /toolchains\/(\w+)\//.exec(argv[0] ?? '')?.[1] ?? '?';

interface Outcome {
  runs: ScenarioRun[];
  fake: FakeRunner;
  /** The toolchain of every call, in order, e.g. "abba". */
  order: string;
  /** Progress events: toolchain id and whether the run was a warm-up. */
  events: { id: string; warmup: boolean }[];
}

async function sampleWith(
  plan: SamplePlan,
  script: (fake: FakeRunner) => Script = () => () => ({}),
  opts: { toolchains?: string[]; scenario?: Scenario; now?: () => number } = {},
): Promise<Outcome> {
  const dirs = PrivateDirs.create();
  const events: Outcome['events'] = [];
  const progress: ProgressSink = {
    phase: () => undefined,
    sample: (id, _done, _total, warmup) => events.push({ id, warmup }),
  };
  // The script may interrupt the runner it belongs to.
  const fake: FakeRunner = fakeRunner((request, n) => script(fake)(request, n));
  try {
    const runs = await runScenario(
      opts.scenario ?? scenario,
      plan,
      (opts.toolchains ?? ['a']).map(toolchain),
      {
        runner: fake.runner,
        dirs,
        warmCacheDir: dirs.named('gocache-warm'),
        progress,
        ...(opts.now ? { now: opts.now } : {}),
      },
    );
    return { runs, fake, order: fake.calls.map((c) => nameOf(c.argv)).join(''), events };
  } finally {
    dirs.dispose();
  }
}

/** Wall times that alternate 1 ms and 5 ms: the CI of the median never gets narrow. */
const noisy = (): Script => (_request, n) => ({ wallNs: n % 2 === 0 ? 1e6 : 5e6 });

test('toolchains alternate ABBA, warm-ups first and uncounted', async () => {
  const { runs, order, events, fake } = await sampleWith({ warmup: 2, runs: 3 }, undefined, {
    toolchains: ['a', 'b'],
  });
  // Rounds: warm-up a b, warm-up b a, then a b, b a, a b: each is first and last equally often.
  assert.equal(order, 'abbaabbaab');
  const [a, b] = runs;
  assert.equal(a?.toolchain, 'a');
  assert.deepEqual(
    a?.samples.map((s) => s.seq),
    [4, 7, 8],
    'only counted runs are samples; seq counts every run',
  );
  assert.deepEqual(
    b?.samples.map((s) => s.seq),
    [5, 6, 9],
  );
  assert.ok(runs.every((r) => r.samples.every((s) => s.ok && s.metrics.wallNs === 1e6)));
  assert.equal(events.filter((e) => e.warmup).length, 4);
  assert.deepEqual(events.map((e) => e.id).slice(0, 2), ['test/loop @a', 'test/loop @b']);
  // Each toolchain's commands get its own environment, in a private workspace.
  for (const call of fake.calls) {
    assert.equal(call.env?.GOROOT, `/toolchains/${nameOf(call.argv)}`);
    assert.match(call.cwd, /gobaseline-.*ws-test-loop/);
  }
});

test('a toolchain stops after 3 failed runs in a row; the others go on', async () => {
  const failB: Script = (request) =>
    nameOf(request.argv) === 'b' ? { exitCode: 1, stderr: 'go: boom\n' } : {};
  const { runs, order } = await sampleWith({ warmup: 0, runs: 6 }, () => failB, {
    toolchains: ['a', 'b'],
  });
  const [a, b] = runs;
  assert.equal(order, 'abbaab' + 'aaa', 'after its third failure b is not run again');
  assert.equal(a?.samples.length, 6);
  assert.equal(a?.stoppedEarly, false);
  assert.equal(b?.samples.length, 3);
  assert.equal(b?.stoppedEarly, true);
  assert.equal(b?.stopReason, 'stopped after 3 failed runs in a row: exit status 1: go: boom');
  for (const s of b?.samples ?? []) {
    assert.deepEqual(s.metrics, {}, 'a failed run is never a timing');
    assert.deepEqual(s.failure, { reason: 'exit status 1', stderrTail: 'go: boom' });
  }
});

test('failures that are not 3 in a row, or end the plan, do not stop sampling', async () => {
  const pattern: Script = (_request, n) => ([1, 2, 4, 5].includes(n) ? { exitCode: 2 } : {});
  const { runs } = await sampleWith({ warmup: 0, runs: 7 }, () => pattern);
  assert.equal(runs[0]?.samples.length, 7);
  assert.equal(runs[0]?.stoppedEarly, false);
  const allFail = await sampleWith({ warmup: 0, runs: 3 }, () => () => ({ exitCode: 1 }));
  assert.equal(allFail.runs[0]?.samples.length, 3);
  assert.equal(allFail.runs[0]?.stoppedEarly, false, 'the third failure was the last run anyway');
});

test('Ctrl-C during a command: that run is dropped, every toolchain stops as interrupted', async () => {
  const { runs, fake } = await sampleWith(
    { warmup: 0, runs: 5 },
    (f) => (_request, n) => {
      if (n !== 3) return {};
      f.interrupt();
      return { interrupted: true, exitCode: null, signal: 'SIGTERM' };
    },
    { toolchains: ['a', 'b'] },
  );
  assert.equal(fake.calls.length, 4);
  assert.deepEqual(
    runs.map((r) => r.samples.length),
    [1, 2],
    'a: run 0; b: runs 1 and 2; the interrupted run 3 (a) is not a sample',
  );
  for (const r of runs) {
    assert.equal(r.stoppedEarly, true);
    assert.equal(r.stopReason, 'interrupted');
  }
});

test('Ctrl-C between commands: the finished run is kept, no further command starts', async () => {
  const { runs, fake } = await sampleWith(
    { warmup: 0, runs: 5, auto: { targetCiHalfWidth: 0.02, maxTimeMs: 60_000, maxRuns: 50 } },
    (f) => (_request, n) => {
      if (n === 2) f.interrupt();
      return {};
    },
  );
  assert.equal(fake.calls.length, 3);
  assert.equal(runs[0]?.samples.length, 3);
  assert.equal(runs[0]?.stopReason, 'interrupted');
  assert.equal(runs[0]?.auto, undefined, 'an interrupted run has no --auto verdict');
});

const auto = { targetCiHalfWidth: 0.02, maxTimeMs: 60_000, maxRuns: 200 };

test('--auto: stops once the CI of the median is within the target (ci-target)', async () => {
  const { runs } = await sampleWith({ warmup: 1, runs: MIN_RUNS_FOR_CI, auto });
  assert.equal(runs[0]?.samples.length, MIN_RUNS_FOR_CI);
  assert.deepEqual(runs[0]?.auto, { stop: 'ci-target', ciHalfWidth: 0, target: 0.02 });
});

test('--auto: no CI before MIN_RUNS_FOR_CI runs, and never fewer than --runs', async () => {
  const few = await sampleWith({ warmup: 0, runs: 2, auto });
  assert.equal(few.runs[0]?.samples.length, MIN_RUNS_FOR_CI, 'a CI needs 6 samples');
  assert.equal(few.runs[0]?.auto?.stop, 'ci-target');
  const many = await sampleWith({ warmup: 0, runs: 10, auto });
  assert.equal(many.runs[0]?.samples.length, 10, 'the CI is met at 6, but --runs asks for 10');
  assert.equal(many.runs[0]?.auto?.stop, 'ci-target');
});

test('--auto: stops when the time budget is spent (time-budget), by the injected clock', async () => {
  let nowMs = 0;
  const { runs } = await sampleWith(
    { warmup: 0, runs: 2, auto: { ...auto, maxTimeMs: 6_500 } },
    () => (request, n) => {
      nowMs += 1_000; // every command takes one second of the clock
      return noisy()(request, n);
    },
    { now: () => nowMs },
  );
  assert.equal(runs[0]?.samples.length, 7, '7 s >= 6.5 s after the seventh run');
  assert.equal(runs[0]?.auto?.stop, 'time-budget');
  assert.ok((runs[0]?.auto?.ciHalfWidth ?? 0) > 0.02);
});

test('--auto: stops at --max-runs when the CI stays wide (run-budget)', async () => {
  const { runs, fake } = await sampleWith(
    { warmup: 0, runs: 6, auto: { ...auto, maxRuns: 8 } },
    noisy,
  );
  assert.equal(fake.calls.length, 8);
  assert.equal(runs[0]?.auto?.stop, 'run-budget');
});

test('--auto: every toolchain must meet the target, not just one', async () => {
  const bNoisy: Script = (request, n) => (nameOf(request.argv) === 'b' ? noisy()(request, n) : {});
  const { runs } = await sampleWith(
    { warmup: 0, runs: 6, auto: { ...auto, maxRuns: 9 } },
    () => bNoisy,
    { toolchains: ['a', 'b'] },
  );
  assert.deepEqual(
    runs.map((r) => [r.samples.length, r.auto?.stop, r.auto?.ciHalfWidth === 0]),
    [
      [9, 'run-budget', true],
      [9, 'run-budget', false],
    ],
  );
});

test('a warm scenario primes the shared cache once per toolchain, untimed', async () => {
  const warm: Scenario = { ...scenario, id: 'test/warm', cache: 'warm' };
  const { runs, fake } = await sampleWith({ warmup: 0, runs: 2 }, undefined, {
    scenario: warm,
    toolchains: ['a', 'b'],
  });
  assert.equal(fake.calls.length, 2 + 4, 'one priming run per toolchain, then the samples');
  const caches = new Set(fake.calls.map((c) => c.env?.GOCACHE));
  assert.equal(caches.size, 1, 'every run uses the shared warm cache');
  assert.deepEqual(
    runs.map((r) => r.samples.length),
    [2, 2],
  );
});

test('a cold scenario gives every run a fresh GOCACHE', async () => {
  const cold: Scenario = { ...scenario, id: 'test/cold', cache: 'fresh' };
  const { fake } = await sampleWith({ warmup: 1, runs: 3 }, undefined, { scenario: cold });
  const caches = fake.calls.map((c) => c.env?.GOCACHE);
  assert.equal(new Set(caches).size, 4);
  assert.ok(caches.every((c) => /gocache-cold-\d+$/.test(c ?? '')));
});

test('a failed setup step: that toolchain is not run, the others are', async () => {
  const withSetup: Scenario = { ...scenario, id: 'test/setup', setup: [['{go}', 'mod', 'init']] };
  const failSetupOfB: Script = (request) =>
    nameOf(request.argv) === 'b' && request.argv[1] === 'mod'
      ? { exitCode: 1, stderr: 'no\n' }
      : {};
  const { runs, order } = await sampleWith({ warmup: 0, runs: 2 }, () => failSetupOfB, {
    scenario: withSetup,
    toolchains: ['a', 'b'],
  });
  assert.equal(order, 'ab' + 'aa', 'set-ups, then only a');
  assert.deepEqual(runs[1]?.setupFailure, { reason: 'exit status 1', stderrTail: 'no' });
  assert.equal(runs[1]?.samples.length, 0);
  assert.equal(runs[0]?.samples.length, 2);
});

test('configurations: own environment and build flags, each sample with its round and place', async () => {
  const build: Scenario = {
    ...scenario,
    id: 'test/build',
    argv: ['{go}', 'build', '-o', '/dev/null', '.'],
    env: { GODEBUG: 'scenario' },
    buildSettings: ['p', 'ldflags', 'trimpath'],
  };
  const dirs = PrivateDirs.create();
  const fake = fakeRunner(() => ({}));
  const loads: string[] = [];
  const configurations: SampledConfiguration[] = [
    { ...toolchain('a'), configuration: { name: 'x', toolchain: 'a', env: {}, build: {} } },
    {
      ...toolchain('a'),
      configuration: {
        name: 'y',
        toolchain: 'a',
        env: { GOGC: '50', GODEBUG: 'mine' },
        build: { p: 1, trimpath: true, load: 2 },
      },
    },
  ];
  try {
    const runs = await runScenario(build, { warmup: 1, runs: 2 }, configurations, {
      runner: fake.runner,
      dirs,
      warmCacheDir: dirs.named('gocache-warm'),
      progress: { phase: () => undefined, sample: () => undefined },
      startLoad: (n) => {
        loads.push(`start ${n}`);
        return Promise.resolve({ stop: () => Promise.resolve(void loads.push('stop')) });
      },
    });
    const [x, y] = runs;
    assert.deepEqual(
      runs.map((r) => r.configuration),
      ['x', 'y'],
    );
    assert.deepEqual(x?.argv.slice(1), ['build', '-o', '/dev/null', '.']);
    assert.deepEqual(y?.argv.slice(1), ['build', '-p', '1', '-trimpath', '-o', '/dev/null', '.']);
    const ys = fake.calls.filter((c) => c.argv.includes('-trimpath'));
    assert.equal(ys.length, 3);
    // The configuration's variables come last: over the scenario's too.
    assert.ok(ys.every((c) => c.env?.GOGC === '50' && c.env.GODEBUG === 'mine'));
    const xs = fake.calls.filter((c) => !c.argv.includes('-trimpath'));
    assert.ok(xs.every((c) => c.env?.GOGC === undefined && c.env?.GODEBUG === 'scenario'));
    // Round 0 is the warm-up (x y); counted rounds 1 and 2 run y x, then x y.
    assert.deepEqual(
      x?.samples.map((s) => [s.round, s.position]),
      [
        [0, 1],
        [1, 0],
      ],
    );
    assert.deepEqual(
      y?.samples.map((s) => [s.round, s.position]),
      [
        [0, 0],
        [1, 1],
      ],
    );
    assert.deepEqual(loads, ['start 2', 'stop', 'start 2', 'stop', 'start 2', 'stop']);
  } finally {
    dirs.dispose();
  }
});

test('a shuffled order is the seeded one, and every round still runs each configuration once', async () => {
  const { order } = await sampleWith(
    { warmup: 0, runs: 6, order: { kind: 'shuffle', seed: 42 } },
    undefined,
    { toolchains: ['a', 'b', 'c'] },
  );
  const rounds = order.match(/.{3}/g) ?? [];
  assert.equal(rounds.length, 6);
  for (const r of rounds) assert.deepEqual([...r].sort().join(''), 'abc');
  const again = await sampleWith(
    { warmup: 0, runs: 6, order: { kind: 'shuffle', seed: 42 } },
    undefined,
    { toolchains: ['a', 'b', 'c'] },
  );
  assert.equal(again.order, order);
});

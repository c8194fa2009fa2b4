// The sampling loop against the real go command: failures are samples with their stderr,
// never timings; repeated failures stop the scenario early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureHelper } from '../../src/measure/helper.js';
import { PrivateDirs } from '../../src/measure/private-dirs.js';
import { controlledEnv } from '../../src/measure/controlled-env.js';
import { realCommandRunner } from '../../src/measure/command-runner.js';
import { runScenario } from '../../src/measure/sampler.js';
import type { ProgressSink } from '../../src/measure/sampler.js';
import type { ScenarioResult } from '../../src/record/run-record.js';
import { scenarioNotes, renderRunTable } from '../../src/report/terminal-table.js';
import { PROCESS_METRICS } from '../../src/scenarios/types.js';
import type { Scenario } from '../../src/scenarios/types.js';
import { findGoOnPath } from '../../src/probe/index.js';

const silent: ProgressSink = { phase: () => undefined, sample: () => undefined };

async function sample(scenario: Scenario, runs: number): Promise<ScenarioResult> {
  const helper = await ensureHelper();
  const dirs = PrivateDirs.create();
  try {
    const env = controlledEnv(
      process.env,
      { gocache: dirs.named('cache'), gomodcache: dirs.named('mod'), tmpdir: dirs.named('tmp') },
      {},
    );
    const runner = realCommandRunner({
      helperPath: helper.kind === 'built' ? helper.path : null,
      timeoutMs: 60_000,
      signal: new AbortController().signal,
    });
    const [run] = await runScenario(
      scenario,
      { warmup: 0, runs },
      [
        {
          configuration: { name: 'local', toolchain: 'local', env: {}, build: {} },
          goPath: findGoOnPath(process.env.PATH) ?? 'go',
          env,
        },
      ],
      { runner, dirs, warmCacheDir: env.GOCACHE ?? '', progress: silent },
    );
    assert.ok(run);
    return {
      ...run,
      description: scenario.description,
      cache: scenario.cache,
      metrics: PROCESS_METRICS,
    };
  } finally {
    dirs.dispose();
  }
}

const failing: Scenario = {
  id: 'test/failing-build',
  description: 'a build of a package that does not exist',
  cache: 'none',
  argv: ['{go}', 'build', 'example.invalid/nothing/here'],
  extractors: [],
  metrics: [],
  defaultWarmup: 0,
  defaultRuns: 10,
};

test('a failing command is a failed sample with its stderr tail, never a timing', async () => {
  const result = await sample(failing, 10);
  assert.equal(result.samples.length, 3, 'stops after 3 failures in a row');
  assert.equal(result.stoppedEarly, true);
  assert.match(result.stopReason ?? '', /3 failed runs in a row/);
  for (const s of result.samples) {
    assert.equal(s.ok, false);
    assert.deepEqual(s.metrics, {});
    assert.equal(s.failure?.reason, 'exit status 1');
    assert.match(s.failure?.stderrTail ?? '', /example\.invalid\/nothing\/here/);
  }
  const notes = scenarioNotes(result).join('\n');
  assert.match(notes, /3 of 3 runs failed and are not timings \(first: exit status 1\)/);
  assert.match(
    renderRunTable({ scenarios: [result], config: { toolchains: [] } } as never),
    /not measured/,
  );
});

test('a failing setup is reported and nothing is run', async () => {
  const result = await sample({ ...failing, id: 'test/failing-setup', setup: [failing.argv] }, 5);
  assert.equal(result.samples.length, 0);
  assert.equal(result.setupFailure?.reason, 'exit status 1');
  assert.match(scenarioNotes(result).join('\n'), /not measured, setup failed/);
});

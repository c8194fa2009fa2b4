// doctor --thorough's short sweep without running it: which settings it compares, its result
// (`sweep`'s own analysis of a fixture of wall times) as facts, and the findings those facts
// confirm, refute or leave unconfirmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConcurrencySweep, DoctorFacts, Finding } from '../../src/analyze/doctor-report.js';
import { diagnose } from '../../src/analyze/doctor-rules.js';
import { chooseSweep, sweepOutcome } from '../../src/analyze/doctor-sweep.js';
import { analyzeScenarioResults } from '../../src/analyze/sweep-analysis.js';
import { sweepConfigurations } from '../../src/analyze/sweep-params.js';
import type { ScenarioResult } from '../../src/record/run-record.js';
import { PROCESS_METRICS } from '../../src/scenarios/types.js';
import { healthyFacts } from '../support/doctor-facts.js';

const MS = 1e6;

test('the sweep compares your GOMAXPROCS and -p with the default, else half and double it', () => {
  const cpu = { ...healthyFacts().cpu, goDefaultProcs: 2 };
  const names = (c: ReturnType<typeof chooseSweep>) => c.points.map((p) => p.name);
  const yours = chooseSweep({ ...cpu, gomaxprocsEnv: '1' }, '-trimpath -p=4');
  assert.equal(yours.compared, 'your settings');
  assert.deepEqual(names(yours), ['gomaxprocs=1', 'p=4']);
  assert.deepEqual(yours.points[1]?.params, { p: '4' });
  // Settings equal to the default, or no number at all, leave nothing of yours to compare.
  const around = chooseSweep({ ...cpu, gomaxprocsEnv: 'many' }, '-p=2');
  assert.equal(around.compared, 'around the default');
  assert.deepEqual(names(around), ['gomaxprocs=1', 'gomaxprocs=4']);
  assert.deepEqual(names(chooseSweep({ ...cpu, goDefaultProcs: 1 }, '')), ['gomaxprocs=2']);
});

/** Wall times of 5 interleaved rounds per configuration, as the sampler records them. */
function result(configuration: string, wallMs: number[]): ScenarioResult {
  return {
    scenarioId: 'build/hello-link',
    toolchain: 'local',
    configuration,
    argv: ['go', 'build'],
    warmup: 1,
    runsRequested: wallMs.length,
    samples: wallMs.map((ms, round) => ({
      seq: round,
      round,
      ok: true,
      metrics: { wallNs: ms * MS },
    })),
    stoppedEarly: false,
    description: 'build and link hello world',
    cache: 'warm',
    metrics: PROCESS_METRICS,
  };
}

/** The facts of `sweep`'s analysis of the fixture: default, p=1 (slower), p=4 (no difference). */
function fixtureSweep(): ConcurrencySweep {
  const choice = chooseSweep(healthyFacts().cpu, '-p=1');
  const configurations = sweepConfigurations(
    [...choice.points, { name: 'p=4', params: { p: '4' } }],
    'local',
  );
  const analysis = analyzeScenarioResults(
    'build/hello-link',
    [
      result('default', [801, 812, 795, 820, 808]),
      result('p=1', [1010, 1032, 998, 1041, 1019]),
      result('p=4', [806, 799, 818, 811, 803]),
    ],
    configurations,
  );
  return sweepOutcome(
    analysis,
    { compared: 'your settings', points: [...choice.points, { name: 'p=4', params: { p: '4' } }] },
    { runs: 5, seed: 7 },
  );
}

test("sweep's Holm-corrected analysis becomes the facts: medians, change, significance", () => {
  const s = fixtureSweep();
  assert.equal(s.baseMedianNs, 808 * MS);
  assert.equal(s.baseFailure, null);
  const [p1, p4] = s.points;
  assert.deepEqual(
    [p1?.param, p1?.value, p1?.medianNs, p1?.significant],
    ['p', '1', 1019 * MS, true],
  );
  assert.ok(Math.abs((p1?.deltaFraction ?? 0) - (1019 / 808 - 1)) < 1e-9);
  assert.ok((p1?.pHolm ?? 1) <= 0.05);
  assert.equal(p4?.significant, false);
});

function pFinding(sweep: ConcurrencySweep | null, goflags = '-p=1'): Finding | undefined {
  const f: DoctorFacts = healthyFacts();
  f.goEnv.GOFLAGS = goflags;
  f.sources.GOFLAGS = 'go env file';
  f.thorough = { sweep };
  return diagnose(f).find((x) => x.id === 'p-mismatch');
}

test('p-mismatch confirmed by the sweep: the measured change is evidence, the gain measured', () => {
  const found = pFinding(fixtureSweep());
  assert.equal(found?.severity, 'warn');
  assert.match(
    found?.evidence.at(-1) ?? '',
    /^measured here: build\/hello-link takes 1\.02 s with -p=1 vs 808 ms at the default, \+26\.1% \(Holm-corrected p=0\.0\d\d, 5 interleaved runs each\)$/,
  );
  assert.equal(
    found?.expectedGain,
    'confirmed on this machine: build/hello-link takes 20.7% less wall time without -p=1',
  );
  assert.deepEqual(found?.fix?.goEnv, [{ key: 'GOFLAGS', value: null }]);
});

test('p-mismatch not confirmed (~) keeps its severity; refuted (faster) drops to info, no fix', () => {
  const s = fixtureSweep();
  const unclear = pFinding({
    ...s,
    points: [{ ...(s.points[1] as ConcurrencySweep['points'][0]), value: '1' }],
  });
  assert.equal(unclear?.severity, 'warn');
  assert.match(unclear?.evidence.at(-1) ?? '', / ~ not significant \(/);
  assert.match(unclear?.expectedGain ?? '', /^not confirmed on this machine: .* --param p=1$/);

  const faster = { ...(s.points[0] as ConcurrencySweep['points'][0]), deltaFraction: -0.1 };
  const refuted = pFinding({ ...s, points: [faster] });
  assert.equal(refuted?.severity, 'info');
  assert.equal(refuted?.fix, null);
  assert.match(refuted?.title ?? '', /, yet -p=1 measured faster here$/);
  assert.match(refuted?.expectedGain ?? '', /^refuted on this machine: .* 10\.0% faster with -p=1/);

  const failed = pFinding({
    ...s,
    points: [{ ...faster, medianNs: null, deltaFraction: null, failure: 'exit status 1' }],
  });
  assert.equal(failed?.severity, 'warn');
  assert.equal(failed?.evidence.at(-1), 'the short sweep could not measure -p=1: exit status 1');
});

test('around the default: a finding only when half or double the default is significantly faster', () => {
  const s = fixtureSweep();
  const around = (points: ConcurrencySweep['points']): Finding[] => {
    const f = healthyFacts();
    f.thorough = { sweep: { ...s, compared: 'around the default', points } };
    return diagnose(f);
  };
  const point = (value: string, deltaFraction: number, significant: boolean) => ({
    param: 'GOMAXPROCS' as const,
    value,
    medianNs: 808 * MS * (1 + deltaFraction),
    deltaFraction,
    pHolm: significant ? 0.016 : 0.4,
    significant,
    failure: null,
  });
  assert.deepEqual(around([point('1', 0.3, true), point('4', -0.02, false)]), []);
  const [faster] = around([point('1', 0.3, true), point('4', -0.12, true)]);
  assert.equal(faster?.id, 'gomaxprocs-sweep');
  assert.equal(faster?.severity, 'info');
  assert.equal(
    faster?.title,
    "GOMAXPROCS=4 built build/hello-link 12.0% faster than Go's default GOMAXPROCS (8) here",
  );
  assert.equal(faster?.evidence.length, 2);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  recommend,
  recommendCandidates,
  recommendPoints,
  settingsText,
  type MeasuredCandidate,
} from '../../src/analyze/recommend-candidates.js';
import { probeTopology } from '../../src/probe/topology.js';
import type { TopologyInfo } from '../../src/record/fingerprint.js';
import { fixturePath } from '../support/paths.js';
import { TOPOLOGY_FIXTURES } from '../support/topology-fixtures.js';

/** The topology read from a fixture tree, with Go's default measured as its rule predicts. */
async function topologyOf(name: string): Promise<TopologyInfo> {
  const t = await probeTopology({ root: fixturePath(`topology/${name}`), goVersion: 'go1.26.8' });
  return { ...t, goDefaultGomaxprocs: t.goDefaultRule, goNumCpu: t.affinityCpus };
}

/** Candidate values per fixture tree: default, cores, logical CPUs, quota, NUMA node, ±1. */
const EXPECTED: Record<string, { defaultValue: number; values: number[] }> = {
  'this-vm-kvm-2cpu': { defaultValue: 2, values: [1, 2] },
  'numa-2socket-smt': { defaultValue: 32, values: [7, 8, 9, 15, 16, 17, 31, 32] },
  'laptop-smt': { defaultValue: 8, values: [3, 4, 5, 7, 8] },
  'container-v2-quota': { defaultValue: 2, values: [1, 2, 3, 4, 5, 7, 8] },
  'container-v1-cfs': { defaultValue: 3, values: [1, 2, 3, 4, 7, 8, 9, 15, 16] },
  'container-cpuset': { defaultValue: 4, values: [1, 2, 3, 4, 5, 7, 8] },
  'k8s-v2-half-cpu': { defaultValue: 2, values: [1, 2, 3, 4] },
};

test('every fixture topology has its expected candidates', () => {
  assert.deepEqual(Object.keys(EXPECTED).sort(), Object.keys(TOPOLOGY_FIXTURES).sort());
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`candidates on ${name}`, async () => {
    const plan = recommendCandidates(await topologyOf(name));
    assert.equal(plan.defaultValue, expected.defaultValue);
    assert.deepEqual(
      plan.candidates.map((c) => c.value),
      expected.values,
    );
    assert.deepEqual(
      plan.candidates.filter((c) => c.isDefault).map((c) => c.value),
      [expected.defaultValue],
    );
    for (const c of plan.candidates) assert.ok(c.reasons.length > 0, `${c.value} has a reason`);
    assert.deepEqual(plan.notes, []);
  });
}

test('reasons name the topology facts: quota below the core count, rounded both ways', async () => {
  const plan = recommendCandidates(await topologyOf('container-v2-quota'));
  const why = (v: number): string[] => plan.candidates.find((c) => c.value === v)?.reasons ?? [];
  assert.deepEqual(why(2), ["Go's default, measured", 'CPU quota 1.5 rounded up']);
  assert.deepEqual(why(1), ['CPU quota 1.5 rounded down']);
  assert.deepEqual(why(3), [
    "neighbour of 2 (Go's default, measured)",
    'neighbour of 4 (physical cores)',
  ]);
  assert.deepEqual(why(4), ['physical cores']);
  assert.deepEqual(why(8), ['logical CPUs']);
});

test('a cpuset: the cores inside it, and the CPUs it allows', async () => {
  const plan = recommendCandidates(await topologyOf('container-cpuset'));
  const why = (v: number): string[] => plan.candidates.find((c) => c.value === v)?.reasons ?? [];
  assert.deepEqual(why(2), ['physical cores this process may run on']);
  assert.deepEqual(why(4), ["Go's default, measured", 'CPUs this process may run on']);
});

test("a parent's quota that Go does not read is still a candidate, and says so", async () => {
  const base = await topologyOf('laptop-smt');
  const plan = recommendCandidates({
    ...base,
    cgroup: { ...base.cgroup, quotaCpus: null, effectiveQuotaCpus: 2 },
  });
  const two = plan.candidates.find((c) => c.value === 2);
  assert.deepEqual(two?.reasons, [
    "a parent cgroup's CPU quota (Go reads only its own) 2 rounded up",
  ]);
});

test('NUMA: one node worth of CPUs and of cores', async () => {
  const plan = recommendCandidates(await topologyOf('numa-2socket-smt'));
  const why = (v: number): string[] => plan.candidates.find((c) => c.value === v)?.reasons ?? [];
  assert.deepEqual(why(16), ['physical cores', 'logical CPUs of one NUMA node']);
  assert.deepEqual(why(8), ['physical cores of one NUMA node']);
});

test('without a measured default, the rule stands in and says so; no core count is a note', async () => {
  const base = await topologyOf('laptop-smt');
  const plan = recommendCandidates({ ...base, goDefaultGomaxprocs: null, physicalCores: null });
  assert.deepEqual(plan.candidates.find((c) => c.isDefault)?.reasons, [
    "Go's default by its rule",
    'logical CPUs',
  ]);
  assert.equal(plan.notes.length, 1);
});

const MS = 1e6;
const row = (
  configuration: string,
  params: Record<string, string>,
  center: number | null,
  vs: { d: number; p: number } | null = null,
): MeasuredCandidate => ({
  configuration,
  params,
  n: center === null ? 0 : 10,
  center,
  ciLo: center === null ? null : center * 0.98,
  ciHi: center === null ? null : center * 1.02,
  vsBase:
    vs === null ? null : { deltaFraction: vs.d, p: vs.p, pHolm: vs.p, significant: vs.p <= 0.05 },
});

test('recommend: the fastest significantly better setting, with its evidence', () => {
  const r = recommend([
    row('default', {}, 1000 * MS),
    row('gomaxprocs=1', { GOMAXPROCS: '1' }, 1800 * MS, { d: 0.8, p: 0.001 }),
    row('gomaxprocs=4', { GOMAXPROCS: '4' }, 900 * MS, { d: -0.1, p: 0.01 }),
    row('p=4', { p: '4' }, 880 * MS, { d: -0.12, p: 0.02 }),
    row('p=8', { p: '8' }, null),
  ]);
  assert.equal(r.kind, 'change');
  assert.deepEqual(r.settings, { p: '4' });
  assert.equal(r.summary, 'set go build -p 4: 12.0% faster than the default');
  assert.match(r.evidence[0] ?? '', /^default: median 1\.00 s \[/);
  assert.match(r.evidence[1] ?? '', /^p=4: median 880 ms .*n=10, 12\.0% faster \(p=0\.020 Holm\)$/);
  assert.match(r.evidence[2] ?? '', /^gomaxprocs=4: /);
  assert.ok(r.evidence.includes('significantly slower than the default: gomaxprocs=1'));
  assert.ok(r.evidence.includes('no successful run: p=8'));
  assert.equal(
    r.evidence.at(-1),
    '3 settings compared with the default, p-values Holm-corrected over all of them',
  );
});

test('recommend: faster but not significant after Holm keeps the default', () => {
  const r = recommend([
    row('default', {}, 1000 * MS),
    row('gomaxprocs=1', { GOMAXPROCS: '1' }, 990 * MS, { d: -0.01, p: 0.4 }),
  ]);
  assert.equal(r.kind, 'keep-default');
  assert.deepEqual(r.settings, {});
  assert.equal(r.summary, 'keep the default: no measured setting was significantly faster');
  assert.match(r.evidence[1] ?? '', /1\.0% faster \(p=0\.40 Holm, not significant\)$/);
});

test('recommend: significantly slower settings only keep the default', () => {
  const r = recommend([
    row('default', {}, 1000 * MS),
    row('gomaxprocs=1', { GOMAXPROCS: '1' }, 1500 * MS, { d: 0.5, p: 0.001 }),
  ]);
  assert.equal(r.kind, 'keep-default');
});

test('recommend: never without a measured default', () => {
  const r = recommend([
    row('default', {}, null),
    row('gomaxprocs=1', { GOMAXPROCS: '1' }, 500 * MS),
  ]);
  assert.equal(r.kind, 'unmeasured');
  assert.deepEqual(r.settings, {});
  assert.equal(recommend([]).kind, 'unmeasured');
});

test('settings read as advice', () => {
  assert.equal(settingsText({ GOMAXPROCS: '4', p: '2' }), 'GOMAXPROCS=4 and go build -p 2');
});

test('points: every candidate but the default, as GOMAXPROCS and as -p, named as sweeps name them', async () => {
  const plan = recommendCandidates(await topologyOf('container-v2-quota'));
  const points = recommendPoints(plan, true);
  assert.deepEqual(
    points.map((p) => p.name),
    ['1', '3', '4', '5', '7', '8']
      .flatMap((v) => [`gomaxprocs=${v}`])
      .concat(['1', '3', '4', '5', '7', '8'].map((v) => `p=${v}`)),
  );
  assert.deepEqual(points[0]?.params, { GOMAXPROCS: '1' });
  assert.deepEqual(points.at(-1)?.params, { p: '8' });
  assert.equal(recommendPoints(plan, false).length, 6);
});

test('points: a one-CPU machine has nothing to measure besides the default', () => {
  const plan = {
    defaultValue: 1,
    candidates: [{ value: 1, reasons: ['logical CPUs'], isDefault: true }],
    notes: [],
  };
  assert.deepEqual(recommendPoints(plan, true), []);
});

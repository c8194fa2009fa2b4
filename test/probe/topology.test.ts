import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import fs from 'node:fs';
import {
  goDefaultRule,
  goHonoursCgroupQuota,
  lscpuDisagreements,
  probeTopology,
} from '../../src/probe/topology.js';
import { parseLscpuJson } from '../../src/parse/lscpu.js';
import { fixturePath } from '../support/paths.js';
import { probeFixturePath } from './fixtures.js';
import { TOPOLOGY_FIXTURES } from '../support/topology-fixtures.js';

for (const [name, expected] of Object.entries(TOPOLOGY_FIXTURES)) {
  test(`topology of ${name}`, async () => {
    const got = await probeTopology({
      root: fixturePath(`topology/${name}`),
      goVersion: 'go version go1.26.8 linux/amd64',
    });
    const { goDefaultGomaxprocs, goNumCpu, notes, ...facts } = got;
    assert.deepEqual(facts, expected);
    assert.equal(goDefaultGomaxprocs, null); // measured only by measure/go-default-procs.ts
    assert.equal(goNumCpu, null);
    assert.deepEqual(notes, []);
  });
}

test('Go before 1.25 ignores the quota', async () => {
  const got = await probeTopology({
    root: fixturePath('topology/container-v2-quota'),
    goVersion: 'go version go1.24.6 linux/amd64',
  });
  assert.equal(got.goDefaultRule, 8);
});

test('a quota only on a parent cgroup: enforced, but not what Go reads (leaf only)', async () => {
  const got = await probeTopology({ root: probeFixturePath('roots/docker-on-systemd-host-v2') });
  assert.deepEqual(got.cgroup, {
    version: 2,
    quotaCpus: null,
    effectiveQuotaCpus: 1.5,
    cpuset: null,
  });
  // No sysfs CPU files in this tree: Node's count stands in, and the notes say so.
  assert.equal(got.logicalCpus, Math.max(1, os.cpus().length));
  assert.equal(got.goDefaultRule, got.logicalCpus);
  assert.equal(got.notes.length, 2);
});

test("Go's rule: affinity, lowered to the quota rounded up, never below 2", () => {
  assert.equal(goDefaultRule(8, null), 8);
  assert.equal(goDefaultRule(8, 1.5), 2);
  assert.equal(goDefaultRule(8, 0.1), 2);
  assert.equal(goDefaultRule(8, 4), 4);
  assert.equal(goDefaultRule(8, 4.01), 5);
  assert.equal(goDefaultRule(8, 12), 8);
  assert.equal(goDefaultRule(1, 0.5), 1); // the floor of 2 never raises it above the affinity
  assert.equal(goDefaultRule(8, 1.5, false), 8);
  assert.equal(goHonoursCgroupQuota('go version go1.25.0 linux/amd64'), true);
  assert.equal(goHonoursCgroupQuota('go1.24.9'), false);
  assert.equal(goHonoursCgroupQuota('devel +abc'), true);
});

const VM_LSCPU = fixturePath('topology/this-vm-kvm-2cpu/lscpu.json');

test("this VM's lscpu -J agrees with its sysfs files", async () => {
  const got = await probeTopology({
    root: fixturePath('topology/this-vm-kvm-2cpu'),
    lscpuJson: fs.readFileSync(VM_LSCPU, 'utf8'),
  });
  assert.deepEqual(got.notes, []);
  assert.deepEqual(parseLscpuJson(fs.readFileSync(VM_LSCPU, 'utf8')), {
    cpus: 2,
    threadsPerCore: 1,
    coresPerSocket: 2,
    sockets: 1,
    numaNodes: 1,
  });
});

test('lscpu disagreeing with sysfs is a note per count; nested (newer util-linux) fields count', () => {
  const nested = JSON.stringify({
    lscpu: [
      { field: 'CPU(s):', data: '32' },
      {
        field: 'Model name:',
        data: 'Xeon',
        children: [
          { field: 'Thread(s) per core:', data: '2' },
          { field: 'Core(s) per socket:', data: '8' },
          { field: 'Socket(s):', data: '2' },
        ],
      },
      { field: 'NUMA:', data: null, children: [{ field: 'NUMA node(s):', data: '1' }] },
    ],
  });
  const facts = parseLscpuJson(nested);
  assert.deepEqual(facts, {
    cpus: 32,
    threadsPerCore: 2,
    coresPerSocket: 8,
    sockets: 2,
    numaNodes: 1,
  });
  assert.deepEqual(
    lscpuDisagreements(
      { physicalCores: 16, sockets: 2, numaNodes: 2, smtThreadsPerCore: 2 },
      facts,
    ),
    ['lscpu says 1 NUMA nodes, sysfs 2'],
  );
  assert.deepEqual(parseLscpuJson('not json').sockets, null);
});

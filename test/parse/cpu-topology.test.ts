import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  parseCpuList,
  parseTopologyId,
  summarizeCpuTopology,
} from '../../src/parse/cpu-topology.js';
import { parseCpusAllowedList } from '../../src/parse/proc-status.js';
import { fixturePath } from '../support/paths.js';

const vm = (file: string): string =>
  fs.readFileSync(fixturePath(`topology/this-vm-kvm-2cpu/${file}`), 'utf8');

test('cpu lists: ranges, singles, blank, as the kernel prints them', () => {
  assert.deepEqual(parseCpuList(vm('sys/devices/system/cpu/online')), [0, 1]);
  assert.deepEqual(parseCpuList('0-3,8,10-11\n'), [0, 1, 2, 3, 8, 10, 11]);
  assert.deepEqual(parseCpuList('1,17'), [1, 17]);
  assert.deepEqual(parseCpuList('\n'), []);
  assert.deepEqual(parseCpuList('3,1-2,2'), [1, 2, 3]);
});

test('cpu lists: anything else is not a list', () => {
  for (const bad of ['3-1', 'ff', '0-', '-1', '0,,1', '0-99999', 'max']) {
    assert.equal(parseCpuList(bad), null, bad);
  }
});

test('Cpus_allowed_list of /proc/self/status captured on this VM', () => {
  assert.deepEqual(parseCpusAllowedList(vm('proc/self/status')), [0, 1]);
  assert.equal(parseCpusAllowedList('Name:\tnode\n'), null);
});

test('topology ids: -1 (unknown package on some ARM firmware) is null', () => {
  assert.equal(parseTopologyId(vm('sys/devices/system/cpu/cpu1/topology/core_id')), 1);
  assert.equal(parseTopologyId('-1\n'), null);
  assert.equal(parseTopologyId(''), null);
});

test('summary: sibling sets give cores and SMT width; package ids give sockets', () => {
  const entries = [0, 1, 2, 3].map((cpu) => ({
    cpu,
    packageId: 0,
    coreId: cpu % 2,
    threadSiblings: [cpu % 2, (cpu % 2) + 2],
  }));
  assert.deepEqual(summarizeCpuTopology(entries), {
    physicalCores: 2,
    sockets: 1,
    smtThreadsPerCore: 2,
  });
});

test('summary: without sibling lists, (package, core) pairs count the cores', () => {
  const entries = [0, 1, 2, 3].map((cpu) => ({
    cpu,
    packageId: cpu < 2 ? 0 : 1,
    coreId: 0,
    threadSiblings: null,
  }));
  assert.deepEqual(summarizeCpuTopology(entries), {
    physicalCores: 2,
    sockets: 2,
    smtThreadsPerCore: null,
  });
  assert.deepEqual(summarizeCpuTopology([]), {
    physicalCores: null,
    sockets: null,
    smtThreadsPerCore: null,
  });
});

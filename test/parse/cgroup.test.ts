import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cgroupLayout,
  parseCfsQuota,
  parseCpuMax,
  parseMemoryLimit,
  parseProcSelfCgroup,
  tightest,
} from '../../src/parse/cgroup.js';
import { parseMountinfo } from '../../src/parse/mountinfo.js';
import { probeFixture } from '../probe/fixtures.js';

const DOCKER_ID = '4f1a9c3e8b2d7a6f5e4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d';

test('/proc/self/cgroup captured on this VM: hybrid, memory in a process_api child', () => {
  const lines = parseProcSelfCgroup(probeFixture('this-vm/self-cgroup.txt'));
  assert.equal(lines.length, 10);
  assert.deepEqual(
    lines.find((l) => l.controllers.includes('memory')),
    {
      hierarchyId: 4,
      controllers: ['memory'],
      path: '/process_api/2a4ed050c418fcb92697afae1d5e0cd4',
    },
  );
  assert.deepEqual(lines.at(-1), { hierarchyId: 0, controllers: [], path: '/' });
});

test('layout on this VM: version 1 (hybrid), memory dirs walk up to the mount point', () => {
  const layout = cgroupLayout(
    parseProcSelfCgroup(probeFixture('this-vm/self-cgroup.txt')),
    parseMountinfo(probeFixture('this-vm/mountinfo.txt')),
  );
  assert.equal(layout.version, 1);
  assert.deepEqual(layout.cpuDirs, ['/sys/fs/cgroup/cpu']);
  assert.deepEqual(layout.memoryDirs, [
    '/sys/fs/cgroup/memory/process_api/2a4ed050c418fcb92697afae1d5e0cd4',
    '/sys/fs/cgroup/memory/process_api',
    '/sys/fs/cgroup/memory',
  ]);
});

test('layout in a v1 Docker container: mount root is our cgroup, so the dir is the mount point', () => {
  const layout = cgroupLayout(
    parseProcSelfCgroup(probeFixture('variants/self-cgroup-docker-v1.txt')),
    parseMountinfo(probeFixture('variants/mountinfo-docker-v1.txt')),
  );
  assert.equal(layout.version, 1);
  assert.deepEqual(layout.cpuDirs, ['/sys/fs/cgroup/cpu,cpuacct']);
  assert.deepEqual(layout.memoryDirs, ['/sys/fs/cgroup/memory']);
  const lines = parseProcSelfCgroup(probeFixture('variants/self-cgroup-docker-v1.txt'));
  assert.equal(lines.find((l) => l.controllers.includes('cpu'))?.path, `/docker/${DOCKER_ID}`);
});

test('layout on a cgroup v2 host: nested session scope, leaf first', () => {
  const layout = cgroupLayout(
    parseProcSelfCgroup(probeFixture('variants/self-cgroup-ubuntu-host-v2.txt')),
    parseMountinfo(probeFixture('variants/mountinfo-ubuntu-host-v2.txt')),
  );
  assert.equal(layout.version, 2);
  assert.deepEqual(layout.cpuDirs, [
    '/sys/fs/cgroup/user.slice/user-1000.slice/session-3.scope',
    '/sys/fs/cgroup/user.slice/user-1000.slice',
    '/sys/fs/cgroup/user.slice',
    '/sys/fs/cgroup',
  ]);
  assert.deepEqual(layout.memoryDirs, layout.cpuDirs);
});

test('layout without membership or mounts', () => {
  assert.deepEqual(cgroupLayout([], []), {
    version: null,
    cpuDirs: [],
    memoryDirs: [],
    cpusetDirs: [],
  });
  const v2NotMounted = cgroupLayout(parseProcSelfCgroup('0::/foo\n'), []);
  assert.deepEqual(v2NotMounted, { version: 2, cpuDirs: [], memoryDirs: [], cpusetDirs: [] });
});

test('cpu.max: quota/period in cores, "max" is unlimited', () => {
  assert.equal(parseCpuMax(probeFixture('roots/docker-cgroupns-v2/sys/fs/cgroup/cpu.max')), 2);
  assert.equal(parseCpuMax('50000 100000\n'), 0.5);
  assert.equal(parseCpuMax('max 100000\n'), null);
  assert.equal(parseCpuMax(''), null);
  assert.equal(parseCpuMax('banana'), null);
});

test('v1 CFS quota: -1 is unlimited (as captured here)', () => {
  assert.equal(
    parseCfsQuota(
      probeFixture('this-vm/cpu.cfs_quota_us'),
      probeFixture('this-vm/cpu.cfs_period_us'),
    ),
    null,
  );
  assert.equal(parseCfsQuota('150000\n', '100000\n'), 1.5);
  assert.equal(parseCfsQuota('100000', '0'), null);
});

test('memory limits: "max" and the v1 sentinel are unlimited', () => {
  assert.equal(parseMemoryLimit(probeFixture('this-vm/memory.limit_in_bytes')), null);
  assert.equal(parseMemoryLimit('max\n'), null);
  assert.equal(parseMemoryLimit('4294967296\n'), 4 * 1024 ** 3);
  assert.equal(parseMemoryLimit('-1'), null);
});

test('tightest of several limits', () => {
  assert.equal(tightest([null, 2, 1.5, null]), 1.5);
  assert.equal(tightest([null, null]), null);
  assert.equal(tightest([]), null);
});

test('/proc/self/cgroup: a hierarchy id too long for a number is not a membership (found by fuzzing)', () => {
  assert.deepEqual(parseProcSelfCgroup('9007199254740993:name=systemd:/\n0::/\n'), [
    { hierarchyId: 0, controllers: [], path: '/' },
  ]);
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { probeHost } from '../../src/probe/host.js';
import { probeFixturePath } from './fixtures.js';

let scratch = '';
before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gobaseline-probe-host-'));
});
after(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

test('an empty root: every file missing, nothing throws, OS fallbacks fill the required fields', async () => {
  const empty = path.join(scratch, 'empty');
  fs.mkdirSync(empty);
  const facts = await probeHost({ root: empty, env: {} });
  assert.deepEqual(facts.virtualization, {
    wsl: false,
    container: null,
    hypervisor: null,
    evidence: [],
  });
  assert.deepEqual(facts.cgroup, { version: null, cpuQuotaCores: null, memoryLimitBytes: null });
  assert.equal(facts.os.distro, null);
  assert.equal(facts.os.kernelVersion, os.version() || null);
  assert.equal(facts.cpu.governor, null);
  assert.equal(facts.cpu.sockets, null);
  assert.equal(facts.cpu.threads, Math.max(1, os.cpus().length));
  assert.equal(facts.memory.totalBytes, os.totalmem());
  assert.equal(facts.memory.availableBytes, null);
});

test('Docker with a private cgroup namespace on a KVM host: limits from /sys/fs/cgroup itself', async () => {
  const facts = await probeHost({ root: probeFixturePath('roots/docker-cgroupns-v2'), env: {} });
  assert.deepEqual(facts.cgroup, { version: 2, cpuQuotaCores: 2, memoryLimitBytes: 4 * 1024 ** 3 });
  assert.equal(facts.virtualization.container, 'docker');
  assert.equal(facts.virtualization.hypervisor, 'kvm');
  assert.ok(
    facts.virtualization.evidence.includes('DMI: QEMU | Standard PC (Q35 + ICH9, 2009) | SeaBIOS'),
  );
  assert.equal(facts.os.distro, 'Alpine Linux v3.20');
  assert.deepEqual(
    { ...facts.cpu, governor: undefined },
    {
      model: 'AMD EPYC 7763 64-Core Processor',
      sockets: 1,
      cores: 2,
      threads: 2,
      mhz: 2445.406,
      governor: undefined,
    },
  );
  assert.deepEqual(facts.memory, { totalBytes: 8141384 * 1024, availableBytes: 5912340 * 1024 });
});

test('Docker on a systemd host without cgroup namespace: the tightest limit up the tree wins', async () => {
  const facts = await probeHost({
    root: probeFixturePath('roots/docker-on-systemd-host-v2'),
    env: {},
  });
  // The container's scope is unlimited; its parent system.slice allows 1.5 cores and 8 GiB.
  assert.deepEqual(facts.cgroup, {
    version: 2,
    cpuQuotaCores: 1.5,
    memoryLimitBytes: 8 * 1024 ** 3,
  });
  // PID 2 is kthreadd (--pid=host), but the cgroup path is strong evidence, so /.dockerenv counts.
  assert.equal(facts.virtualization.container, 'docker');
  assert.ok(facts.virtualization.evidence.includes('/.dockerenv exists'));
});

test("this VM's captured files laid out as a root: cgroup v1 walk finds no limits", async () => {
  const root = path.join(scratch, 'this-vm');
  const place = (fixture: string, target: string): void => {
    const file = path.join(root, target);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(probeFixturePath(`this-vm/${fixture}`), file);
  };
  place('cpuinfo.txt', 'proc/cpuinfo');
  place('meminfo.txt', 'proc/meminfo');
  place('version.txt', 'proc/version');
  place('self-cgroup.txt', 'proc/self/cgroup');
  place('mountinfo.txt', 'proc/self/mountinfo');
  place('os-release.txt', 'etc/os-release');
  place(
    'available_clocksource.txt',
    'sys/devices/system/clocksource/clocksource0/available_clocksource',
  );
  place('cpu.cfs_quota_us', 'sys/fs/cgroup/cpu/cpu.cfs_quota_us');
  place('cpu.cfs_period_us', 'sys/fs/cgroup/cpu/cpu.cfs_period_us');
  place('memory.limit_in_bytes', 'sys/fs/cgroup/memory/memory.limit_in_bytes');
  place(
    'memory.limit_in_bytes',
    'sys/fs/cgroup/memory/process_api/2a4ed050c418fcb92697afae1d5e0cd4/memory.limit_in_bytes',
  );
  fs.writeFileSync(path.join(root, '.dockerenv'), '');
  fs.mkdirSync(path.join(root, 'proc/2'));
  fs.writeFileSync(path.join(root, 'proc/2/comm'), 'kthreadd\n');

  const facts = await probeHost({ root, env: {} });
  assert.deepEqual(facts.cgroup, { version: 1, cpuQuotaCores: null, memoryLimitBytes: null });
  assert.equal(facts.virtualization.hypervisor, 'kvm');
  assert.equal(facts.virtualization.container, null);
  assert.equal(facts.os.distro, 'Debian GNU/Linux 12 (bookworm)');
  assert.match(facts.os.kernelVersion ?? '', /^Linux version 6\.18\.44-fc-v657 /);
  assert.deepEqual(
    [facts.cpu.model, facts.cpu.sockets, facts.cpu.cores, facts.cpu.threads, facts.cpu.mhz],
    ['Intel(R) Xeon(R) Processor', 1, 2, 2, 2100],
  );

  // A limit on the intermediate cgroup is found by the walk.
  fs.writeFileSync(
    path.join(root, 'sys/fs/cgroup/memory/process_api/memory.limit_in_bytes'),
    '2147483648\n',
  );
  fs.writeFileSync(path.join(root, 'sys/fs/cgroup/cpu/cpu.cfs_quota_us'), '50000\n');
  const limited = await probeHost({ root, env: {} });
  assert.deepEqual(limited.cgroup, {
    version: 1,
    cpuQuotaCores: 0.5,
    memoryLimitBytes: 2 * 1024 ** 3,
  });
});

test(
  'unreadable files are treated as missing',
  { skip: process.platform === 'win32' || process.getuid?.() === 0 },
  async () => {
    const root = path.join(scratch, 'unreadable');
    fs.mkdirSync(path.join(root, 'proc'), { recursive: true });
    fs.writeFileSync(path.join(root, 'proc/cpuinfo'), 'processor : 0\n', { mode: 0o000 });
    const facts = await probeHost({ root, env: {} });
    assert.equal(facts.cpu.threads, Math.max(1, os.cpus().length));
  },
);

test('a directory where a file should be is treated as missing', async () => {
  const root = path.join(scratch, 'dirs');
  fs.mkdirSync(path.join(root, 'proc/self/cgroup'), { recursive: true });
  fs.mkdirSync(path.join(root, 'etc/os-release'), { recursive: true });
  const facts = await probeHost({ root, env: {} });
  assert.equal(facts.cgroup.version, null);
  assert.equal(facts.os.distro, null);
});

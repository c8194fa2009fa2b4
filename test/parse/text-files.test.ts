import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMeminfo } from '../../src/parse/meminfo.js';
import { distroName, parseOsRelease, parseProcVersion } from '../../src/parse/os-release.js';
import { parseMountinfo, rootMount } from '../../src/parse/mountinfo.js';
import { probeFixture } from '../probe/fixtures.js';

test('meminfo captured on this VM: kB converted to bytes', () => {
  const m = parseMeminfo(probeFixture('this-vm/meminfo.txt'));
  assert.equal(m.totalBytes, 24731708 * 1024);
  assert.equal(m.availableBytes, 24423872 * 1024);
});

test('meminfo without MemAvailable (Linux < 3.14) gives availableBytes null', () => {
  const m = parseMeminfo('MemTotal:        2048000 kB\nMemFree:          123456 kB\n');
  assert.deepEqual(m, { totalBytes: 2048000 * 1024, availableBytes: null });
  assert.deepEqual(parseMeminfo(''), { totalBytes: null, availableBytes: null });
});

test('os-release: PRETTY_NAME, quotes removed', () => {
  assert.equal(
    distroName(parseOsRelease(probeFixture('this-vm/os-release.txt'))),
    'Debian GNU/Linux 12 (bookworm)',
  );
  const ubuntu = parseOsRelease(probeFixture('variants/os-release-ubuntu.txt'));
  assert.equal(distroName(ubuntu), 'Ubuntu 24.04.1 LTS');
  assert.equal(ubuntu.VERSION_CODENAME, 'noble');
  assert.equal(
    distroName(parseOsRelease(probeFixture('variants/os-release-alpine.txt'))),
    'Alpine Linux v3.20',
  );
  assert.equal(distroName(parseOsRelease('NAME="Foo OS"\nVERSION=\'1 "x"\'\n')), 'Foo OS 1 "x"');
  assert.equal(distroName(parseOsRelease('# nothing\n')), null);
});

test('/proc/version: release and WSL generation', () => {
  const here = parseProcVersion(probeFixture('this-vm/version.txt'));
  assert.equal(here.release, '6.18.44-fc-v657');
  assert.equal(here.wsl, null);
  assert.ok(here.line.startsWith('Linux version 6.18.44-fc-v657 ('));
  assert.ok(!here.line.includes('\n'));

  const wsl2 = parseProcVersion(probeFixture('variants/version-wsl2.txt'));
  assert.equal(wsl2.release, '5.15.167.4-microsoft-standard-WSL2');
  assert.equal(wsl2.wsl, 2);
  assert.equal(parseProcVersion(probeFixture('variants/version-wsl1.txt')).wsl, 1);
  assert.equal(parseProcVersion(probeFixture('variants/version-ubuntu.txt')).wsl, null);
  // Early WSL2 kernels had no "WSL2" suffix.
  assert.equal(
    parseProcVersion('Linux version 4.19.104-microsoft-standard (oe-user@oe-host) #1 SMP').wsl,
    2,
  );
});

test('mountinfo captured on this VM: ext4 root on /dev/vda, hybrid cgroup mounts', () => {
  const mounts = parseMountinfo(probeFixture('this-vm/mountinfo.txt'));
  const root = rootMount(mounts);
  assert.equal(root?.fsType, 'ext4');
  assert.equal(root?.source, '/dev/vda');
  const memory = mounts.find((m) => m.mountPoint === '/sys/fs/cgroup/memory');
  assert.equal(memory?.fsType, 'cgroup');
  assert.ok(memory?.superOptions.includes('memory'));
  assert.ok(
    mounts.some((m) => m.fsType === 'cgroup2' && m.mountPoint === '/sys/fs/cgroup/unified'),
  );
});

test('mountinfo: optional fields, octal escapes, overlay layers', () => {
  const mounts = parseMountinfo(probeFixture('variants/mountinfo-docker-v1.txt'));
  const root = rootMount(mounts);
  assert.equal(root?.fsType, 'overlay');
  assert.ok(root?.superOptions.some((o) => o.startsWith('upperdir=/var/lib/docker/overlay2/')));
  assert.ok(mounts.some((m) => m.root === '/home/dev/My Projects' && m.mountPoint === '/src'));
  const cpu = mounts.find((m) => m.mountPoint === '/sys/fs/cgroup/cpu,cpuacct');
  assert.deepEqual(cpu?.superOptions, ['rw', 'cpu', 'cpuacct']);
  assert.deepEqual(parseMountinfo('garbage\n\n'), []);
});

// Found by the properties in test/parse/ (meminfo, mountinfo).
test('meminfo: a size too large for exact bytes is left out, not Infinity', () => {
  const huge = '9'.repeat(400);
  assert.deepEqual(parseMeminfo(`MemTotal: 1024 kB\nMemAvailable: ${huge} kB\n`), {
    totalBytes: 1024 * 1024,
    availableBytes: null,
  });
});

test('mountinfo: a line whose mount ids are not ids is skipped like other malformed lines', () => {
  const line = (id: string): string => `${id} 27 0:21 / /proc rw,relatime - proc proc rw`;
  assert.equal(parseMountinfo([line('-1'), line('x'), line('9'.repeat(30))].join('\n')).length, 0);
  assert.equal(parseMountinfo(line('22')).length, 1);
});

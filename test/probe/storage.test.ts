import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseMountinfo } from '../../src/parse/mountinfo.js';
import {
  classifyBlockDevice,
  classifyFilesystem,
  mountForPath,
  probeStorage,
  resolveSymlinkChain,
  resolveSysfsLink,
  type StoragePlace,
} from '../../src/probe/storage.js';
import { probeFixturePath } from './fixtures.js';

const thisVm = probeFixturePath('storage/this-vm');
const host = probeFixturePath('storage/nvme-luks-host');

function byName(places: StoragePlace[], name: string): StoragePlace {
  const p = places.find((x) => x.name === name);
  assert.ok(p, name);
  return p;
}

test('mountinfo keeps the device number and the per-mount options', () => {
  const mounts = parseMountinfo(fs.readFileSync(path.join(thisVm, 'proc/self/mountinfo'), 'utf8'));
  const root = mounts.find((m) => m.mountPoint === '/');
  assert.equal(root?.device, '254:0');
  assert.deepEqual(root?.mountOptions, ['rw', 'relatime']);
  assert.deepEqual(root?.superOptions.slice(0, 2), ['rw', 'discard']);
});

test('this VM (captured): ext4 on the virtio disk vda, /dev/shm on tmpfs', async () => {
  const places = await probeStorage(
    { GOROOT: '/usr/local/go', GOCACHE: '/root/.cache/go-build', TMPDIR: '/dev/shm/gb' },
    { root: thisVm },
  );
  const goroot = byName(places, 'GOROOT');
  assert.equal(goroot.mountPoint, '/');
  assert.equal(goroot.fsType, 'ext4');
  assert.equal(goroot.fsClass, 'disk');
  assert.equal(goroot.source, '/dev/vda');
  assert.equal(goroot.device, '254:0');
  assert.equal(goroot.block?.name, 'vda');
  assert.equal(goroot.block?.kind, 'virtio');
  // The virtio disk reports itself rotational: recorded, but not taken as a spinning disk.
  assert.equal(goroot.block?.rotational, true);
  assert.equal(goroot.block?.sysfsPath, '/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda');
  assert.match(goroot.block?.evidence[0] ?? '', /virtio/);
  // Not in the fixture tree: the path is kept as given, its mount is its ancestor's.
  assert.equal(goroot.exists, false);
  assert.equal(goroot.resolvedPath, '/usr/local/go');

  const tmp = byName(places, 'TMPDIR');
  assert.equal(tmp.mountPoint, '/dev/shm');
  assert.equal(tmp.fsType, 'tmpfs');
  assert.equal(tmp.fsClass, 'memory');
  assert.equal(tmp.block, null);
});

test('a constructed host: LUKS over NVMe, NVMe partition, btrfs on a SATA SSD, xfs on a HDD', async () => {
  const places = await probeStorage(
    {
      root: '/srv/go',
      boot: '/boot/go',
      home: '/home/dev/go',
      bind: '/opt/my go/pkg',
      archive: '/mnt/archive/go',
      tmp: '/tmp/go-build1',
      ram: '/tmp/ram/x',
      nas: '/mnt/nas/go',
      nas2: '/mnt/nas2/go',
      ssh: '/mnt/ssh/go',
    },
    { root: host },
  );
  const luks = byName(places, 'root');
  assert.equal(luks.source, '/dev/mapper/nvme0n1p3_crypt');
  assert.equal(luks.block?.name, 'dm-0');
  assert.equal(luks.block?.kind, 'nvme');
  assert.equal(luks.block?.underlying.length, 1);
  assert.equal(luks.block?.underlying[0]?.name, 'nvme0n1p3');
  assert.equal(luks.block?.underlying[0]?.disk, 'nvme0n1');
  assert.equal(luks.block?.underlying[0]?.model, 'Samsung SSD 980 PRO 1TB');

  const boot = byName(places, 'boot');
  assert.equal(boot.block?.name, 'nvme0n1p2');
  assert.equal(boot.block?.disk, 'nvme0n1');
  assert.equal(boot.block?.kind, 'nvme');
  assert.equal(boot.block?.rotational, false);

  // btrfs has an anonymous device number (0:33): the device comes from the mount's source.
  const home = byName(places, 'home');
  assert.equal(home.fsType, 'btrfs');
  assert.equal(home.device, '0:33');
  assert.equal(home.block?.name, 'sda1');
  assert.equal(home.block?.kind, 'ssd');
  assert.equal(home.block?.model, 'Samsung SSD 870');
  assert.deepEqual(home.mountOptions, ['rw', 'noatime']);

  const bind = byName(places, 'bind');
  assert.equal(bind.mountPoint, '/opt/my go');
  assert.equal(bind.block?.kind, 'ssd');

  const archive = byName(places, 'archive');
  assert.equal(archive.fsType, 'xfs');
  assert.equal(archive.block?.kind, 'rotational');
  assert.equal(archive.block?.disk, 'sdb');

  assert.equal(byName(places, 'tmp').fsClass, 'memory');
  const ram = byName(places, 'ram');
  assert.equal(ram.fsType, 'ramfs');
  assert.equal(ram.mountPoint, '/tmp/ram');
  const nas = byName(places, 'nas');
  assert.equal(nas.fsClass, 'network');
  assert.equal(nas.source, 'nas.lan:/export/go');
  assert.equal(nas.block, null);
  // /mnt/nas2 is not under /mnt/nas.
  assert.equal(byName(places, 'nas2').mountPoint, '/');
  const ssh = byName(places, 'ssh');
  assert.equal(ssh.fsClass, 'fuse');
  assert.equal(ssh.block, null);
});

test('an unreadable /proc gives nulls and a note, not an error', async () => {
  const [p] = await probeStorage({ GOROOT: '/usr/local/go' }, { root: '/nonexistent-root' });
  assert.ok(p);
  assert.equal(p.mountPoint, null);
  assert.equal(p.block, null);
  assert.ok(p.notes.some((n) => n.includes('mountinfo')));
});

test('symlink chains: every hop, relative and absolute, `..` after a link, missing tails, loops', async () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gbtest-links-')));
  try {
    fs.mkdirSync(path.join(dir, 'real/go/src'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'sdk'));
    fs.symlinkSync(path.join(dir, 'real/go'), path.join(dir, 'sdk/go1.26')); // absolute
    fs.symlinkSync('sdk/go1.26', path.join(dir, 'current')); // relative
    fs.symlinkSync('current', path.join(dir, 'go')); // relative, to a link
    const chain = await resolveSymlinkChain(path.join(dir, 'go/src'));
    assert.equal(chain.exists, true);
    assert.equal(chain.resolvedPath, path.join(dir, 'real/go/src'));
    assert.deepEqual(
      chain.symlinks.map((h) => [path.relative(dir, h.link), h.target]),
      [
        ['go', 'current'],
        ['current', 'sdk/go1.26'],
        ['sdk/go1.26', path.join(dir, 'real/go')],
      ],
    );
    assert.equal(chain.symlinks[1]?.resolvesTo, path.join(dir, 'sdk/go1.26'));

    // `..` is taken after the link is resolved, as the kernel does.
    const up = await resolveSymlinkChain(path.join(dir, 'go/../go'));
    assert.equal(up.resolvedPath, path.join(dir, 'real/go'));

    // Relative input against cwd, and a missing tail.
    const missing = await resolveSymlinkChain('go/pkg/mod', dir);
    assert.equal(missing.exists, false);
    assert.equal(missing.resolvedPath, path.join(dir, 'real/go/pkg/mod'));

    fs.symlinkSync('b', path.join(dir, 'a'));
    fs.symlinkSync('a', path.join(dir, 'b'));
    const loop = await resolveSymlinkChain(path.join(dir, 'a'));
    assert.equal(loop.loop, true);
    assert.equal(loop.exists, false);

    const [place] = await probeStorage({ GOROOT: path.join(dir, 'go') });
    assert.equal(place?.symlinks.length, 3);
    assert.equal(place?.exists, true);
    assert.ok(place?.mountPoint);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('filesystem classes', () => {
  const cases: [string, string][] = [
    ['ext4', 'disk'],
    ['xfs', 'disk'],
    ['btrfs', 'disk'],
    ['zfs', 'disk'],
    ['tmpfs', 'memory'],
    ['ramfs', 'memory'],
    ['overlay', 'overlay'],
    ['nfs', 'network'],
    ['nfs4', 'network'],
    ['cifs', 'network'],
    ['9p', 'host-share'],
    ['virtiofs', 'host-share'],
    ['drvfs', 'host-share'],
    ['fuse.sshfs', 'fuse'],
    ['fuseblk', 'fuse'],
    ['proc', 'other'],
  ];
  for (const [fsType, cls] of cases) assert.equal(classifyFilesystem(fsType), cls, fsType);
});

test('block device kinds', () => {
  const kind = (name: string, sysfsPath: string, rotational: boolean | null, underlying = []) =>
    classifyBlockDevice({ name, sysfsPath, rotational, underlying }).kind;
  const pci = '/sys/devices/pci0000:00';
  assert.equal(
    kind('nvme0n1', `${pci}/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1`, false),
    'nvme',
  );
  assert.equal(
    kind('sda', `${pci}/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda`, false),
    'ssd',
  );
  assert.equal(
    kind('sdb', `${pci}/0000:00:17.0/ata2/host1/target1:0:0/1:0:0:0/block/sdb`, true),
    'rotational',
  );
  assert.equal(kind('vda', `${pci}/0000:00:02.0/virtio1/block/vda`, true), 'virtio');
  // virtio-scsi disks are named sdX but sit behind a virtio controller.
  assert.equal(
    kind('sda', `${pci}/0000:00:03.0/virtio2/host0/target0:0:0/0:0:0:0/block/sda`, true),
    'virtio',
  );
  assert.equal(kind('xvda', '/sys/devices/vbd-51712/block/xvda', false), 'xen');
  assert.equal(
    kind(
      'sda',
      '/sys/devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0004:00/VMBUS:00/f8b3781a/host0/block/sda',
      true,
    ),
    'hyperv',
  );
  assert.equal(
    kind('mmcblk0', '/sys/devices/platform/mmc0/mmc_host/mmc0/block/mmcblk0', false),
    'mmc',
  );
  assert.equal(kind('loop0', '/sys/devices/virtual/block/loop0', false), 'loop');
  assert.equal(kind('zram0', '/sys/devices/virtual/block/zram0', false), 'ram');
  assert.equal(kind('sdc', `${pci}/usb1/block/sdc`, null), 'unknown');
  assert.equal(
    classifyBlockDevice({
      name: 'md0',
      sysfsPath: '/sys/devices/virtual/block/md0',
      rotational: false,
      underlying: ['nvme', 'ssd'],
    }).kind,
    'unknown',
  );
  assert.equal(
    classifyBlockDevice({
      name: 'dm-1',
      sysfsPath: '/sys/devices/virtual/block/dm-1',
      rotational: false,
      underlying: ['ssd', 'ssd'],
    }).kind,
    'ssd',
  );
});

test('mounts: the longest mount point holding the path, the last of equal ones', () => {
  const mounts = parseMountinfo(
    [
      '1 0 8:1 / / rw - ext4 /dev/sda1 rw',
      '2 1 0:40 / /tmp rw - tmpfs tmpfs rw',
      '3 1 0:41 / /tmp rw - ext4 /dev/sdb1 rw',
      '4 1 0:42 / /mnt/a rw - nfs4 h:/a rw',
    ].join('\n'),
  );
  assert.equal(mountForPath(mounts, '/tmp/x')?.mountId, 3);
  assert.equal(mountForPath(mounts, '/tmp')?.mountId, 3);
  assert.equal(mountForPath(mounts, '/tmpx')?.mountId, 1);
  assert.equal(mountForPath(mounts, '/mnt/a/b')?.mountId, 4);
  assert.equal(mountForPath(mounts, '/mnt/ab')?.mountId, 1);
  assert.equal(mountForPath([], '/x'), null);
  assert.equal(
    resolveSysfsLink(
      '/sys/dev/block/254:0',
      '../../devices/pci0000:00/0000:00:02.0/virtio1/block/vda',
    ),
    '/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda',
  );
});

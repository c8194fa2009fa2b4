import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  choosePlacement,
  formatStorage,
  type PlacementCandidate,
} from '../../src/analyze/goroot-placement.js';

function cand(
  dir: string,
  fsType: string | null,
  extra: Partial<PlacementCandidate> = {},
): PlacementCandidate {
  return {
    dir,
    fsType,
    mountPoint: dir,
    source: null,
    writable: true,
    freeBytes: 10 * 2 ** 30,
    ...extra,
  };
}

test('choosePlacement takes the first fitting candidate of the wanted kind', () => {
  const c = [cand('/dev/shm', 'tmpfs'), cand('/tmp', 'ext4'), cand('/var/tmp', 'xfs')];
  const tmpfs = choosePlacement(c, true, 300 * 2 ** 20);
  assert.ok(tmpfs.ok && tmpfs.candidate.dir === '/dev/shm');
  const disk = choosePlacement(c, false, 300 * 2 ** 20);
  assert.ok(disk.ok && disk.candidate.dir === '/tmp');
});

test('choosePlacement says why nothing fits', () => {
  const r = choosePlacement(
    [
      cand('/dev/shm', 'tmpfs', { freeBytes: 64 * 2 ** 20 }),
      cand('/tmp', 'ext4'),
      cand('/run/user/0', 'tmpfs', { writable: false }),
      cand('/gone', null),
    ],
    true,
    300 * 2 ** 20,
  );
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.reason, /no writable tmpfs directory with 300 MiB free/);
    assert.match(r.reason, /\/dev\/shm \(tmpfs\) has 64 MiB free/);
    assert.match(r.reason, /\/tmp \(ext4\) is not in memory/);
    assert.match(r.reason, /not writable/);
    assert.match(r.reason, /\/gone: not in the mount table/);
  }
  const disk = choosePlacement([cand('/tmp', 'tmpfs'), cand('/x', 'ramfs')], false, 1);
  assert.ok(!disk.ok && /\/tmp \(tmpfs\) is in memory/.test(disk.reason));
});

test('formatStorage', () => {
  assert.equal(
    formatStorage({
      mountPoint: '/',
      fsType: 'ext4',
      fsClass: 'disk',
      source: '/dev/vda',
      blockKind: 'virtio',
      blockDisk: 'vda',
    }),
    'ext4 (disk) on /dev/vda, virtio disk vda',
  );
  assert.equal(
    formatStorage({
      mountPoint: '/dev/shm',
      fsType: 'tmpfs',
      fsClass: 'memory',
      source: 'tmpfs',
      blockKind: null,
      blockDisk: null,
    }),
    'tmpfs (memory)',
  );
});

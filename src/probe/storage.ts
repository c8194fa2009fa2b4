// Storage probe: for a directory the toolchain uses (GOROOT, GOCACHE, GOMODCACHE, the temp
// dir), where it really is (every symlink hop), which mount holds it, the filesystem type and
// the block device under it, with the device's kind (NVMe, SATA/SCSI SSD, rotational, virtio,
// none for memory and network filesystems). From /proc/self/mountinfo and /sys, without root.
// The classifiers are pure; probeStorage does the reading.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseMountinfo, type MountInfoEntry } from '../parse/mountinfo.js';
import type {
  BlockDevice,
  BlockKind,
  FsClass,
  StoragePlace,
  SymlinkHop,
} from '../record/fingerprint.js';
import { exists, readValue } from './read.js';
import { readMountinfo } from './mounts.js';

// The shapes are the fingerprint's (record/); the probe fills them.
export type { BlockDevice, BlockKind, FsClass, StoragePlace, SymlinkHop };

const FS_CLASSES: [RegExp, FsClass][] = [
  [/^(tmpfs|ramfs|devtmpfs)$/, 'memory'],
  [/^(9p|virtiofs|vboxsf|drvfs|prl_fs|vmhgfs|fuse\.vmhgfs-fuse)$/, 'host-share'],
  [/^(nfs|nfs4|cifs|smb3|smbfs|ceph|glusterfs|fuse\.glusterfs|afs|lustre|gpfs|beegfs)$/, 'network'],
  [/^overlay$/, 'overlay'],
  [/^(fuse|fuseblk|fuse\..+)$/, 'fuse'],
  [
    /^(ext[234]|xfs|btrfs|zfs|f2fs|jfs|reiserfs|bcachefs|vfat|exfat|ntfs3?|hfsplus|iso9660|squashfs|erofs)$/,
    'disk',
  ],
];

/** What kind of storage a filesystem type is (pure). */
export function classifyFilesystem(fsType: string): FsClass {
  for (const [re, cls] of FS_CLASSES) if (re.test(fsType)) return cls;
  return 'other';
}

/**
 * The mount holding `resolvedPath` (absolute, symlinks resolved): the longest mount point that
 * is the path or one of its ancestors; of equal ones the last mounted, which hides the others.
 */
export function mountForPath(
  mounts: readonly MountInfoEntry[],
  resolvedPath: string,
): MountInfoEntry | null {
  let best: MountInfoEntry | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint;
    const holds =
      mp === '/' ||
      resolvedPath === mp ||
      resolvedPath.startsWith(mp.endsWith('/') ? mp : `${mp}/`);
    if (holds && (best === null || mp.length >= best.mountPoint.length)) best = m;
  }
  return best;
}

/** Facts about one disk read from sysfs, for {@link classifyBlockDevice}. */
export interface BlockFacts {
  /** Kernel name of the disk, e.g. `nvme0n1`, `sda`, `vda`, `dm-0`. */
  name: string;
  /** Its directory under /sys/devices, e.g. `/sys/devices/pci0000:00/.../virtio1/block/vda`. */
  sysfsPath: string;
  rotational: boolean | null;
  /** Kinds of the devices under a device-mapper/md device. */
  underlying: BlockKind[];
}

/** The kind of a disk and the evidence for it (pure). */
export function classifyBlockDevice(f: BlockFacts): { kind: BlockKind; evidence: string[] } {
  const rot =
    f.rotational === null
      ? 'queue/rotational unreadable'
      : `queue/rotational=${f.rotational ? 1 : 0}`;
  if (f.underlying.length > 0) {
    const kinds = [...new Set(f.underlying)];
    const kind = kinds.length === 1 ? (kinds[0] as BlockKind) : 'unknown';
    return {
      kind,
      evidence: [
        `${f.name} is a device-mapper/md device over ${f.underlying.length} device(s) of kind ${kinds.join(', ')}`,
      ],
    };
  }
  const at = `${f.name} at ${f.sysfsPath}`;
  if (/^nvme\d/.test(f.name) || f.sysfsPath.includes('/nvme/')) {
    return { kind: 'nvme', evidence: [`${at}: an NVMe namespace`] };
  }
  if (/^loop\d/.test(f.name)) return { kind: 'loop', evidence: [`${at}: a loop device`] };
  if (/^(zram|ram)\d/.test(f.name)) return { kind: 'ram', evidence: [`${at}: a RAM disk`] };
  if (/^mmcblk\d/.test(f.name)) return { kind: 'mmc', evidence: [`${at}: an MMC/SD device`] };
  if (/\/virtio\d+\//.test(f.sysfsPath) || /^vd[a-z]+$/.test(f.name)) {
    return {
      kind: 'virtio',
      evidence: [
        `${at}: behind a virtio controller (${rot}; virtio disks say little about the host's storage)`,
      ],
    };
  }
  if (
    /^xvd[a-z]+$/.test(f.name) ||
    f.sysfsPath.includes('/xen/') ||
    f.sysfsPath.includes('/vbd-')
  ) {
    return { kind: 'xen', evidence: [`${at}: a Xen virtual block device (${rot})`] };
  }
  if (/\/VMBUS:|\/vmbus_/i.test(f.sysfsPath)) {
    return { kind: 'hyperv', evidence: [`${at}: on the Hyper-V VMBus (${rot})`] };
  }
  if (f.rotational === false)
    return { kind: 'ssd', evidence: [`${at}: ${rot}, a solid-state disk`] };
  if (f.rotational === true)
    return { kind: 'rotational', evidence: [`${at}: ${rot}, a spinning disk`] };
  return { kind: 'unknown', evidence: [`${at}: ${rot}`] };
}

/** Resolves a sysfs symlink's relative target against the link's directory (pure). */
export function resolveSysfsLink(linkPath: string, target: string): string {
  return path.posix.resolve(path.posix.dirname(linkPath), target);
}

/**
 * Resolves `input` (relative to `cwd`) one component at a time, recording every symlink it
 * follows, like realpath(3) but keeping the chain. A missing component ends the walk: the
 * rest of the path is appended unresolved and `exists` is false. Gives up after 40 symlinks.
 * `root` stands in for `/` (as chroot would: absolute targets stay inside it); paths returned
 * are as seen from inside `root`.
 */
export async function resolveSymlinkChain(
  input: string,
  cwd: string = process.cwd(),
  root = '/',
): Promise<{ resolvedPath: string; exists: boolean; symlinks: SymlinkHop[]; loop: boolean }> {
  const absolute = path.isAbsolute(input) ? input : `${cwd}/${input}`;
  let pending = absolute.split('/').filter((p) => p !== '');
  let current = '/';
  const symlinks: SymlinkHop[] = [];
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '.') continue;
    if (part === '..') {
      current = path.posix.dirname(current);
      continue;
    }
    const next = path.posix.join(current, part);
    let stat;
    try {
      stat = await fs.lstat(path.join(root, next));
    } catch {
      return {
        resolvedPath: path.posix.join(next, ...pending),
        exists: false,
        symlinks,
        loop: false,
      };
    }
    if (!stat.isSymbolicLink()) {
      current = next;
      continue;
    }
    if (symlinks.length >= 40) {
      return {
        resolvedPath: path.posix.join(next, ...pending),
        exists: false,
        symlinks,
        loop: true,
      };
    }
    const target = await fs.readlink(path.join(root, next));
    symlinks.push({ link: next, target, resolvesTo: path.posix.resolve(current, target) });
    if (target.startsWith('/')) current = '/';
    pending = [...target.split('/').filter((p) => p !== ''), ...pending];
  }
  return { resolvedPath: current, exists: true, symlinks, loop: false };
}

async function readLink(root: string, file: string): Promise<string | null> {
  try {
    return await fs.readlink(path.join(root, file));
  } catch {
    return null;
  }
}

async function listDir(root: string, dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(path.join(root, dir))).sort();
  } catch {
    return [];
  }
}

/** Reads and classifies the block device at sysfs path `devPath` (a disk or a partition). */
async function blockAt(root: string, devPath: string, depth: number): Promise<BlockDevice> {
  const name = path.posix.basename(devPath);
  const isPartition = await exists(root, path.posix.join(devPath, 'partition'));
  const diskPath = isPartition ? path.posix.dirname(devPath) : devPath;
  const disk = path.posix.basename(diskPath);
  const rotationalText = await readValue(root, path.posix.join(diskPath, 'queue/rotational'));
  const rotational = rotationalText === null ? null : rotationalText === '1';
  const model = await readValue(root, path.posix.join(diskPath, 'device/model'));
  const underlying: BlockDevice[] = [];
  if (depth < 4) {
    // slaves/ lists what a device-mapper or md device is built on (holders/ is the reverse).
    for (const slave of await listDir(root, path.posix.join(devPath, 'slaves'))) {
      const classLink = `/sys/class/block/${slave}`;
      const target = await readLink(root, classLink);
      if (target !== null)
        underlying.push(await blockAt(root, resolveSysfsLink(classLink, target), depth + 1));
    }
  }
  const { kind, evidence } = classifyBlockDevice({
    name: disk,
    sysfsPath: diskPath,
    rotational,
    underlying: underlying.map((u) => u.kind),
  });
  if (model) evidence.push(`model: ${model}`);
  return { name, disk, kind, rotational, model, sysfsPath: diskPath, underlying, evidence };
}

/**
 * The block device with `major:minor` (from mountinfo), or, for filesystems with an anonymous
 * device number such as btrfs, the one named by `source` (/dev/...). Null when there is none.
 */
async function probeBlock(
  root: string,
  device: string,
  source: string,
  notes: string[],
): Promise<BlockDevice | null> {
  if (!device.startsWith('0:')) {
    const link = `/sys/dev/block/${device}`;
    const target = await readLink(root, link);
    if (target !== null) return blockAt(root, resolveSysfsLink(link, target), 0);
  }
  if (source.startsWith('/dev/')) {
    let name = path.posix.basename(source);
    if (root === '/') {
      try {
        name = path.posix.basename(await fs.realpath(source)); // /dev/mapper/x -> dm-0
      } catch {
        // Keep the name from the source.
      }
    }
    const classLink = `/sys/class/block/${name}`;
    const target = await readLink(root, classLink);
    if (target !== null) return blockAt(root, resolveSysfsLink(classLink, target), 0);
    notes.push(`no sysfs entry for ${source} (device ${device})`);
  }
  return null;
}

/** Options for {@link probeStorage}. */
export interface ProbeStorageOptions {
  /** Directory standing in for `/` (tests): for /proc, /sys and the paths themselves; default `/`. */
  root?: string;
  /** Directory relative paths are taken from; default process.cwd(). */
  cwd?: string;
}

/**
 * Where each of `paths` (name -> path, e.g. {GOROOT: '/usr/local/go'}) lives: resolved path,
 * symlink chain, mount, filesystem and block device. Never throws for a missing path or an
 * unreadable /proc or /sys: what could not be found is null, with a note.
 */
export async function probeStorage(
  paths: Record<string, string>,
  options: ProbeStorageOptions = {},
): Promise<StoragePlace[]> {
  const root = options.root ?? '/';
  const mountinfo = await readMountinfo(root);
  const mounts = mountinfo === null ? [] : parseMountinfo(mountinfo);
  const places: StoragePlace[] = [];
  for (const [name, given] of Object.entries(paths)) {
    const notes: string[] = [];
    const chain = await resolveSymlinkChain(given, options.cwd, root);
    if (chain.loop) notes.push('too many levels of symbolic links');
    else if (!chain.exists)
      notes.push("does not exist (yet); the mount is its nearest existing ancestor's");
    const mount = mountForPath(mounts, chain.resolvedPath);
    if (mountinfo === null) notes.push('/proc/self/mountinfo is unreadable');
    const fsClass = mount ? classifyFilesystem(mount.fsType) : null;
    let block: BlockDevice | null = null;
    if (mount && (fsClass === 'disk' || fsClass === 'other' || fsClass === 'fuse')) {
      block = await probeBlock(root, mount.device, mount.source, notes);
    }
    if (mount && fsClass === 'overlay') {
      notes.push("overlay filesystem: the upper layer's disk is not visible from here");
    }
    places.push({
      name,
      path: given,
      resolvedPath: chain.resolvedPath,
      exists: chain.exists,
      symlinks: chain.symlinks,
      mountPoint: mount?.mountPoint ?? null,
      fsType: mount?.fsType ?? null,
      fsClass,
      source: mount?.source ?? null,
      device: mount?.device ?? null,
      mountOptions: mount?.mountOptions ?? [],
      block,
      notes,
    });
  }
  return places;
}

// Where the tmpfs-vs-disk experiment puts its two GOROOT copies: a writable tmpfs with room
// (/dev/shm, or the temp dir if it is tmpfs) and a writable directory on a disk-backed file
// system (the temp dir, else gobaseline's XDG cache dir, else /var/tmp), each checked against
// the mount table. The pure half picks; the I/O half reads /proc/self/mountinfo and statfs.
import fs from 'node:fs';
import os from 'node:os';
import { cacheDir } from '../measure/helper.js';
import { ensureDir } from '../measure/own-dirs.js';
import type { MountInfoEntry } from '../probe/index.js';
import { mountForPath, probeStorage, type StoragePlace } from '../probe/storage.js';

/** File systems that live in memory. */
export const MEMORY_FS_TYPES = ['tmpfs', 'ramfs'];

/** A candidate directory, as seen in the mount table. */
export interface PlacementCandidate {
  /** The directory (its real path). */
  dir: string;
  /** File-system type of the mount holding it, e.g. tmpfs, ext4; null when unknown. */
  fsType: string | null;
  mountPoint: string | null;
  /** Mount source, e.g. /dev/vda, tmpfs. */
  source: string | null;
  writable: boolean;
  /** Bytes available to us, or null when unknown. */
  freeBytes: number | null;
}

/** A chosen directory, or why there is none. */
export type Placement = { ok: true; candidate: PlacementCandidate } | { ok: false; reason: string };

function describe(c: PlacementCandidate): string {
  return `${c.dir} (${c.fsType ?? 'unknown file system'})`;
}

/**
 * The first candidate whose file system is (memory: true) or is not (memory: false) tmpfs or
 * ramfs, is writable and has `needBytes` free; otherwise why none fits.
 */
export function choosePlacement(
  candidates: PlacementCandidate[],
  memory: boolean,
  needBytes: number,
): Placement {
  const why: string[] = [];
  for (const c of candidates) {
    const isMemory = c.fsType !== null && MEMORY_FS_TYPES.includes(c.fsType);
    if (c.fsType === null) why.push(`${c.dir}: not in the mount table`);
    else if (isMemory !== memory) why.push(`${describe(c)} is ${memory ? 'not ' : ''}in memory`);
    else if (!c.writable) why.push(`${describe(c)} is not writable`);
    else if (c.freeBytes !== null && c.freeBytes < needBytes) {
      why.push(`${describe(c)} has ${Math.floor(c.freeBytes / 2 ** 20)} MiB free`);
    } else return { ok: true, candidate: c };
  }
  const kind = memory ? 'tmpfs' : 'disk-backed';
  return {
    ok: false,
    reason: `no writable ${kind} directory with ${Math.ceil(needBytes / 2 ** 20)} MiB free${why.length ? `: ${why.join('; ')}` : ''}`,
  };
}

/** Looks `dir` up in the mount table and the file system (I/O). */
export function inspectDir(dir: string, mounts: MountInfoEntry[]): PlacementCandidate {
  let real: string;
  try {
    real = fs.realpathSync(dir);
    if (!fs.statSync(real).isDirectory()) throw new Error('not a directory');
  } catch {
    return { dir, fsType: null, mountPoint: null, source: null, writable: false, freeBytes: null };
  }
  const m = mountForPath(mounts, real);
  let writable = false;
  try {
    fs.accessSync(real, fs.constants.W_OK);
    writable = true;
  } catch {
    // Not writable.
  }
  let freeBytes: number | null = null;
  try {
    const s = fs.statfsSync(real);
    freeBytes = s.bavail * s.bsize;
  } catch {
    // Unknown.
  }
  return {
    dir: real,
    fsType: m?.fsType ?? null,
    mountPoint: m?.mountPoint ?? null,
    source: m?.source ?? null,
    writable,
    freeBytes,
  };
}

/** Default candidates for the tmpfs copy, best first. */
export function tmpfsCandidates(): string[] {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  return ['/dev/shm', os.tmpdir(), ...(uid === null ? [] : [`/run/user/${uid}`])];
}

/**
 * Default candidates for the disk copy, best first: the temp dir, gobaseline's own cache dir
 * ($XDG_CACHE_HOME/gobaseline, created here if missing) and /var/tmp.
 */
export function diskCandidates(): string[] {
  const own = cacheDir();
  try {
    ensureDir(own);
  } catch {
    // inspectDir reports it as unusable.
  }
  return [os.tmpdir(), own, '/var/tmp'];
}

/** Where a directory lives, from the storage probe: the part `analyze goroot` reports. */
export interface StorageSummary {
  mountPoint: string | null;
  /** e.g. ext4, tmpfs, overlay. */
  fsType: string | null;
  /** disk, memory, network, host-share, overlay, fuse, other. */
  fsClass: string | null;
  /** Mount source, e.g. /dev/vda, tmpfs. */
  source: string | null;
  /** Kind of the block device (nvme, ssd, rotational, virtio, ...); null without one. */
  blockKind: string | null;
  /** The whole disk, e.g. vda, nvme0n1. */
  blockDisk: string | null;
}

/** The reported subset of a storage-probe result (pure). */
export function summarizeStorage(place: StoragePlace): StorageSummary {
  return {
    mountPoint: place.mountPoint,
    fsType: place.fsType,
    fsClass: place.fsClass,
    source: place.source,
    blockKind: place.block?.kind ?? null,
    blockDisk: place.block?.disk ?? null,
  };
}

/** "ext4 (disk) on /dev/vda, virtio disk vda" (pure). */
export function formatStorage(s: StorageSummary): string {
  const cls = s.fsClass && s.fsClass !== s.fsType ? ` (${s.fsClass})` : '';
  const source = s.source && s.source !== s.fsType ? ` on ${s.source}` : '';
  const block = s.blockKind ? `, ${s.blockKind} disk ${s.blockDisk ?? ''}`.trimEnd() : '';
  return `${s.fsType ?? 'unknown file system'}${cls}${source}${block}`;
}

/** Storage summaries for `paths` (name -> path) from the storage probe; null where it failed. */
export async function storageOf(
  paths: Record<string, string>,
  cwd: string,
): Promise<Record<string, StorageSummary | null>> {
  const out: Record<string, StorageSummary | null> = {};
  for (const name of Object.keys(paths)) out[name] = null;
  try {
    for (const place of await probeStorage(paths, { cwd })) {
      out[place.name] = summarizeStorage(place);
    }
  } catch {
    // The probe says it never throws; the report then just lacks the storage facts.
  }
  return out;
}

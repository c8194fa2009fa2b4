// Pure parsers for cgroup membership (/proc/self/cgroup) and limit files (cpu.max, memory.max, ...).
import path from 'node:path';
import type { MountInfoEntry } from './mountinfo.js';

/** One line of /proc/self/cgroup: `hierarchy-id:controllers:path`. */
export interface CgroupMembership {
  /** 0 for the unified (v2) hierarchy. */
  hierarchyId: number;
  /** v1 controllers of this hierarchy, e.g. `['cpu', 'cpuacct']` or `['name=systemd']`; empty for v2. */
  controllers: string[];
  /** Our cgroup's path within that hierarchy. */
  path: string;
}

/** Parse /proc/self/cgroup text. */
export function parseProcSelfCgroup(text: string): CgroupMembership[] {
  const out: CgroupMembership[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d{1,9}):([^:]*):(.*)$/.exec(line.trim()); // more digits: not a hierarchy id
    if (m === null) continue;
    const [, id = '', controllers = '', cgPath = ''] = m;
    out.push({
      hierarchyId: Number(id),
      controllers: controllers === '' ? [] : controllers.split(','),
      path: cgPath,
    });
  }
  return out;
}

/** Where to read limits: directories from our own cgroup up to the hierarchy's mount point. */
export interface CgroupLayout {
  /**
   * 1 when the cpu or memory controller lives on a v1 hierarchy (pure v1 or "hybrid"),
   * 2 when only the unified hierarchy is in use, null when /proc/self/cgroup says nothing.
   */
  version: 1 | 2 | null;
  /** Directories holding cpu limit files, our cgroup first, then its ancestors; empty if not mounted. */
  cpuDirs: string[];
  /** Directories holding memory limit files, same order. */
  memoryDirs: string[];
  /** Directories holding cpuset files, same order. */
  cpusetDirs: string[];
}

/**
 * Map our cgroup paths onto the mounted hierarchies. A mount's `root` is the cgroup that is
 * mounted there (it is `/` under a cgroup namespace), so our directory is the mount point plus
 * our path relative to that root. If our path lies outside the mounted subtree, we fall back to
 * the mount point itself.
 */
export function cgroupLayout(
  memberships: CgroupMembership[],
  mounts: MountInfoEntry[],
): CgroupLayout {
  const v1 = memberships.filter((m) => m.hierarchyId !== 0);
  const usesV1 = v1.some((m) => m.controllers.includes('cpu') || m.controllers.includes('memory'));
  if (usesV1) {
    const dirsFor = (controller: string): string[] => {
      const member = v1.find((m) => m.controllers.includes(controller));
      const mount = mounts.find(
        (m) => m.fsType === 'cgroup' && m.superOptions.includes(controller),
      );
      return member && mount ? ancestry(mount, member.path) : [];
    };
    return {
      version: 1,
      cpuDirs: dirsFor('cpu'),
      memoryDirs: dirsFor('memory'),
      cpusetDirs: dirsFor('cpuset'),
    };
  }
  const unified = memberships.find((m) => m.hierarchyId === 0);
  if (unified === undefined) return { version: null, cpuDirs: [], memoryDirs: [], cpusetDirs: [] };
  const v2mounts = mounts.filter((m) => m.fsType === 'cgroup2');
  const mount = v2mounts.find((m) => m.mountPoint === '/sys/fs/cgroup') ?? v2mounts[0];
  const dirs = mount ? ancestry(mount, unified.path) : [];
  return { version: 2, cpuDirs: dirs, memoryDirs: dirs, cpusetDirs: dirs };
}

function ancestry(mount: MountInfoEntry, cgroupPath: string): string[] {
  const root = mount.root === '/' ? '' : mount.root.replace(/\/+$/, '');
  let relative = '';
  if (cgroupPath === root || cgroupPath.startsWith(`${root}/`)) {
    relative = cgroupPath.slice(root.length);
  }
  const parts = relative.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  const dirs: string[] = [];
  for (let n = parts.length; n >= 0; n--) {
    dirs.push(path.posix.join(mount.mountPoint, ...parts.slice(0, n)));
  }
  return dirs;
}

/** cgroup v2 `cpu.max` (`"$QUOTA $PERIOD"` in µs, or `"max $PERIOD"`) to cores; null when unlimited. */
export function parseCpuMax(text: string): number | null {
  const [quota, period = '100000'] = text.trim().split(/\s+/);
  if (quota === undefined || quota === 'max') return null;
  return ratio(quota, period);
}

/** cgroup v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us` (µs) to cores; null when the quota is -1. */
export function parseCfsQuota(quotaText: string, periodText: string): number | null {
  return ratio(quotaText.trim(), periodText.trim());
}

function ratio(quota: string, period: string): number | null {
  const q = Number(quota);
  const p = Number(period);
  if (!Number.isFinite(q) || !Number.isFinite(p) || q <= 0 || p <= 0) return null;
  return q / p;
}

/**
 * The cpuset files to read, most telling first: the effective set (the CPUs the kernel really
 * allows, ancestors included) before the configured one (empty in v2 when it inherits).
 */
export const CPUSET_FILES: Record<1 | 2, string[]> = {
  1: ['cpuset.effective_cpus', 'cpuset.cpus'],
  2: ['cpuset.cpus.effective', 'cpuset.cpus'],
};

/**
 * v1 reports "no limit" as the largest page-aligned counter (9223372036854771712 on 4 KiB pages);
 * anything at or above 2^62 bytes is treated as unlimited.
 */
const UNLIMITED_BYTES = 2 ** 62;

/** cgroup v2 `memory.max` or v1 `memory.limit_in_bytes` to bytes; null when unlimited (`max`). */
export function parseMemoryLimit(text: string): number | null {
  const value = text.trim();
  if (value === 'max' || !/^\d+$/.test(value)) return null;
  const bytes = Number(value);
  return bytes >= UNLIMITED_BYTES ? null : bytes;
}

/** The tightest of several limits (null = unlimited). */
export function tightest(limits: (number | null)[]): number | null {
  const real = limits.filter((l): l is number => l !== null);
  return real.length === 0 ? null : Math.min(...real);
}

// Pure parser for /proc/self/mountinfo (see proc(5)).

/** One mount as seen from our mount namespace. */
export interface MountInfoEntry {
  mountId: number;
  parentId: number;
  /** `major:minor` of the filesystem's device (`0:N` for filesystems without a block device). */
  device: string;
  /** Path, within the mounted filesystem, that is mounted here (e.g. a cgroup's path). */
  root: string;
  /** Where it is mounted in our namespace. */
  mountPoint: string;
  /** Per-mount options, e.g. `rw`, `noatime`, `relatime`. */
  mountOptions: string[];
  /** Filesystem type, e.g. `ext4`, `overlay`, `cgroup`, `cgroup2`. */
  fsType: string;
  source: string;
  /** Per-superblock options, e.g. `rw`, `memory`, `lowerdir=...`. */
  superOptions: string[];
}

function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}

/** Parse mountinfo text; malformed lines are skipped. */
export function parseMountinfo(text: string): MountInfoEntry[] {
  const out: MountInfoEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    const dash = fields.indexOf('-', 6);
    if (fields.length < 7 || dash < 0) continue;
    const [mountId, parentId, device, root, mountPoint, mountOptions] = fields;
    const [fsType, source, superOptions] = fields.slice(dash + 1);
    if (root === undefined || mountPoint === undefined || fsType === undefined) continue;
    const ids = [mountId, parentId].map((id) => (/^\d{1,15}$/.test(id ?? '') ? Number(id) : NaN));
    if (!ids.every(Number.isSafeInteger)) continue; // not a mount's line
    out.push({
      mountId: ids[0] as number,
      parentId: ids[1] as number,
      device: device ?? '',
      root: unescape(root),
      mountPoint: unescape(mountPoint),
      mountOptions: mountOptions === undefined ? [] : mountOptions.split(','),
      fsType,
      source: unescape(source ?? ''),
      superOptions: superOptions === undefined ? [] : superOptions.split(',').map(unescape),
    });
  }
  return out;
}

/** The mount that is visible at `/` (the last one mounted there wins). */
export function rootMount(mounts: MountInfoEntry[]): MountInfoEntry | null {
  return mounts.filter((m) => m.mountPoint === '/').at(-1) ?? null;
}

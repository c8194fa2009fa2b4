// Can gobaseline write here? Checks a file or directory path before any measuring starts, so a
// typo costs one line instead of a measured run. Only reads (stat, statfs, access), never creates.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Kernel pseudo filesystems by statfs magic number: they hold no user files, and Node 20's
 * recursive mkdir loops forever under some of them (/proc/nope).
 */
const PSEUDO_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x1cd1, 'devpts'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x62656570, 'configfs'],
  [0xde5e81e4, 'efivarfs'],
]);

/** The pseudo filesystem `existing` lives on ('proc', 'sysfs', ...), or null for a real one. */
export function pseudoFilesystem(existing: string): string | null {
  try {
    return PSEUDO_FILESYSTEMS.get(fs.statfsSync(existing).type) ?? null;
  } catch {
    return null;
  }
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/** The closest ancestor of `p` (or `p` itself) that exists; '/' at worst. */
function existingAncestor(p: string): { path: string; stat: fs.Stats | null } {
  let at = p;
  for (;;) {
    const stat = statOrNull(at);
    const up = path.dirname(at);
    if (stat || up === at) return { path: at, stat };
    at = up;
  }
}

/** Why an existing directory cannot be written in, or null. */
function dirInUse(dir: string, stat: fs.Stats | null): string | null {
  if (!stat) return `cannot read ${dir}`;
  if (!stat.isDirectory()) return `${dir} is not a directory`;
  const pseudo = pseudoFilesystem(dir);
  if (pseudo) return `${dir} is on the kernel's ${pseudo} filesystem, not a place for files`;
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    return `no permission to write in ${dir}`;
  }
  return null;
}

/** Why a missing `p` cannot be created in a parent that must exist already, or null. */
function parentProblem(p: string): string | null {
  const parent = path.dirname(p);
  const at = existingAncestor(parent);
  if (at.path !== parent) {
    return at.stat && !at.stat.isDirectory()
      ? `${at.path} is not a directory`
      : `directory ${parent} does not exist`;
  }
  return dirInUse(parent, at.stat);
}

/**
 * Why `file` cannot be written as a file (created or replaced), or null when it can. Its
 * directory must exist: gobaseline never creates the user's directories silently.
 */
export function fileWriteProblem(file: string): string | null {
  const abs = path.resolve(file);
  const stat = statOrNull(abs);
  if (!stat) return parentProblem(abs);
  if (stat.isDirectory()) return `${abs} is a directory`;
  const pseudo = pseudoFilesystem(abs);
  if (pseudo) return `${abs} is on the kernel's ${pseudo} filesystem, not a place for files`;
  try {
    fs.accessSync(abs, fs.constants.W_OK);
  } catch {
    return `no permission to write ${abs}`;
  }
  return null;
}

/**
 * Why `dir` cannot be used as a directory to write in, or null when it can. A missing `dir` is
 * fine when it may be created: `create` 'self' (its parent must exist: a directory the user
 * named) or 'parents' (the closest existing ancestor must be writable: gobaseline's own).
 */
export function dirWriteProblem(dir: string, create: 'none' | 'self' | 'parents'): string | null {
  const abs = path.resolve(dir);
  const stat = statOrNull(abs);
  if (stat) return dirInUse(abs, stat);
  if (create === 'none') return `directory ${abs} does not exist`;
  if (create === 'self') return parentProblem(abs);
  const at = existingAncestor(abs);
  return dirInUse(at.path, at.stat);
}

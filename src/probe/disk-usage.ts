// How full a filesystem is (statfs) and how much a directory tree holds (a bounded walk), for
// doctor's cache findings. Reads only; never follows symlinks out of the tree.
import fs from 'node:fs/promises';
import path from 'node:path';

/** Free (for unprivileged users) and total bytes of the filesystem holding `dir`; null if unreadable. */
export async function diskSpace(
  dir: string,
): Promise<{ freeBytes: number; totalBytes: number } | null> {
  try {
    const s = await fs.statfs(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}

/** A GOMODCACHE holds hundreds of thousands of files: the walk stops after this many entries. */
export const TREE_SIZE_MAX_ENTRIES = 400_000;

/**
 * Bytes of the regular files under `dir` (lstat sizes, symlinks not followed); `complete` is
 * false when the walk stopped at `maxEntries` (the bytes are then a lower bound). Null when
 * `dir` cannot be read.
 */
export async function treeBytes(
  dir: string,
  maxEntries = TREE_SIZE_MAX_ENTRIES,
): Promise<{ bytes: number; complete: boolean } | null> {
  let bytes = 0;
  let entries = 0;
  const pending = [dir];
  let first = true;
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let list;
    try {
      list = await fs.readdir(current, { withFileTypes: true });
    } catch {
      if (first) return null;
      continue;
    }
    first = false;
    for (const e of list) {
      entries += 1;
      if (entries > maxEntries) return { bytes, complete: false };
      const p = path.join(current, e.name);
      if (e.isDirectory()) pending.push(p);
      else if (e.isFile()) {
        try {
          bytes += (await fs.lstat(p)).size;
        } catch {
          // Removed meanwhile (the go command trims its cache): not counted.
        }
      }
    }
  }
  return { bytes, complete: true };
}

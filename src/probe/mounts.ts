// The mount table, read in one place: /proc/self/mountinfo (see proc(5)).
import { parseMountinfo, type MountInfoEntry } from '../parse/mountinfo.js';
import { readText } from './read.js';

/** This process's mount table (its mount namespace). */
export const MOUNTINFO = '/proc/self/mountinfo';

/** The mountinfo text under `root` (default `/`; a fixture tree in tests); null when unreadable. */
export function readMountinfo(root = '/'): Promise<string | null> {
  return readText(root, MOUNTINFO);
}

/** The parsed mount table; empty when it cannot be read (not Linux, no /proc). */
export async function readMounts(root = '/'): Promise<MountInfoEntry[]> {
  return parseMountinfo((await readMountinfo(root)) ?? '');
}

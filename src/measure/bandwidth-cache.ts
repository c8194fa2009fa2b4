// The memory-bandwidth figure is a property of the machine, not of one run, and measuring it
// takes about a second. So a run reuses the figure an earlier run measured on the same machine
// (machineHash), since the last boot (the kernel's boot id), with the same membw program, for at
// most an hour, and marks it `cached` with its measuredAt. A fresh measurement replaces it.
import { promises as fs } from 'node:fs';
import type { MemoryBandwidth } from '../record/fingerprint.js';

/** How long a measured figure stands for the machine's. */
export const BANDWIDTH_CACHE_MAX_AGE_MS = 60 * 60 * 1000;

/** The file in gobaseline's cache directory. */
export const BANDWIDTH_CACHE_FILE = 'memory-bandwidth.json';

/** What a cached figure holds for. */
export interface BandwidthKey {
  /** machineHash of the fingerprint. */
  machine: string;
  /** /proc/sys/kernel/random/boot_id. */
  bootId: string;
  /** The membw binary's name (it carries the hash of its source). */
  program: string;
}

/** The cache file's content. */
export interface CachedBandwidth extends BandwidthKey {
  copyGBps: number;
  triadGBps: number;
  measuredAt: string;
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * The cached figure, marked `cached`, when `entry` was measured for `key` less than `maxAgeMs`
 * before `now` (not after it: a clock set back does not make a figure young); else null. Pure.
 */
export function usableBandwidth(
  entry: unknown,
  key: BandwidthKey,
  now: Date,
  maxAgeMs = BANDWIDTH_CACHE_MAX_AGE_MS,
): MemoryBandwidth | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const e = entry as Partial<Record<keyof CachedBandwidth, unknown>>;
  if (e.machine !== key.machine || e.bootId !== key.bootId || e.program !== key.program)
    return null;
  if (!positive(e.copyGBps) || !positive(e.triadGBps) || typeof e.measuredAt !== 'string')
    return null;
  const age = now.getTime() - Date.parse(e.measuredAt);
  if (!(age >= 0 && age < maxAgeMs)) return null;
  return { copyGBps: e.copyGBps, triadGBps: e.triadGBps, measuredAt: e.measuredAt, cached: true };
}

/** The figure cached in `file` for `key` at `now`, or null (none, stale, unreadable). */
export async function readCachedBandwidth(
  file: string,
  key: BandwidthKey,
  now = new Date(),
): Promise<MemoryBandwidth | null> {
  try {
    return usableBandwidth(JSON.parse(await fs.readFile(file, 'utf8')), key, now);
  } catch {
    return null;
  }
}

/**
 * Keeps a fresh measurement for later runs (written whole, then renamed, so a concurrent reader
 * sees the old figure or the new one) in the cache directory, which holds membw and so exists.
 * A cache that cannot be written only costs a measurement.
 */
export async function writeCachedBandwidth(
  file: string,
  key: BandwidthKey,
  bw: MemoryBandwidth & { measuredAt: string },
): Promise<void> {
  const entry: CachedBandwidth = {
    ...key,
    copyGBps: bw.copyGBps,
    triadGBps: bw.triadGBps,
    measuredAt: bw.measuredAt,
  };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(tmp, `${JSON.stringify(entry)}\n`);
    await fs.rename(tmp, file);
  } catch {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

// The built-in latency engine: synchronous 4 KiB preads at random offsets, one at a time, timed
// in Node with the monotonic clock; O_DIRECT where the filesystem accepts it (io-latency.ts).
import fs from 'node:fs';
import { BLOCK_BYTES, latencyMeasurement, type LatencyMeasurement } from './latency-measurement.js';

/** Untimed reads before the timed ones (first-touch effects, lazy setup). */
const WARMUP_READS = 20;

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException)?.code === code;
}

/**
 * Finds an offset into `buf` at which an O_DIRECT read of one block succeeds: O_DIRECT needs a
 * buffer aligned to the device's logical block size, and Node cannot allocate one, so the
 * offsets are tried in 16-byte steps. Null when none works.
 */
function alignedOffset(fd: number, buf: Buffer): number | null {
  for (let off = 0; off + BLOCK_BYTES <= buf.length; off += 16) {
    try {
      fs.readSync(fd, buf, off, BLOCK_BYTES, 0);
      return off;
    } catch (err) {
      if (!isErrno(err, 'EINVAL')) throw err;
    }
  }
  return null;
}

/** Opens `file` with O_DIRECT and an aligned buffer offset, or buffered when that is refused. */
function openForProbe(
  file: string,
  tryDirect = true,
): {
  fd: number;
  buf: Buffer;
  off: number;
  cache: 'direct' | 'page-cache';
} {
  const buf = Buffer.alloc(BLOCK_BYTES * 3);
  const direct = fs.constants.O_DIRECT;
  if (tryDirect && direct !== undefined) {
    let fd: number | null = null;
    try {
      fd = fs.openSync(file, fs.constants.O_RDONLY | direct);
      const off = alignedOffset(fd, buf);
      if (off !== null) return { fd, buf, off, cache: 'direct' };
      fs.closeSync(fd);
    } catch (err) {
      if (fd !== null) fs.closeSync(fd);
      if (!isErrno(err, 'EINVAL')) throw err;
    }
  }
  return { fd: fs.openSync(file, 'r'), buf, off: 0, cache: 'page-cache' };
}

/**
 * The built-in probe: `reads` synchronous preads of 4 KiB at random 4 KiB-aligned offsets of
 * `file` (queue depth 1), each timed with the monotonic clock, after a few untimed ones.
 */
export function builtinProbe(file: string, reads: number, tryDirect = true): LatencyMeasurement {
  const size = fs.statSync(file).size;
  const blocks = Math.floor(size / BLOCK_BYTES);
  if (blocks < 1) throw new Error(`${file} is smaller than one 4 KiB block`);
  const { fd, buf, off, cache } = openForProbe(file, tryDirect);
  try {
    const samples: number[] = [];
    for (let i = 0; i < WARMUP_READS + reads; i++) {
      const position = Math.floor(Math.random() * blocks) * BLOCK_BYTES;
      const t0 = process.hrtime.bigint();
      fs.readSync(fd, buf, off, BLOCK_BYTES, position);
      const t1 = process.hrtime.bigint();
      if (i >= WARMUP_READS) samples.push(Number(t1 - t0));
    }
    return latencyMeasurement('builtin', cache, samples);
  } finally {
    fs.closeSync(fd);
  }
}

/** True when `file` can be read with O_DIRECT here (fio is then run with --direct=1). */
export function acceptsDirect(file: string, tryDirect = true): boolean {
  const probe = openForProbe(file, tryDirect);
  fs.closeSync(probe.fd);
  return probe.cache === 'direct';
}

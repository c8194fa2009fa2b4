// I/O latency probe: 4 KiB random reads at queue depth 1 on the filesystem of GOROOT, the temp
// dir and the locations of GOCACHE and GOMODCACHE, timed by a built-in probe (one synchronous
// pread per read, in Node) or by fio (`--output-format=json`) when it is installed.
//
// What is measured, and the page cache: reads use O_DIRECT where the filesystem accepts it, so
// they bypass this machine's page cache and reach the block device (on a virtual machine: the
// virtual disk, which the host may cache). Where O_DIRECT is refused, reads are buffered and
// the file is in the page cache (it was just written, or was read before): that measures memory,
// and the result says "page cache". Dropping the caches needs root; gobaseline does not do it.
//
// GOROOT is read-only here: an existing large file (the compiler) is read. Elsewhere a private
// test file is written into a new private directory (never into GOCACHE or GOMODCACHE: next to
// them, in the nearest existing directory) and removed afterwards, also on error.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import type { MountInfoEntry } from '../parse/mountinfo.js';
import { mountForPath } from '../probe/storage.js';
import type { CommandRunner } from './command-runner.js';
import { PrivateDirs } from './private-dirs.js';
import { acceptsDirect, builtinProbe } from './latency-builtin.js';
import { fioProbe } from './latency-fio.js';
import { BLOCK_BYTES, type LatencyEngine, type LatencyMeasurement } from './latency-measurement.js';

/** What a probed directory is: "GOROOT", "temp dir", "GOCACHE location", "GOMODCACHE location", or a path given by the user. */
export type LatencyRole = string;

/** A directory to probe. */
export interface LatencyTarget {
  role: LatencyRole;
  /** The directory as configured (e.g. the user's GOCACHE). */
  dir: string;
  /**
   * read-existing: read a large existing file (GOROOT, read-only); test-file-inside: write a
   * private test file in a private directory inside `dir` (the temp dir, --dir); test-file-beside:
   * the same next to `dir`, never inside it (the user's GOCACHE and GOMODCACHE).
   */
  method: 'read-existing' | 'test-file-inside' | 'test-file-beside';
}

/** The filesystem a directory is on, from /proc/self/mountinfo. */
export interface FilesystemInfo {
  mountPoint: string;
  fsType: string;
  /** The mount's source, e.g. /dev/vda, tmpfs, overlay. */
  source: string;
}

/** What the probe found for one directory. */
export interface LatencyTargetResult {
  role: LatencyRole;
  dir: string;
  /** The file read; for a test file, where it was (it is removed). */
  probedFile: string | null;
  probedFileKind: 'existing-file' | 'test-file' | null;
  /** Size of the file read, in bytes. */
  probedFileBytes: number | null;
  filesystem: FilesystemInfo | null;
  /** Measured once per filesystem: the role whose result this one shares, or null. */
  sameFilesystemAs: LatencyRole | null;
  measurements: LatencyMeasurement[];
  /** Why this directory was not measured (not writable, no large file, ...), or null. */
  skipped: string | null;
  /** Engine failures and notes, as data. */
  warnings: string[];
}

/** How to probe. */
export interface LatencyOptions {
  /** Runs fio; its signal (Ctrl-C) stops the probe between locations. */
  runner: CommandRunner;
  engines: LatencyEngine[];
  /** Timed reads per target and engine. */
  reads: number;
  /** Size of each test file, in bytes (a multiple of 4 KiB). */
  fileBytes: number;
  /** Try O_DIRECT (default true); false measures buffered reads, through the page cache. */
  direct?: boolean;
  /** The fio binary, or null when fio is not installed. */
  fioPath: string | null;
  /** Progress lines. */
  say?: (line: string) => void;
}

/** The filesystem of `dir` (or its nearest existing ancestor), from the mount table. */
export function filesystemOf(
  dir: string,
  mounts: readonly MountInfoEntry[],
): FilesystemInfo | null {
  let real: string;
  try {
    real = fs.realpathSync(nearestExistingDir(dir));
  } catch {
    return null;
  }
  const m = mountForPath(mounts, real);
  return m && { mountPoint: m.mountPoint, fsType: m.fsType, source: m.source };
}

/** `dir` itself when it exists, else its nearest existing ancestor. */
export function nearestExistingDir(dir: string): string {
  let d = path.resolve(dir);
  for (;;) {
    try {
      if (fs.statSync(d).isDirectory()) return d;
    } catch {
      // Not there: try the parent.
    }
    const parent = path.dirname(d);
    if (parent === d) return d;
    d = parent;
  }
}

/**
 * Where a test file for `dir` goes. Inside: `dir` itself (or its nearest existing ancestor).
 * Beside: next to the directory, never inside it (the user's GOCACHE and GOMODCACHE are not
 * written): its parent when it exists, else the nearest existing ancestor.
 */
export function testFileParent(dir: string, placement: 'inside' | 'beside' = 'beside'): string {
  const resolved = path.resolve(dir);
  return fs.existsSync(resolved) && placement === 'beside'
    ? nearestExistingDir(path.dirname(resolved))
    : nearestExistingDir(resolved);
}

/** The largest regular file under GOROOT/pkg/tool/<os_arch>/ (the compiler), else bin/go. */
export function largestGorootFile(goroot: string): string | null {
  const candidates: { file: string; size: number }[] = [];
  const toolRoot = path.join(goroot, 'pkg', 'tool');
  try {
    for (const sub of fs.readdirSync(toolRoot)) {
      const dir = path.join(toolRoot, sub);
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        const st = fs.statSync(file);
        if (st.isFile()) candidates.push({ file, size: st.size });
      }
    }
  } catch {
    // No tool directory: fall through to bin/go.
  }
  for (const name of ['bin/go', 'bin/gofmt']) {
    try {
      const file = path.join(goroot, name);
      candidates.push({ file, size: fs.statSync(file).size });
    } catch {
      // Missing.
    }
  }
  candidates.sort((a, b) => b.size - a.size);
  const best = candidates[0];
  return best && best.size >= 16 * BLOCK_BYTES ? best.file : null;
}

/** Writes a test file of `bytes` (random data, 1 MiB at a time) and flushes it to the device. */
function writeTestFile(file: string, bytes: number): void {
  const chunk = randomBytes(1024 * 1024);
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    for (let written = 0; written < bytes; written += chunk.length) {
      fs.writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

async function measureFile(
  file: string,
  opts: LatencyOptions,
  result: LatencyTargetResult,
): Promise<void> {
  let direct = true;
  if (opts.engines.includes('builtin')) {
    const m = builtinProbe(file, opts.reads, opts.direct ?? true);
    direct = m.cache === 'direct';
    result.measurements.push(m);
  } else {
    direct = acceptsDirect(file, opts.direct ?? true);
  }
  if (opts.engines.includes('fio')) {
    if (opts.fioPath === null) {
      result.warnings.push(
        'fio is not installed (Debian: apt-get install -y fio); built-in probe only',
      );
    } else {
      try {
        result.measurements.push(
          await fioProbe(opts.runner, opts.fioPath, file, opts.reads, direct),
        );
      } catch (err) {
        if (err instanceof InterruptedError) throw err;
        result.warnings.push(`fio: ${(err as Error).message}`);
      }
    }
  }
}

function deviceOf(dir: string): number | null {
  try {
    return fs.statSync(nearestExistingDir(dir)).dev;
  } catch {
    return null;
  }
}

/**
 * Probes each target in turn. Writable locations on a filesystem already probed with a test
 * file share that result (sameFilesystemAs). Test files and their private directories are
 * removed before this returns, also when a probe throws.
 */
export async function probeLatency(
  targets: readonly LatencyTarget[],
  opts: LatencyOptions,
  mounts: readonly MountInfoEntry[],
): Promise<LatencyTargetResult[]> {
  const results: LatencyTargetResult[] = [];
  const byDevice = new Map<number, LatencyTargetResult>();
  for (const t of targets) {
    opts.runner.throwIfInterrupted();
    const result: LatencyTargetResult = {
      role: t.role,
      dir: t.dir,
      probedFile: null,
      probedFileKind: null,
      probedFileBytes: null,
      filesystem: filesystemOf(t.dir, mounts),
      sameFilesystemAs: null,
      measurements: [],
      skipped: null,
      warnings: [],
    };
    results.push(result);
    if (t.method === 'read-existing') {
      const file = largestGorootFile(t.dir);
      if (!file) {
        result.skipped = `no file of at least 64 KiB under ${t.dir}/pkg/tool or bin`;
        continue;
      }
      opts.say?.(`${t.role}: ${opts.reads} random 4 KiB reads of ${file}`);
      result.probedFile = file;
      result.probedFileKind = 'existing-file';
      result.probedFileBytes = fs.statSync(file).size;
      await measureFile(file, opts, result);
      continue;
    }
    const parent = testFileParent(t.dir, t.method === 'test-file-inside' ? 'inside' : 'beside');
    const dev = deviceOf(parent);
    const own = deviceOf(t.dir);
    if (t.method === 'test-file-beside' && fs.existsSync(t.dir) && own !== dev) {
      // The directory is a mount of its own: next to it is another filesystem.
      result.skipped = `${t.dir} is a filesystem of its own and is not written to; a test file next to it would measure ${parent}'s filesystem`;
      continue;
    }
    result.filesystem = filesystemOf(parent, mounts);
    const earlier = dev === null ? undefined : byDevice.get(dev);
    if (earlier) {
      result.sameFilesystemAs = earlier.role;
      result.probedFile = earlier.probedFile;
      result.probedFileKind = earlier.probedFileKind;
      result.probedFileBytes = earlier.probedFileBytes;
      result.measurements = earlier.measurements;
      continue;
    }
    let dirs: PrivateDirs;
    try {
      dirs = PrivateDirs.create(parent);
    } catch (err) {
      result.skipped = `cannot write next to ${t.dir} (in ${parent}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
      continue;
    }
    try {
      const file = path.join(dirs.root, 'latency-test.bin');
      opts.say?.(
        `${t.role}: writing a ${opts.fileBytes / 1024 / 1024} MiB test file in ${dirs.root}`,
      );
      try {
        writeTestFile(file, opts.fileBytes);
      } catch (err) {
        // A full disk or a quota: this location is skipped, the others are still measured.
        result.skipped = `cannot write a test file next to ${t.dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
        continue;
      }
      result.probedFile = file;
      result.probedFileKind = 'test-file';
      result.probedFileBytes = opts.fileBytes;
      opts.say?.(`${t.role}: ${opts.reads} random 4 KiB reads`);
      await measureFile(file, opts, result);
      if (dev !== null) byDevice.set(dev, result);
    } finally {
      dirs.dispose();
    }
  }
  return results;
}

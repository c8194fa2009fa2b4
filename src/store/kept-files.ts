// What gobaseline keeps on disk between runs, with sizes, and removing it: its cache
// directory ($XDG_CACHE_HOME/gobaseline: the rusage helper, fetched toolchains) and its data
// directory ($XDG_DATA_HOME/gobaseline: saved runs, the run store). Nothing else is ever removed
// here: not the user's GOCACHE, GOMODCACHE or GOROOT, saved run files only when asked for by
// name, and never the run store.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { cacheDir } from '../measure/helper.js';
import { findGoOnPath, readGoEnvFile, userGoCacheDir, userGoModCacheDir } from '../probe/index.js';
import { defaultDbPath } from './open-store.js';
import { dataDir } from './run-files.js';

/** One top-level entry of a kept directory. */
export interface KeptEntry {
  /** The entry's name inside its directory. */
  name: string;
  /** What it is and what removing it costs, for people. */
  what: string;
  /** Bytes on disk (allocated blocks, counted once per inode, as du does). */
  diskBytes: number;
}

/** One directory gobaseline keeps. */
export interface KeptPlace {
  kind: 'cache' | 'data';
  path: string;
  exists: boolean;
  /** Bytes on disk of the whole directory. */
  diskBytes: number;
  entries: KeptEntry[];
  /** The command that removes it. */
  clearedBy: string;
}

/** What `gobaseline cache clean` removed, and what it left on purpose. */
export interface CleanResult {
  removed: { path: string; diskBytes: number }[];
  /**
   * With --saved-runs: the run store's files (gobaseline.db and its -wal, -shm), which hold the
   * same runs and are never removed by clean; empty when there is none.
   */
  kept: { path: string; diskBytes: number }[];
}

/** Says what a top-level entry of the cache directory is. Pure. */
export function describeCacheEntry(name: string, toolchains: string[] = []): string {
  if (/^rusage-exec-[0-9a-f]+$/.test(name))
    return 'the rusage helper (rebuilt with cc on next use)';
  if (/^rusage-exec-.*\.tmp$/.test(name)) return 'an unfinished build of the rusage helper';
  if (/^membw-[0-9a-f]+$/.test(name))
    return 'the memory-bandwidth and load program (rebuilt with go on next use)';
  if (/^membw-.*\.tmp$/.test(name)) return 'an unfinished build of the memory-bandwidth program';
  if (/^gomaxprocs-probe-[0-9a-f]+$/.test(name))
    return "the program that reads Go's default GOMAXPROCS (rebuilt on next run)";
  if (/^gomaxprocs-probe-.*\.tmp$/.test(name)) return 'an unfinished build of the GOMAXPROCS probe';
  if (name === 'memory-bandwidth.json')
    return 'the memory bandwidth last measured here (runs reuse it for an hour, until a reboot)';
  if (/^memory-bandwidth\.json\..*\.tmp$/.test(name))
    return 'an unfinished write of the memory-bandwidth figure';
  if (name === 'toolchains') {
    const which = toolchains.length ? `: ${toolchains.join(', ')}` : '';
    return `toolchains fetched by --toolchain${which} (fetched again when next asked for)`;
  }
  if (name === 'test-warm-cache') return "the warm GOCACHE of gobaseline's own tests (npm test)";
  return 'not made by this version of gobaseline';
}

/** Says what a top-level entry of the data directory is. Pure. */
export function describeDataEntry(name: string, runs: number): string {
  if (name === 'runs') return `${runs} saved run${runs === 1 ? '' : 's'}`;
  if (name === 'gobaseline.db')
    return 'the run store: every run and analysis (docs/store.md); only removed by hand';
  if (name === 'gobaseline.db-wal' || name === 'gobaseline.db-shm') {
    return "the run store's write-ahead log (part of the store)";
  }
  return 'not made by this version of gobaseline';
}

/** The Go versions of unpacked toolchains, from their module directory names. Pure. */
export function toolchainVersions(moduleDirs: string[]): string[] {
  return moduleDirs
    .map((d) => /^toolchain@v[\d.]+-(go[^.]+(?:\.[^.]+)*?)\.[a-z0-9]+-[a-z0-9]+$/.exec(d)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort();
}

/** Bytes on disk under `p` (0 when missing), each inode counted once. */
export async function diskUsage(p: string, seen = new Set<string>()): Promise<number> {
  let st;
  try {
    st = await fs.lstat(p);
  } catch {
    return 0;
  }
  const id = `${st.dev}:${st.ino}`;
  if (seen.has(id)) return 0;
  seen.add(id);
  let total = st.blocks * 512;
  if (st.isDirectory()) {
    for (const name of await fs.readdir(p)) total += await diskUsage(path.join(p, name), seen);
  }
  return total;
}

async function listDir(dir: string): Promise<string[] | null> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch {
    return null;
  }
}

async function place(
  kind: KeptPlace['kind'],
  dir: string,
  clearedBy: string,
  describe: (name: string) => Promise<string>,
): Promise<KeptPlace> {
  const names = await listDir(dir);
  const entries: KeptEntry[] = [];
  for (const name of names ?? []) {
    const diskBytes = await diskUsage(path.join(dir, name));
    entries.push({ name, what: await describe(name), diskBytes });
  }
  return {
    kind,
    path: dir,
    exists: names !== null,
    diskBytes: await diskUsage(dir),
    entries,
    clearedBy,
  };
}

/** Everything gobaseline keeps, with sizes on disk. */
export async function keptPlaces(env: NodeJS.ProcessEnv = process.env): Promise<KeptPlace[]> {
  const cache = cacheDir(env);
  const data = dataDir(env);
  return [
    await place('cache', cache, 'gobaseline cache clean', async (name) => {
      const modules = (await listDir(path.join(cache, name, 'golang.org'))) ?? [];
      return describeCacheEntry(name, toolchainVersions(modules));
    }),
    await place('data', data, 'gobaseline cache clean --saved-runs, runs/ only', async (name) => {
      const runs = (await listDir(path.join(data, name))) ?? [];
      return describeDataEntry(name, runs.filter((f) => f.endsWith('.json')).length);
    }),
  ];
}

/** The user's Go directories that a clean must never reach (found without running go). */
async function protectedGoDirs(env: NodeJS.ProcessEnv): Promise<string[]> {
  const file = readGoEnvFile(env);
  const go = findGoOnPath(env.PATH);
  // The go on PATH lives in GOROOT/bin.
  const pathGoroot = go ? path.dirname(path.dirname(await realPath(go))) : null;
  return [
    userGoCacheDir(env, file),
    userGoModCacheDir(env, file),
    env.GOROOT || file?.settings.GOROOT || null,
    pathGoroot,
  ].filter((d): d is string => Boolean(d));
}

/** True when one of the two paths is the other or lies inside it. Pure. */
export function overlaps(a: string, b: string): boolean {
  const inside = (x: string, y: string): boolean => {
    const rel = path.relative(y, x);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return inside(a, b) || inside(b, a);
}

async function realPath(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return path.resolve(p);
  }
}

/** Removes a directory tree, making read-only directories (module caches) writable first. */
async function removeTree(dir: string): Promise<void> {
  try {
    await fs.rm(dir, { recursive: true, force: true });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EACCES') throw err;
  }
  const makeWritable = async (p: string): Promise<void> => {
    const st = await fs.lstat(p);
    if (!st.isDirectory()) return;
    await fs.chmod(p, st.mode | 0o200);
    for (const name of await fs.readdir(p)) await makeWritable(path.join(p, name));
  };
  await makeWritable(dir);
  await fs.rm(dir, { recursive: true, force: true });
}

/**
 * Removes gobaseline's cache directory, and with `savedRuns` its saved run files (runs/); the
 * run store (gobaseline.db) stays and is named in `kept`: a database of every run is only ever
 * removed by hand. Refuses (exit 2)
 * when a directory to remove is, holds or lies inside the user's GOCACHE, GOMODCACHE or GOROOT.
 */
export async function cleanKept(
  opts: { savedRuns: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<CleanResult> {
  const targets = [cacheDir(env)];
  if (opts.savedRuns) targets.push(path.join(dataDir(env), 'runs'));
  const guarded = await Promise.all((await protectedGoDirs(env)).map(realPath));
  for (const target of targets) {
    const real = await realPath(target);
    const hit = guarded.find((g) => overlaps(real, g));
    if (hit) {
      throw new UsageError(
        `not removing ${target}: it overlaps your Go directory ${hit}; remove what you mean by hand`,
      );
    }
  }
  const removed: CleanResult['removed'] = [];
  for (const target of targets) {
    const diskBytes = await diskUsage(target);
    if ((await listDir(target)) === null) continue;
    await removeTree(target);
    removed.push({ path: target, diskBytes });
  }
  const kept: CleanResult['kept'] = [];
  if (opts.savedRuns) {
    const db = defaultDbPath(env);
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      if ((await fs.lstat(file).catch(() => null)) !== null)
        kept.push({ path: file, diskBytes: await diskUsage(file) });
    }
  }
  return { removed, kept };
}

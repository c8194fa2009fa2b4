// Doctor rules about the build cache (GOCACHE), the module cache (GOMODCACHE) and GOFLAGS that
// defeat them: off, in memory (gone at reboot), on a network filesystem, a nearly full disk, a
// very large cache; GOFLAGS with -a, -race or -count=1. Pure.
import {
  bytes,
  CACHE_DEFEATING_FLAGS,
  cleanGoflags,
  goflagsFields,
  placeLine,
  settingFix,
  settingLine,
  sourceOf,
} from './doctor-fix.js';
import type { CacheFacts, DoctorFacts, Finding, Fix } from './doctor-report.js';
import { nearestReference } from './latency-report.js';

/** Free space below which a cache's disk is nearly full: warn (either limit), bad (both lower). */
export const DISK_WARN = { fraction: 0.05, bytes: 2 * 2 ** 30 };
export const DISK_BAD = { fraction: 0.01, bytes: 256 * 2 ** 20 };
/** Size above which a cache is worth trimming. */
export const LARGE_CACHE_BYTES = 20 * 2 ** 30;

type CacheName = 'GOCACHE' | 'GOMODCACHE';

const ROLE: Record<CacheName, { what: string; clean: string; lost: string }> = {
  GOCACHE: {
    what: 'build cache',
    clean: 'go clean -cache',
    lost: 'every package, the standard library included, compiles again',
  },
  GOMODCACHE: {
    what: 'module cache',
    clean: 'go clean -modcache',
    lost: 'every module (and any GOTOOLCHAIN toolchain) is downloaded and unpacked again',
  },
};

function cacheOf(f: DoctorFacts, name: CacheName): CacheFacts {
  return name === 'GOCACHE' ? f.gocache : f.gomodcache;
}

/**
 * Moving a cache off a bad filesystem: back to the default when the user set it elsewhere;
 * when the default itself is there, a directory of the user's choosing (not applied by --apply).
 */
export function moveCacheFix(c: CacheFacts, name: CacheName): Fix {
  if (c.source !== 'default') return settingFix(c.source, name, null);
  const dir = name === 'GOCACHE' ? '/var/cache/go-build' : '/var/cache/go-mod';
  return { commands: [`go env -w ${name}=${dir}   # any directory on a local disk filesystem`] };
}

/** GOCACHE=off: nothing is cached, and since Go 1.12 most commands refuse to run. */
export function gocacheOff(f: DoctorFacts): Finding | null {
  if (f.gocache.path !== 'off') return null;
  return {
    id: 'gocache-off',
    severity: 'bad',
    title: 'the build cache is off (GOCACHE=off)',
    evidence: [`GOCACHE=off (${f.gocache.source})`],
    why: 'since Go 1.12 go build and go test refuse to run without a build cache ("GOCACHE=off is not supported"); where they do run, nothing is reused between builds',
    fix: settingFix(f.gocache.source, 'GOCACHE', null),
  };
}

/** A cache in memory (tmpfs, ramfs) is lost at every reboot. */
function inMemory(f: DoctorFacts, name: CacheName): Finding | null {
  const c = cacheOf(f, name);
  if (c.storage?.fsClass !== 'memory') return null;
  return {
    id: `${name.toLowerCase()}-memory`,
    severity: 'warn',
    title: `the ${ROLE[name].what} is in memory (${c.storage.fsType ?? 'tmpfs'}) and lost at every reboot`,
    evidence: [`${name}=${c.path} (${c.source})`, placeLine(name, c.storage)],
    why: `after a reboot ${ROLE[name].lost}; a memory filesystem also takes RAM from the compiler (a warm cache is far larger than its working set)`,
    fix: moveCacheFix(c, name),
    expectedGain:
      name === 'GOCACHE' ? 'a warm instead of a cold first build after each boot' : undefined,
  };
}

/** A cache on a network, FUSE or host-shared filesystem. */
function onNetwork(f: DoctorFacts, name: CacheName): Finding | null {
  const c = cacheOf(f, name);
  const cls = c.storage?.fsClass;
  if (!c.storage || (cls !== 'network' && cls !== 'host-share' && cls !== 'fuse')) return null;
  return {
    id: `${name.toLowerCase()}-network`,
    severity: 'warn',
    title: `the ${ROLE[name].what} is on a ${cls === 'host-share' ? 'host-shared' : cls} filesystem (${c.storage.fsType ?? '?'})`,
    evidence: [`${name}=${c.path} (${c.source})`, placeLine(name, c.storage)],
    why: `the go command opens, stats and writes many small files in its ${ROLE[name].what} per build: each is a round trip, and ${name === 'GOCACHE' ? 'the cache relies on file locking and atomic renames that some network filesystems do not give' : 'concurrent go commands lock it'}`,
    fix: moveCacheFix(c, name),
  };
}

/** The disk holding a cache is nearly full: writes fail and the cache stops filling. */
function diskFull(f: DoctorFacts, name: CacheName): Finding | null {
  const c = cacheOf(f, name);
  if (!c.disk || c.disk.totalBytes <= 0) return null;
  const { freeBytes, totalBytes } = c.disk;
  const fraction = freeBytes / totalBytes;
  const below = (t: { fraction: number; bytes: number }) =>
    fraction < t.fraction || freeBytes < t.bytes;
  if (!below(DISK_WARN)) return null;
  const bad = fraction < DISK_BAD.fraction && freeBytes < DISK_BAD.bytes;
  return {
    id: `${name.toLowerCase()}-disk-full`,
    severity: bad ? 'bad' : 'warn',
    title: `the disk of the ${ROLE[name].what} is nearly full (${bytes(freeBytes)} free)`,
    evidence: [
      `${name}=${c.path}`,
      `${bytes(freeBytes)} free of ${bytes(totalBytes)} (${(fraction * 100).toFixed(1)}%) on ${c.storage?.mountPoint ?? 'its filesystem'}`,
      ...(c.sizeBytes !== null
        ? [`the ${ROLE[name].what} holds ${c.sizeComplete ? '' : 'at least '}${bytes(c.sizeBytes)}`]
        : []),
    ],
    why: `when a write fails the go command does not cache the result: ${ROLE[name].lost}, and builds can fail with "no space left on device"`,
    fix: {
      commands: [ROLE[name].clean, `df -h ${c.storage?.mountPoint ?? c.path}   # then free space`],
    },
  };
}

/** A cache past LARGE_CACHE_BYTES. */
function tooLarge(f: DoctorFacts, name: CacheName): Finding | null {
  const c = cacheOf(f, name);
  if (c.sizeBytes === null || c.sizeBytes < LARGE_CACHE_BYTES) return null;
  return {
    id: `${name.toLowerCase()}-large`,
    severity: 'info',
    title: `the ${ROLE[name].what} holds ${c.sizeComplete ? '' : 'more than '}${bytes(c.sizeBytes)}`,
    evidence: [`${name}=${c.path}: ${c.sizeComplete ? '' : 'at least '}${bytes(c.sizeBytes)}`],
    why:
      name === 'GOCACHE'
        ? 'the go command trims entries unused for 5 days only; a cache this large is mostly old toolchains and configurations, and takes disk space other caches need'
        : 'the module cache is never trimmed: old versions of every module stay forever',
    fix: { commands: [ROLE[name].clean] },
    expectedGain: `${bytes(c.sizeBytes)} of disk space (the next build of each project fills it again)`,
  };
}

const FLAG_WHY: Record<string, { severity: 'warn' | 'bad'; why: string }> = {
  'goflags-a': {
    severity: 'bad',
    why: '-a forces every package, the standard library included, to be rebuilt on every build: the build cache is never used',
  },
  'goflags-race': {
    severity: 'warn',
    why: '-race builds every package with the race detector: compiling is slower, the programs run 2-20 times slower and use 5-10 times the memory, and the build cache holds a second copy of everything',
  },
  'goflags-count': {
    severity: 'warn',
    why: '-count=1 (any -count) disables the test cache: go test reruns every test, also those whose code did not change',
  },
};

/** GOFLAGS flags that defeat the caches when set for every command. */
export function goflagsRules(f: DoctorFacts): Finding[] {
  const fields = goflagsFields(f.goEnv.GOFLAGS);
  const out: Finding[] = [];
  for (const [id, matches] of Object.entries(CACHE_DEFEATING_FLAGS)) {
    const hit = fields.filter((x) => matches(x));
    const rule = FLAG_WHY[id];
    if (hit.length === 0 || !rule) continue;
    out.push({
      id,
      severity: rule.severity,
      title: `GOFLAGS contains ${hit.join(' ')} for every go command`,
      evidence: [settingLine(f, 'GOFLAGS')],
      why: rule.why,
      fix: settingFix(sourceOf(f, 'GOFLAGS'), 'GOFLAGS', cleanGoflags(f)),
    });
  }
  return out;
}

/** Mean 4 KiB random-read latency above which storage is slow for builds (5× a SATA SSD's 210 µs). */
export const SLOW_READ_MEAN_US = 1000;

/** --thorough's latency probe found a directory of the toolchain on slow storage. */
export function slowStorage(f: DoctorFacts): Finding[] {
  return (f.thorough?.latency ?? [])
    .filter((l) => l.cache === 'direct' && l.meanUs > SLOW_READ_MEAN_US)
    .map((l) => {
      const near = nearestReference(l);
      return {
        id: 'slow-storage',
        severity: 'warn' as const,
        title: `${l.role}: 4 KiB random reads take ${l.meanUs.toFixed(0)} µs on average`,
        evidence: [
          `${l.reads} random 4 KiB reads (O_DIRECT, queue depth 1) on ${l.fsType ?? 'an unknown filesystem'} at ${l.dir}: mean ${l.meanUs.toFixed(0)} µs, p99 ${l.p99Us.toFixed(0)} µs (analyze latency's built-in probe)`,
          `nearest reference: ${near.medium}, ${near.meanRatio.toFixed(1)}× its mean`,
        ],
        why: 'a cold build reads thousands of small files from GOROOT and the module cache and writes as many to the build cache: each miss of the page cache waits this long',
        fix:
          l.role === 'GOROOT'
            ? { commands: ['# install Go on a local SSD or NVMe disk: https://go.dev/doc/install'] }
            : moveCacheFix(
                l.role.startsWith('GOCACHE') ? f.gocache : f.gomodcache,
                l.role.startsWith('GOCACHE') ? 'GOCACHE' : 'GOMODCACHE',
              ),
        expectedGain: 'gobaseline analyze latency --dir DIR compares a candidate directory',
      };
    });
}

/** The cache rules for both caches, in report order. */
export function cacheRules(f: DoctorFacts): Finding[] {
  const out: (Finding | null)[] = [gocacheOff(f)];
  for (const name of ['GOCACHE', 'GOMODCACHE'] as const) {
    out.push(inMemory(f, name), onNetwork(f, name), diskFull(f, name), tooLarge(f, name));
  }
  return [...out.filter((x): x is Finding => x !== null), ...slowStorage(f), ...goflagsRules(f)];
}

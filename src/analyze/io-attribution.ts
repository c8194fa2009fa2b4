// Attributes a build's file-system calls (parsed strace lines) to areas of the Go installation
// and the machine (GOROOT/src, GOROOT/pkg, GOCACHE, GOMODCACHE, the project, ...), per kind of
// call, with counts, bytes read and time in the calls, plus the hottest files; and checks the
// parsed counts against strace's own call summary. Pure: calls and roots in, tallies out.
import path from 'node:path';
import { fdArg, quotedArg } from '../parse/strace-args.js';
import type { StraceCall, StraceSummary } from '../parse/strace.js';

/** Where a file lives, for attribution. Listed in report order. */
export const AREAS = [
  'goroot-src',
  'goroot-pkg',
  'goroot-other',
  'gocache',
  'gomodcache',
  'project',
  'go-tmp',
  'elsewhere',
  'non-file',
] as const;
export type Area = (typeof AREAS)[number];

/** Labels for people, one per area. */
export const AREA_LABELS: Record<Area, string> = {
  'goroot-src': 'GOROOT/src',
  'goroot-pkg': 'GOROOT/pkg (tools)',
  'goroot-other': 'GOROOT (other)',
  gocache: 'GOCACHE',
  gomodcache: 'GOMODCACHE',
  project: 'project (build dir)',
  'go-tmp': 'TMPDIR (go WORK dirs)',
  elsewhere: 'elsewhere',
  'non-file': 'pipes, sockets',
};

/** Kinds of file-system call, the heat map's columns. */
export const KINDS = ['open', 'stat', 'read', 'readlink', 'getdents', 'other'] as const;
export type Kind = (typeof KINDS)[number];

/** The stat family: the calls the go command and the compiler use to look at files. */
export const STAT_SYSCALLS = [
  'stat',
  'lstat',
  'fstat',
  'newfstatat',
  'fstatat64',
  'statx',
  'stat64',
  'lstat64',
  'fstat64',
] as const;
const OPEN_SYSCALLS = ['open', 'openat', 'openat2', 'creat'];
const READ_SYSCALLS = ['read', 'pread64', 'readv', 'preadv', 'preadv2'];
const READLINK_SYSCALLS = ['readlink', 'readlinkat'];
const GETDENTS_SYSCALLS = ['getdents', 'getdents64'];

/** The kind of a system call by name; calls outside the five kinds are 'other' (mkdirat, execve, ...). */
export function kindOf(syscall: string): Kind {
  if (OPEN_SYSCALLS.includes(syscall)) return 'open';
  if ((STAT_SYSCALLS as readonly string[]).includes(syscall)) return 'stat';
  if (READ_SYSCALLS.includes(syscall)) return 'read';
  if (READLINK_SYSCALLS.includes(syscall)) return 'readlink';
  if (GETDENTS_SYSCALLS.includes(syscall)) return 'getdents';
  return 'other';
}

/** One directory that defines an area; a path belongs to the longest root it is under. */
export interface AreaRoot {
  area: Area;
  /** Absolute path. Give both the path as configured and its real path when they differ. */
  dir: string;
}

/**
 * The roots for a build: GOROOT's src and pkg and the rest of GOROOT, GOCACHE, GOMODCACHE, the
 * project (the directory the build runs in) and the go command's TMPDIR. Each entry may list several spellings of the same
 * directory (as configured, and its real path).
 */
export function areaRoots(dirs: {
  goroot: string[];
  /** Real paths of GOROOT/src and GOROOT/pkg where they are symlinks out of GOROOT (Debian). */
  gorootSrc?: string[];
  gorootPkg?: string[];
  gocache: string[];
  gomodcache: string[];
  project: string[];
  tmpdir: string[];
}): AreaRoot[] {
  const roots: AreaRoot[] = [];
  for (const g of dirs.goroot) {
    roots.push({ area: 'goroot-other', dir: g });
    roots.push({ area: 'goroot-src', dir: path.posix.join(g, 'src') });
    roots.push({ area: 'goroot-pkg', dir: path.posix.join(g, 'pkg') });
  }
  for (const d of dirs.gorootSrc ?? []) roots.push({ area: 'goroot-src', dir: d });
  for (const d of dirs.gorootPkg ?? []) roots.push({ area: 'goroot-pkg', dir: d });
  for (const d of dirs.gocache) roots.push({ area: 'gocache', dir: d });
  for (const d of dirs.gomodcache) roots.push({ area: 'gomodcache', dir: d });
  for (const d of dirs.project) roots.push({ area: 'project', dir: d });
  for (const d of dirs.tmpdir) roots.push({ area: 'go-tmp', dir: d });
  return roots.map((r) => ({ ...r, dir: path.posix.normalize(r.dir).replace(/(.)\/$/, '$1') }));
}

/** The area of an absolute path (longest matching root), 'elsewhere' when under none. */
export function areaOf(file: string, roots: readonly AreaRoot[]): Area {
  let best: AreaRoot | null = null;
  for (const r of roots) {
    const under = file === r.dir || file.startsWith(r.dir === '/' ? '/' : `${r.dir}/`);
    if (under && (best === null || r.dir.length > best.dir.length)) best = r;
  }
  return best ? best.area : 'elsewhere';
}

/** Where a call's file is: an absolute path, a non-file descriptor (pipe, socket), or unknown. */
export type CallTarget =
  { type: 'path'; path: string } | { type: 'non-file'; what: string } | { type: 'unknown' };

function fromFd(arg: string | undefined): CallTarget {
  const fd = fdArg(arg);
  if (!fd || fd.target === null) return { type: 'unknown' };
  return fd.target.startsWith('/')
    ? { type: 'path', path: cleanPath(fd.target) }
    : { type: 'non-file', what: fd.target };
}

function cleanPath(p: string): string {
  return path.posix.normalize(p.replace(/ \(deleted\)$/, ''));
}

/** Resolves a path argument against a directory-descriptor argument (AT_FDCWD</cwd> with -y). */
function fromDirAndPath(dirArg: string | undefined, pathArg: string | undefined): CallTarget {
  const p = quotedArg(pathArg);
  if (p === null || p === '') return fromFd(dirArg); // NULL or "" with AT_EMPTY_PATH: the fd itself
  if (p.startsWith('/')) return { type: 'path', path: cleanPath(p) };
  const dir = fromFd(dirArg);
  if (dir.type !== 'path') return { type: 'unknown' };
  return { type: 'path', path: cleanPath(path.posix.join(dir.path, p)) };
}

/**
 * The file a call is about. Successful opens use the path -y printed for the new descriptor (the
 * kernel's resolved path); other calls their path argument, resolved against the directory
 * descriptor's -y path; calls on a descriptor (read, fstat, getdents64) its -y path.
 */
export function targetOf(call: StraceCall): CallTarget {
  const a = call.args;
  switch (call.name) {
    case 'open':
    case 'creat':
      if (call.retPath) return { type: 'path', path: cleanPath(call.retPath) };
      return fromDirAndPath(undefined, a[0]);
    case 'openat':
    case 'openat2':
      if (call.retPath?.startsWith('/')) return { type: 'path', path: cleanPath(call.retPath) };
      return fromDirAndPath(a[0], a[1]);
    case 'newfstatat':
    case 'fstatat64':
    case 'statx':
    case 'readlinkat':
      return fromDirAndPath(a[0], a[1]);
    default:
      break;
  }
  const kind = kindOf(call.name);
  // read, pread64, fstat, getdents64 take a descriptor (their 2nd argument is data, not a
  // path); stat, lstat and readlink take a path.
  if (kind !== 'other') return fdArg(a[0]) ? fromFd(a[0]) : fromDirAndPath(undefined, a[0]);
  // The *at calls (mkdirat, unlinkat, utimensat, faccessat2, ...): a directory and a path.
  if (/at2?$/.test(call.name) && fdArg(a[0])) return fromDirAndPath(a[0], a[1]);
  // A descriptor (fchdir, ...) or a path first (stat, readlink, execve, chdir, mkdir, ...).
  if (fdArg(a[0])) return fromFd(a[0]);
  return fromDirAndPath(undefined, a[0]);
}

/** Calls, failures, bytes and time of one group of calls. */
export interface Tally {
  calls: number;
  /** Calls that returned an error (e.g. ENOENT for a probed file that does not exist). */
  failed: number;
  /** Bytes returned by read calls (read, pread64), in bytes; 0 for other kinds. */
  readBytes: number;
  /** Time in the calls as strace's -T saw it (includes tracing overhead), in µs. */
  timeUs: number;
}

/** An area's tally, in total and per kind. */
export interface AreaTally extends Tally {
  area: Area;
  label: string;
  byKind: Record<Kind, Tally>;
}

/** One file's tally. */
export interface FileTally extends Tally {
  path: string;
  area: Area;
  byKind: Record<Kind, number>;
}

/** Counts and time per system call name, to compare with strace's own summary. */
export interface SyscallTally {
  syscall: string;
  calls: number;
  errors: number;
  timeUs: number;
}

/** What a build's trace says about file-system access. */
export interface IoAttribution {
  /** Every area, in AREAS order (areas with no calls have zero tallies). */
  areas: AreaTally[];
  /** Tallies per kind over all areas. */
  byKind: Record<Kind, Tally>;
  total: Tally;
  /** Per system call name, most calls first. */
  bySyscall: SyscallTally[];
  /** The most-called files (top N by calls, then by time). */
  hottest: FileTally[];
  /** Distinct files (paths) touched. */
  distinctFiles: number;
}

function emptyTally(): Tally {
  return { calls: 0, failed: 0, readBytes: 0, timeUs: 0 };
}

function kindTallies(): Record<Kind, Tally> {
  return Object.fromEntries(KINDS.map((k) => [k, emptyTally()])) as Record<Kind, Tally>;
}

function add(t: Tally, call: StraceCall, kind: Kind): void {
  t.calls += 1;
  if (call.errno !== null) t.failed += 1;
  if (kind === 'read' && call.retValue !== null && call.retValue > 0) t.readBytes += call.retValue;
  t.timeUs += call.durationUs ?? 0;
}

/** Attributes every call to an area and a kind; `top` is how many hottest files to keep. */
export function attributeIo(
  calls: readonly StraceCall[],
  roots: readonly AreaRoot[],
  top = 10,
): IoAttribution {
  const areas = new Map<Area, AreaTally>(
    AREAS.map((a) => [
      a,
      { area: a, label: AREA_LABELS[a], ...emptyTally(), byKind: kindTallies() },
    ]),
  );
  const byKind = kindTallies();
  const total = emptyTally();
  const files = new Map<string, FileTally>();
  const syscalls = new Map<string, SyscallTally>();
  for (const call of calls) {
    const kind = kindOf(call.name);
    const target = targetOf(call);
    const area: Area =
      target.type === 'path'
        ? areaOf(target.path, roots)
        : target.type === 'non-file'
          ? 'non-file'
          : 'elsewhere';
    const a = areas.get(area) as AreaTally;
    add(a, call, kind);
    add(a.byKind[kind], call, kind);
    add(byKind[kind], call, kind);
    add(total, call, kind);
    if (target.type === 'path') {
      let f = files.get(target.path);
      if (!f) {
        f = {
          path: target.path,
          area,
          ...emptyTally(),
          byKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>,
        };
        files.set(target.path, f);
      }
      add(f, call, kind);
      f.byKind[kind] += 1;
    }
    let s = syscalls.get(call.name);
    if (!s) syscalls.set(call.name, (s = { syscall: call.name, calls: 0, errors: 0, timeUs: 0 }));
    s.calls += 1;
    if (call.errno !== null) s.errors += 1;
    s.timeUs += call.durationUs ?? 0;
  }
  const hottest = [...files.values()]
    .sort((x, y) => y.calls - x.calls || y.timeUs - x.timeUs || x.path.localeCompare(y.path))
    .slice(0, top);
  return {
    areas: [...areas.values()],
    byKind,
    total,
    bySyscall: [...syscalls.values()].sort((x, y) => y.calls - x.calls),
    hottest,
    distinctFiles: files.size,
  };
}

/** One line of the count check against strace's own call summary. */
export interface CountCheck {
  /** "openat", "stat family", ... */
  what: string;
  /** Calls counted from the parsed trace lines. */
  parsed: number;
  /** Calls strace's summary table counted. */
  strace: number;
  /** |parsed - strace| / strace; 0 when both are 0. */
  deltaFraction: number;
  /** True when deltaFraction <= tolerance. */
  agrees: boolean;
}

/** The count groups checked: openat, the stat family, and every other file call. */
const CHECKED: { what: string; syscalls: readonly string[] }[] = [
  { what: 'openat', syscalls: ['openat'] },
  { what: 'stat family', syscalls: STAT_SYSCALLS },
  { what: 'read, pread64', syscalls: ['read', 'pread64'] },
  { what: 'readlink(at)', syscalls: READLINK_SYSCALLS },
  { what: 'getdents64', syscalls: GETDENTS_SYSCALLS },
];

/**
 * Compares call counts per group (openat, the stat family, reads, readlink, getdents) from the
 * parsed trace with strace's summary table (of the same trace with -C, or of another run with
 * -c); `tolerance` is a fraction, e.g. 0.05.
 */
export function checkCounts(
  bySyscall: readonly SyscallTally[],
  summary: StraceSummary,
  tolerance: number,
): CountCheck[] {
  const sum = (rows: readonly { syscall: string; calls: number }[], names: readonly string[]) =>
    rows.filter((r) => names.includes(r.syscall)).reduce((n, r) => n + r.calls, 0);
  return CHECKED.map(({ what, syscalls }) => {
    const parsed = sum(bySyscall, syscalls);
    const strace = sum(summary.rows, syscalls);
    const deltaFraction =
      strace === 0 ? (parsed === 0 ? 0 : Infinity) : Math.abs(parsed - strace) / strace;
    return { what, parsed, strace, deltaFraction, agrees: deltaFraction <= tolerance };
  });
}

// How the go command finds and validates GOROOT, after cmd/go/internal/cfg (Go 1.26):
//
// 1. GOROOT from the OS environment, used verbatim (a relative value stays relative and is
//    taken against each go command's working directory);
// 2. else GOROOT from the user's go env file (GOENV, default $XDG_CONFIG_HOME/go/env), cleaned;
// 3. else the executable's location: os.Executable() (on Linux /proc/self/exe, symlinks already
//    resolved), then <exe>/../.. or <exe>/../../.. if it holds a pkg/tool directory (isGOROOT);
// 4. else runtime.GOROOT(), the path the binary was built with: empty for a -trimpath build
//    (release binaries since Go 1.21), which then fails with "'go' binary is trimmed and GOROOT
//    is not set".
// At start-up cmd/go's main only checks that GOROOT stats as a directory. `go env -changed`
// never lists GOROOT (its Changed flag is not computed), so the source is derived here.
// Pure: the file system is passed in as a small interface.
import path from 'node:path';

/** Where the GOROOT in use came from. */
export type GorootSource =
  'environment' | 'go env file' | 'executable location' | 'built-in default' | 'none';

/** One symlink followed while resolving a path. */
export interface LinkHop {
  /** The symlink's own path (absolute, its parents already resolved). */
  link: string;
  /** Its target as stored in the link (may be relative). */
  target: string;
}

/** A path resolved component by component, as the kernel does. */
export interface PathTrace {
  /** The path as given. */
  path: string;
  absolute: boolean;
  /** Symlinks followed, in order, including those in parent directories. */
  hops: LinkHop[];
  /** The final physical path; null when resolution failed. */
  resolved: string | null;
  /** Why resolution failed (missing component, loop), else null. */
  error: string | null;
}

/** The part of the file system the pure functions need. */
export interface FsView {
  /** What `p` is, without following a final symlink (lstat). */
  kind(p: string): 'symlink' | 'dir' | 'file' | 'missing';
  /** The target stored in symlink `p`. */
  readlink(p: string): string;
}

/** Linux gives up after 40 symlinks in one lookup (ELOOP). */
export const MAX_SYMLINKS = 40;

/**
 * Resolves `p` (relative to `cwd`) one component at a time, recording every symlink followed,
 * also those in parent directories (e.g. /usr/local -> /opt/local). Like realpath(3), with the
 * hops kept.
 */
export function traceSymlinks(p: string, fsView: FsView, cwd: string): PathTrace {
  const absolute = path.isAbsolute(p);
  const hops: LinkHop[] = [];
  const pending = path.resolve(cwd, p).split('/').filter(Boolean);
  let current = '/';
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '.') continue;
    if (part === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, part);
    const kind = fsView.kind(next);
    if (kind === 'missing') {
      return { path: p, absolute, hops, resolved: null, error: `${next} does not exist` };
    }
    if (kind === 'symlink') {
      if (hops.length >= MAX_SYMLINKS) {
        return {
          path: p,
          absolute,
          hops,
          resolved: null,
          error: `more than ${MAX_SYMLINKS} symlinks (ELOOP)`,
        };
      }
      const target = fsView.readlink(next);
      hops.push({ link: next, target });
      if (path.isAbsolute(target)) current = '/';
      pending.unshift(...target.split('/').filter(Boolean));
      continue;
    }
    if (kind === 'file' && pending.length > 0) {
      return { path: p, absolute, hops, resolved: null, error: `${next} is not a directory` };
    }
    current = next;
  }
  return { path: p, absolute, hops, resolved: current, error: null };
}

/** Go's filepath.Clean for Unix paths: "" becomes ".", no trailing slash. */
export function goClean(p: string): string {
  if (p === '') return '.';
  const n = path.posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** What {@link predictGoroot} needs to know. */
export interface GorootInputs {
  /** GOROOT in the OS environment (undefined or "" when unset). */
  envGoroot: string | undefined;
  /** The user's go env file, or null when GOENV=off or there is none. */
  envFile: { path: string; goroot: string | undefined } | null;
  /** os.Executable() of the go binary: on Linux its real path (symlinks resolved). */
  executable: string;
  /** isGOROOT: true when dir/pkg/tool is a directory. */
  isGoroot: (dir: string) => boolean;
  /** runtime.GOROOT() of the binary: "" for a trimmed build, null when unknown. */
  builtIn: string | null;
}

/** The GOROOT the go command will use, and why. */
export interface GorootPrediction {
  source: GorootSource;
  /** The value cmd/go uses ("" when none). */
  value: string;
  /** One sentence on the rule that applied. */
  detail: string;
}

/** Applies cmd/go's findGOROOT rules (see the top of this file) to `inputs`. */
export function predictGoroot(inputs: GorootInputs): GorootPrediction {
  const fileGoroot = inputs.envFile?.goroot;
  if (inputs.envGoroot) {
    const overridden =
      fileGoroot !== undefined && fileGoroot !== ''
        ? `; the go env file's GOROOT=${fileGoroot} is overridden`
        : '';
    return {
      source: 'environment',
      value: inputs.envGoroot,
      detail: `GOROOT is set in the environment and used verbatim${overridden}`,
    };
  }
  if (fileGoroot) {
    return {
      source: 'go env file',
      value: goClean(fileGoroot),
      detail: `GOROOT is set in the go env file ${inputs.envFile?.path ?? ''} (go env -w)`,
    };
  }
  const exe = inputs.executable;
  for (const up of ['../..', '../../..']) {
    const dir = path.join(exe, up);
    if (inputs.isGoroot(dir)) {
      return {
        source: 'executable location',
        value: dir,
        detail: `not set: derived from the go binary's real path ${exe} (${dir}/pkg/tool exists)`,
      };
    }
  }
  if (inputs.builtIn) {
    return {
      source: 'built-in default',
      value: inputs.builtIn,
      detail: 'not set and the binary is not inside a GOROOT: the path it was built with',
    };
  }
  if (inputs.builtIn === null) {
    return {
      source: 'built-in default',
      value: '',
      detail:
        'not set and the binary is not inside a GOROOT: the path it was built with (unknown here)',
    };
  }
  return {
    source: 'none',
    value: '',
    detail: 'not set, the binary is not inside a GOROOT and it is trimmed: the go command fails',
  };
}

/** One validation check on the GOROOT in use. */
export interface ResolutionCheck {
  name: string;
  /** true passed, false failed, null not applicable or unknown. */
  ok: boolean | null;
  detail: string;
}

/** File-system facts about the GOROOT in use, gathered by the caller. */
export interface GorootFacts {
  /** The GOROOT `go env GOROOT` printed. */
  goroot: string;
  /** It stats as a directory (following symlinks; relative to the go command's directory). */
  isDir: boolean;
  /** GOROOT/pkg/tool is a directory (isGOROOT). */
  hasPkgTool: boolean;
  /** `go env GOTOOLDIR` and whether compile and link are in it. */
  toolDir: string;
  hasCompileAndLink: boolean;
  /** First line of GOROOT/VERSION, or null when missing. */
  versionFile: string | null;
  /** `go env GOVERSION` of the binary. */
  goVersion: string;
  /** GOROOT/go.env exists. */
  hasGoEnvFile: boolean;
}

/** The checks that decide whether this GOROOT works with this go binary. */
export function resolutionChecks(f: GorootFacts): ResolutionCheck[] {
  return [
    {
      name: 'GOROOT is a directory',
      ok: f.isDir,
      detail: f.isDir
        ? 'the only check cmd/go makes at start-up (os.Stat)'
        : `go fails with "cannot find GOROOT directory: ${f.goroot}"`,
    },
    {
      name: 'GOROOT is absolute',
      ok: path.isAbsolute(f.goroot),
      detail: path.isAbsolute(f.goroot)
        ? 'the same GOROOT from any working directory'
        : 'relative: taken against each go command’s working directory, so it breaks elsewhere',
    },
    {
      name: 'GOROOT/pkg/tool exists',
      ok: f.hasPkgTool,
      detail: f.hasPkgTool
        ? 'how cmd/go recognises a GOROOT next to its binary (isGOROOT)'
        : 'missing: not a Go installation, builds will fail',
    },
    {
      name: 'compile and link in GOTOOLDIR',
      ok: f.hasCompileAndLink,
      detail: f.toolDir,
    },
    {
      name: 'GOROOT/VERSION matches the go binary',
      ok: f.versionFile === null ? null : f.versionFile === f.goVersion,
      detail:
        f.versionFile === null
          ? 'no VERSION file (a development tree?)'
          : f.versionFile === f.goVersion
            ? f.goVersion
            : `VERSION says ${f.versionFile}, the binary is ${f.goVersion}: builds fail with a version mismatch`,
    },
    {
      name: 'GOROOT/go.env exists',
      ok: f.hasGoEnvFile,
      detail: f.hasGoEnvFile
        ? 'toolchain defaults (GOPROXY, GOSUMDB, GOTOOLCHAIN) are read from it'
        : 'missing: GOPROXY, GOSUMDB and GOTOOLCHAIN fall back to empty defaults',
    },
  ];
}

/** Parses `go version -m <binary>` output: true when built with -trimpath=true, null if unknown. */
export function parseTrimpath(versionM: string): boolean | null {
  const m = /^\s*build\s+-trimpath=(\w+)\s*$/m.exec(versionM);
  if (!m) return /^\s*build\s/m.test(versionM) ? false : null;
  return m[1] === 'true';
}

// The Go toolchains a run measures: `--go PATH` (repeatable) and `--toolchain go1.27.3,local`.
// A named version is obtained through the go command's own GOTOOLCHAIN mechanism (fetched as a
// module through GOPROXY) into gobaseline's private module cache, never the user's; it is then
// run directly from its GOROOT, so the measurement does not include the toolchain switch.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { EnvironmentError, UsageError } from '../errors.js';
import { resolveGo } from '../probe/index.js';
import type { Toolchain } from '../record/run-record.js';
import { cacheDir } from './helper.js';
import { ensureDir } from './own-dirs.js';
import { PrivateDirs } from './private-dirs.js';

const execFileAsync = promisify(execFile);

const VERSION_SPEC = /^go\d+\.\d+(\.\d+)?((rc|beta)\d+)?$/;

/** Where fetched toolchains are kept between runs: gobaseline's own module cache. */
export function toolchainModCache(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'toolchains');
}

async function goVersion(goPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await execFileAsync(goPath, ['version'], {
      env: { ...env, GOTOOLCHAIN: 'local', GOENV: 'off', GOFLAGS: '' },
    });
    return stdout.trim();
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim().split('\n')[0];
    throw new EnvironmentError(
      `the Go toolchain at ${goPath} does not work: ${stderr || (err as Error).message}`,
    );
  }
}

/**
 * The download the go command keeps beside an unpacked toolchain (`GOROOT` in the module
 * cache): the module zip, 76 MB for go1.27.3, that is no longer needed once unpacked (the go
 * command finds the toolchain by its directory and the .ziphash beside the zip). Null for a
 * GOROOT that is not a fetched toolchain.
 */
export function toolchainZip(modCache: string, goroot: string): string | null {
  const m = /^toolchain@(v[^/]+)$/.exec(path.basename(goroot));
  if (!m || path.dirname(goroot) !== path.join(modCache, 'golang.org')) return null;
  return path.join(modCache, 'cache', 'download', 'golang.org', 'toolchain', '@v', `${m[1]}.zip`);
}

/** Fetches (or finds already fetched) toolchain `spec` with the local go; returns its go binary. */
async function obtain(spec: string, localGo: string, env: NodeJS.ProcessEnv): Promise<string> {
  const modCache = toolchainModCache(env);
  ensureDir(modCache, `cache directory ${modCache}`);
  const scratch = PrivateDirs.create();
  try {
    const { stdout } = await execFileAsync(localGo, ['env', 'GOROOT'], {
      cwd: scratch.root,
      env: {
        ...env,
        GOTOOLCHAIN: spec,
        GOMODCACHE: modCache,
        GOCACHE: scratch.named('cache'),
        // The checksum database's note goes to GOPATH/pkg/sumdb: not the user's GOPATH.
        GOPATH: scratch.named('gopath'),
        GOENV: 'off',
        // Writable module files, so the cache can be removed without chmod.
        GOFLAGS: '-modcacherw',
      },
      timeout: 10 * 60_000,
    });
    const goroot = stdout.trim();
    const zip = toolchainZip(modCache, goroot);
    if (zip) rmSync(zip, { force: true });
    return path.join(goroot, 'bin', 'go');
  } catch (err) {
    const stderr = ((err as { stderr?: string }).stderr ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('go: downloading'));
    throw new EnvironmentError(
      `cannot obtain toolchain ${spec}: ${stderr[0] ?? (err as Error).message}`,
    );
  } finally {
    scratch.dispose();
  }
}

/**
 * Resolves --go paths and --toolchain names to toolchains, in the order given (--go first).
 * With neither, the go on PATH. Throws UsageError for a malformed name, EnvironmentError
 * (exit 3) for a toolchain that cannot be found, run or fetched.
 */
export async function resolveToolchains(
  goPaths: string[],
  specs: string[],
  env: NodeJS.ProcessEnv,
): Promise<Toolchain[]> {
  for (const spec of specs) {
    if (spec !== 'local' && !VERSION_SPEC.test(spec)) {
      throw new UsageError(
        `--toolchain takes Go versions such as go1.27.3, or local; got "${spec}"`,
      );
    }
  }
  const local = resolveGo(goPaths[0], env);
  const fromPath = goPaths.length === 0;
  const wanted: { requested: string; goPath: Promise<string> | string; inheritsGoroot: boolean }[] =
    [];
  for (const p of goPaths)
    wanted.push({ requested: p, goPath: resolveGo(p, env), inheritsGoroot: false });
  for (const spec of specs) {
    const goPath = spec === 'local' ? local : obtain(spec, local, env);
    // Fetches run concurrently but are awaited in order: a later one failing first must not
    // become an unhandled rejection (it is reported when its turn comes).
    if (typeof goPath !== 'string') goPath.catch(() => undefined);
    wanted.push({ requested: spec, goPath, inheritsGoroot: spec === 'local' && fromPath });
  }
  if (wanted.length === 0) wanted.push({ requested: 'local', goPath: local, inheritsGoroot: true });

  const out: Toolchain[] = [];
  for (const w of wanted) {
    const goPath = await w.goPath;
    const version = await goVersion(goPath, env);
    const label = /go version (\S+)/.exec(version)?.[1] ?? goPath;
    out.push({ label, goPath, version, requested: w.requested, inheritsGoroot: w.inheritsGoroot });
  }
  const paths = out.map((t) => t.goPath);
  const repeated = paths.find((p, i) => paths.indexOf(p) !== i);
  if (repeated) throw new UsageError(`the toolchain ${repeated} is named twice`);
  // Two toolchains of the same version (e.g. two GOROOTs) are told apart by path.
  for (const t of out) {
    if (out.filter((o) => o.label === t.label).length > 1) t.label = t.goPath;
  }
  return out;
}

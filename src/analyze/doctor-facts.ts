// Gathers what `gobaseline doctor` judges: the user's go settings as their go commands see them
// (with where each came from), GOROOT through `analyze goroot`'s resolution probe, the caches'
// storage, disk space and size, the CPUs and load, the GOPROXY's answer and newest toolchain,
// and the project's vendor directory. The go command runs with the user's environment but
// private GOCACHE, GOMODCACHE and TMPDIR and GOTOOLCHAIN=local (askEnv): doctor writes nothing
// of the user's and downloads no toolchain. The rules (doctor-rules*.ts) are pure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';
import { realCommandRunner } from '../measure/command-runner.js';
import { PrivateDirs } from '../measure/private-dirs.js';
import { GoEnvJsonError, parseGoEnvJson } from '../parse/go-env-json.js';
import { parseGoEnvFile } from '../parse/go-env-file.js';
import { newestToolchain } from '../parse/toolchain-list.js';
import { diskSpace, treeBytes } from '../probe/disk-usage.js';
import { askProxy } from '../probe/go-proxy.js';
import {
  findAllOnPath,
  probeHost,
  probeStorage,
  probeTopology,
  readGoEnvFile,
  resolveGo,
  userGoCacheDir,
  userGoModCacheDir,
  type GoEnvFile,
} from '../probe/index.js';
import type {
  CacheFacts,
  CpuFacts,
  DoctorFacts,
  GoOnPath,
  ProjectFacts,
  SettingSource,
  ToolchainFacts,
} from './doctor-report.js';
import { proxyEntries } from './doctor-rules-modules.js';
import { compareGoVersions } from './doctor-rules-toolchain.js';
import { measureThorough } from './doctor-thorough.js';
import { askEnv, probeResolution } from './goroot-probe.js';
import { timedRun, type RunContext } from './goroot-runner.js';

/** How deep doctor looks: quick reads only; normal adds the network, go list and cache sizes. */
export type DoctorMode = 'quick' | 'normal' | 'thorough';

export interface GatherOptions {
  /** --go, else the go on PATH. */
  go?: string;
  userEnv: NodeJS.ProcessEnv;
  mode: DoctorMode;
  /** --project DIR (a directory with go.mod). */
  project?: string;
  timeoutMs: number;
  signal: AbortSignal;
  say: (line: string) => void;
}

/** The facts and the notes on what could not be checked. */
export interface Gathered {
  facts: DoctorFacts;
  notes: string[];
}

/** Where `key` is set: the OS environment, the go env file, or neither. */
function sourceFor(key: string, userEnv: NodeJS.ProcessEnv, file: GoEnvFile | null): SettingSource {
  if (userEnv[key] !== undefined && userEnv[key] !== '') return 'environment';
  if (file?.settings[key] !== undefined) return 'go env file';
  return 'default';
}

function firstLine(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').split('\n')[0]?.trim() ?? null;
  } catch {
    return null;
  }
}

/** Every go on PATH with its real path and its GOROOT's VERSION (read, never run). */
export function gosOnPath(pathEnv: string | undefined): GoOnPath[] {
  return findAllOnPath('go', pathEnv).map((p) => {
    let realPath = p;
    try {
      realPath = fs.realpathSync(p);
    } catch {
      // Listed as found.
    }
    const version = firstLine(path.join(path.dirname(path.dirname(realPath)), 'VERSION'));
    return { path: p, realPath, version: version?.startsWith('go') ? version : null };
  });
}

/** The nearest existing ancestor of `p` (statfs needs one). */
function existingAncestor(p: string): string {
  let dir = path.resolve(p);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

async function cacheFacts(
  name: 'GOCACHE' | 'GOMODCACHE',
  dir: string,
  source: SettingSource,
  measureSize: boolean,
): Promise<CacheFacts> {
  if (dir === 'off') {
    return { path: dir, source, storage: null, disk: null, sizeBytes: null, sizeComplete: true };
  }
  const [storage] = await probeStorage({ [name]: dir });
  const size = measureSize && fs.existsSync(dir) ? await treeBytes(dir) : null;
  return {
    path: dir,
    source,
    storage: storage ?? null,
    disk: await diskSpace(existingAncestor(dir)),
    sizeBytes: size?.bytes ?? null,
    sizeComplete: size?.complete ?? true,
  };
}

async function cpuFacts(goVersion: string, userEnv: NodeJS.ProcessEnv): Promise<CpuFacts> {
  const [topology, host] = await Promise.all([
    probeTopology({ goVersion, lscpuJson: null }),
    probeHost({ env: userEnv }),
  ]);
  const [load1, load5] = os.loadavg();
  return {
    logicalCpus: topology.logicalCpus,
    physicalCores: topology.physicalCores,
    affinityCpus: topology.affinityCpus,
    quotaCpus: topology.cgroup.effectiveQuotaCpus,
    goDefaultProcs: topology.goDefaultRule,
    gomaxprocsEnv: userEnv.GOMAXPROCS ?? null,
    governor: host.cpu.governor,
    loadAvg1: load1 ?? 0,
    loadAvg5: load5 ?? 0,
  };
}

/** The `toolchain` line of go.mod, else a `go` line with a patch release; null when neither. */
export function goModToolchain(goMod: string): string | null {
  const t = /^toolchain\s+(go\S+)\s*$/m.exec(goMod);
  if (t) return t[1] as string;
  const g = /^go\s+(\d+\.\d+\.\d+)\s*$/m.exec(goMod);
  return g ? `go${g[1]}` : null;
}

/**
 * The toolchain GOTOOLCHAIN makes the go command run instead of the local one (cmd/go's
 * toolchain selection, without the go.work and GOTOOLCHAIN=path cases), or null.
 */
export function switchTarget(
  gotoolchain: string,
  local: string,
  goModLine: string | null,
): string | null {
  const [name, suffix] = gotoolchain.split('+');
  if (name === undefined || name === 'local' || name === '') return null;
  let chosen = name === 'auto' ? local : name;
  const auto = name === 'auto' || suffix === 'auto';
  if (auto && goModLine !== null && (compareGoVersions(goModLine, chosen) ?? 0) > 0)
    chosen = goModLine;
  return chosen === local ? null : chosen;
}

async function projectFacts(
  ctx: RunContext,
  goPath: string,
  dir: string,
  env: Record<string, string>,
): Promise<ProjectFacts> {
  const abs = path.resolve(dir);
  let goMod: string;
  try {
    goMod = fs.readFileSync(path.join(abs, 'go.mod'), 'utf8');
  } catch {
    throw new UsageError(`--project ${dir}: no go.mod there`);
  }
  const vendored = fs.existsSync(path.join(abs, 'vendor', 'modules.txt'));
  let vendorConsistent: boolean | null = null;
  let vendorDetail: string | null = null;
  if (vendored) {
    // Loading the main module in vendor mode runs the go command's vendor consistency check.
    const r = await timedRun(
      ctx,
      [goPath, 'list', '-mod=vendor', '-m'],
      { ...env, GOFLAGS: '' },
      abs,
      true,
    );
    vendorConsistent = r.failure === null;
    vendorDetail = r.failure;
  }
  return {
    dir: abs,
    vendored,
    vendorConsistent,
    vendorDetail,
    toolchainLine: goModToolchain(goMod),
  };
}

/** Gathers the facts; throws ToolchainError/EnvironmentError (exit 3) when go cannot be used. */
export async function gatherFacts(opts: GatherOptions): Promise<Gathered> {
  const { userEnv, mode } = opts;
  const goPath = resolveGo(opts.go, userEnv);
  const notes: string[] = [];
  const dirs = PrivateDirs.create();
  try {
    const runner = realCommandRunner({
      helperPath: null,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      baseEnv: userEnv,
    });
    const ctx: RunContext = { runner, say: opts.say };
    const paths = dirs.goPaths();
    const env = askEnv(userEnv, paths);
    const cwd = opts.project ? path.resolve(opts.project) : dirs.named('work');
    if (opts.project && !fs.existsSync(path.join(cwd, 'go.mod'))) {
      throw new UsageError(`--project ${opts.project}: no go.mod there`);
    }

    opts.say(`asking ${goPath} for its settings`);
    const asked = await timedRun(ctx, [goPath, 'env', '-json'], env, cwd, true);
    if (asked.failure !== null) {
      throw new EnvironmentError(`the Go toolchain at ${goPath} does not work: ${asked.failure}`);
    }
    let goEnv: Record<string, string>;
    try {
      goEnv = parseGoEnvJson(asked.stdout);
    } catch (err) {
      if (!(err instanceof GoEnvJsonError)) throw err;
      throw new EnvironmentError(`the Go toolchain at ${goPath} does not work: ${err.message}`);
    }
    const file = readGoEnvFile(userEnv);
    const resolution = await probeResolution(ctx, goPath, userEnv, paths, cwd);
    const local = goEnv.GOVERSION ?? resolution.goBinary.version;

    // The values askEnv replaced, as the user's own go commands see them.
    const gorootDefaults = parseGoEnvFile(
      (() => {
        try {
          return fs.readFileSync(path.join(path.resolve(cwd, resolution.goroot), 'go.env'), 'utf8');
        } catch {
          return '';
        }
      })(),
    );
    goEnv.GOCACHE = userGoCacheDir(userEnv, file) ?? goEnv.GOCACHE ?? '';
    goEnv.GOMODCACHE = userGoModCacheDir(userEnv, file) ?? goEnv.GOMODCACHE ?? '';
    goEnv.GOTOOLCHAIN =
      userEnv.GOTOOLCHAIN || file?.settings.GOTOOLCHAIN || gorootDefaults.GOTOOLCHAIN || 'auto';
    const sources: Record<string, SettingSource> = {};
    for (const key of new Set([...Object.keys(goEnv), 'GOROOT', 'GOMAXPROCS'])) {
      const s = sourceFor(key, userEnv, file);
      if (s !== 'default') sources[key] = s;
    }

    const measure = mode !== 'quick';
    opts.say(
      measure
        ? 'looking at GOCACHE and GOMODCACHE (their size too)'
        : 'looking at GOCACHE and GOMODCACHE',
    );
    const gocache = await cacheFacts(
      'GOCACHE',
      goEnv.GOCACHE,
      sources.GOCACHE ?? 'default',
      measure,
    );
    const gomodcache = await cacheFacts(
      'GOMODCACHE',
      goEnv.GOMODCACHE,
      sources.GOMODCACHE ?? 'default',
      measure,
    );
    if (!measure) notes.push('--quick: cache sizes, GOPROXY and the newest Go release not checked');

    const proxies = [];
    let newest: string | null = null;
    if (measure) {
      for (const url of proxyEntries(goEnv.GOPROXY).filter((e) => /^https?:\/\//.test(e))) {
        opts.say(`asking the proxy ${url}`);
        const a = await askProxy(url);
        proxies.push({ url, reachable: a.reachable, detail: a.detail });
        if (newest === null && a.list !== null) {
          newest = newestToolchain(a.list, goEnv.GOOS ?? '', goEnv.GOARCH ?? '');
        }
      }
      if (proxies.length === 0)
        notes.push('GOPROXY names no proxy URL: the newest Go release was not looked up');
    }

    const project = opts.project ? await projectFacts(ctx, goPath, opts.project, env) : null;
    const switchTo = switchTarget(goEnv.GOTOOLCHAIN, local, project?.toolchainLine ?? null);
    const toolchain: ToolchainFacts = {
      local,
      gotoolchain: goEnv.GOTOOLCHAIN,
      gotoolchainSource: sources.GOTOOLCHAIN ?? 'default',
      switchTo,
      switchCached:
        switchTo === null
          ? null
          : fs.existsSync(
              path.join(
                goEnv.GOMODCACHE,
                'golang.org',
                `toolchain@v0.0.1-${switchTo}.${goEnv.GOOS ?? ''}-${goEnv.GOARCH ?? ''}`,
              ),
            ),
      newest,
    };

    const cpu = await cpuFacts(local, userEnv);
    const thorough =
      mode === 'thorough'
        ? await measureThorough(
            ctx,
            {
              goPath,
              trace: resolution.trace,
              userEnv,
              dirs,
              caches: { gocache: goEnv.GOCACHE, gomodcache: goEnv.GOMODCACHE },
              cpu,
              goflags: goEnv.GOFLAGS,
            },
            notes,
          )
        : null;
    const facts: DoctorFacts = {
      go: { path: goPath, version: local },
      goEnv,
      sources,
      goroot: {
        value: resolution.goroot,
        source: resolution.source,
        absolute: resolution.absolute,
        hops: resolution.trace.hops,
        resolved: resolution.trace.resolved,
        storage: (await probeStorage({ GOROOT: resolution.goroot }, { cwd }))[0] ?? null,
        checks: resolution.checks,
      },
      goOnPath: gosOnPath(userEnv.PATH),
      gocache,
      gomodcache,
      cpu,
      proxies,
      toolchain,
      project,
      regressions: null,
      thorough,
    };
    return { facts, notes };
  } finally {
    dirs.dispose();
  }
}

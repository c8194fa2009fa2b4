// Writes a generated workspace to disk: the dependency modules published into a file-system
// module proxy, the main module with go.mod and go.sum written by the real go command (one
// `go mod tidy` against that proxy, offline, with private caches), and on request the same code
// as a GOPATH tree (GO111MODULE=off) and a copy of the main module with `vendor/`. One module
// at a time is generated and written, so memory stays flat however many modules there are.
import fs from 'node:fs';
import path from 'node:path';
import type { CommandRunner } from '../measure/command-runner.js';
import { removeTree } from '../measure/private-dirs.js';
import { copyTree } from '../measure/tools.js';
import { dependencyModuleFiles, mainModuleFiles } from './module-files.js';
import { planWorkspace, type GenerateOptions, type WorkspacePlan } from './plan.js';
import { proxyFiles } from './proxy-layout.js';

/** Where each part of a workspace goes below the output directory. */
export const LAYOUT = {
  main: 'main',
  proxy: 'proxy',
  gopath: 'gopath',
  vendored: 'main-vendor',
  manifest: 'workspace.json',
} as const;

/** What running go for the generator needs. */
export interface GeneratorGo {
  runner: CommandRunner;
  goPath: string;
  /** The controlled environment with private GOCACHE, GOMODCACHE and TMPDIR. */
  env: Record<string, string>;
  /** A private directory for GOPATH (never the user's). */
  gopath: string;
}

/** Optional layouts of the same code. */
export interface ExtraLayouts {
  /** GOPATH/src/<module path>/… for GO111MODULE=off, without go.mod files. */
  gopath: boolean;
  /** A copy of the main module with `vendor/` from `go mod vendor`. */
  vendor: boolean;
}

/** What was generated: the manifest written as workspace.json, and what `generate` prints. */
export interface GeneratedWorkspace {
  options: GenerateOptions;
  mainPath: string;
  /** Absolute directories; gopath and vendored are null when not asked for. */
  dirs: { main: string; proxy: string; gopath: string | null; vendored: string | null };
  /** The GOPROXY value that serves the dependencies. */
  goproxy: string;
  counts: {
    modules: number;
    /** Packages and Go files of the dependency modules and the main module together. */
    packages: number;
    goFiles: number;
    /** Requirement lines in the main module's go.mod and lines in its go.sum. */
    requirements: number;
    goSumLines: number;
  };
  bytes: { source: number; zips: number };
  /** Wall time of each step in ns: writing (generation and proxy), go mod tidy, vendor. */
  wallNs: { write: number; tidy: number; vendor: number | null };
}

/** The variables that make the go command use only the local proxy: no network, no sumdb. */
export function localProxyEnv(proxyDir: string): Record<string, string> {
  return {
    GOPROXY: `file://${proxyDir}`,
    GOSUMDB: 'off',
    GONOSUMDB: '',
    GONOPROXY: '',
    GOPRIVATE: '',
    GOINSECURE: '',
    GO111MODULE: 'on',
    GOWORK: 'off',
  };
}

/** Writes files (path → content) below root, creating each directory once. */
class TreeWriter {
  private readonly made = new Set<string>();
  bytes = 0;
  files = 0;

  write(root: string, files: ReadonlyMap<string, string | Buffer>, skip?: string): void {
    for (const [rel, content] of files) {
      if (rel === skip) continue;
      const file = path.join(root, rel);
      const dir = path.dirname(file);
      if (!this.made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      fs.writeFileSync(file, content);
      this.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
      this.files += 1;
    }
  }
}

const goFileCount = (files: ReadonlyMap<string, string>): number =>
  [...files.keys()].filter((f) => f.endsWith('.go')).length;

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Generates the workspace of `opts` (checked with optionsProblem) into `outDir`, which must be
 * empty or absent; `progress` gets a line per step and per tenth of the modules. Throws
 * InterruptedError after Ctrl-C and EnvironmentError when a go command fails; the caller
 * removes what was written.
 */
export async function generateWorkspace(
  outDir: string,
  opts: GenerateOptions,
  layouts: ExtraLayouts,
  go: GeneratorGo,
  progress: (text: string) => void,
): Promise<GeneratedWorkspace> {
  const plan = planWorkspace(opts);
  const root = path.resolve(outDir);
  const dirs = {
    main: path.join(root, LAYOUT.main),
    proxy: path.join(root, LAYOUT.proxy),
    gopath: layouts.gopath ? path.join(root, LAYOUT.gopath) : null,
    vendored: layouts.vendor ? path.join(root, LAYOUT.vendored) : null,
  };
  const started = process.hrtime.bigint();
  const proxy = new TreeWriter();
  const source = new TreeWriter();
  let zipBytes = 0;
  let goFiles = 0;
  const step = Math.max(50, Math.ceil(plan.modules.length / 10));
  for (const mod of plan.modules) {
    const files = dependencyModuleFiles(plan, mod);
    goFiles += goFileCount(files);
    const published = proxyFiles(mod.path, mod.version, files);
    for (const [name, content] of published) if (name.endsWith('.zip')) zipBytes += content.length;
    proxy.write(dirs.proxy, published);
    if (dirs.gopath) source.write(path.join(dirs.gopath, 'src', mod.path), files, 'go.mod');
    else for (const text of files.values()) source.bytes += Buffer.byteLength(text);
    if ((mod.index + 1) % step === 0) {
      progress(`published ${mod.index + 1}/${plan.modules.length} modules`);
      await yieldToEvents();
      go.runner.throwIfInterrupted();
    }
  }
  const main = mainModuleFiles(plan);
  goFiles += goFileCount(main);
  source.write(dirs.main, main);
  if (dirs.gopath) source.write(path.join(dirs.gopath, 'src', plan.mainPath), main, 'go.mod');
  const writeNs = Number(process.hrtime.bigint() - started);

  const env = {
    ...go.env,
    ...localProxyEnv(dirs.proxy),
    GOPATH: go.gopath,
    // Writable module files, so the private module cache is removed without chmod.
    GOFLAGS: '-mod=mod -modcacherw',
  };
  progress('go mod tidy (go.mod and go.sum from the local proxy)');
  const tidy = await go.runner.runOrFail({
    argv: [go.goPath, 'mod', 'tidy'],
    env,
    cwd: dirs.main,
    kind: 'tool',
  });
  let vendorNs: number | null = null;
  if (dirs.vendored) {
    progress('go mod vendor (in a copy of the main module)');
    await copyTree(go.runner, dirs.main, dirs.vendored);
    const vendor = await go.runner.runOrFail({
      argv: [go.goPath, 'mod', 'vendor'],
      env,
      cwd: dirs.vendored,
      kind: 'tool',
    });
    vendorNs = vendor.wallNs;
  }
  const generated: GeneratedWorkspace = {
    options: opts,
    mainPath: plan.mainPath,
    dirs,
    goproxy: `file://${dirs.proxy}`,
    counts: {
      modules: plan.modules.length,
      packages: packageCount(plan),
      goFiles,
      requirements: countLines(path.join(dirs.main, 'go.mod'), /^\s*(require\s+)?\S+ v\S+/),
      goSumLines: countLines(path.join(dirs.main, 'go.sum'), /\S/),
    },
    bytes: { source: source.bytes, zips: zipBytes },
    wallNs: { write: writeNs, tidy: tidy.wallNs, vendor: vendorNs },
  };
  fs.writeFileSync(path.join(root, LAYOUT.manifest), `${JSON.stringify(generated, null, 2)}\n`);
  return generated;
}

function packageCount(plan: WorkspacePlan): number {
  return (plan.modules.length + 1) * plan.options.packages + 1;
}

function countLines(file: string, pattern: RegExp): number {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => pattern.test(l) && !l.startsWith('module ') && !l.startsWith('go ')).length;
  } catch {
    return 0;
  }
}

/** Removes what generateWorkspace writes below outDir (after a failure, or for --force). */
export function removeGenerated(outDir: string): void {
  for (const name of Object.values(LAYOUT)) removeTree(path.join(outDir, name));
}

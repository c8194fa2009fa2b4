// The shape of a generated workspace, before any Go source: the dependency modules in layers
// (a DAG: a module depends only on modules of lower layers, at least one of the layer just
// below, so the graph is as deep as asked), their paths, versions and packages, and the main
// module that depends on every module nothing else depends on. Seeded: the same options give
// the same plan. Pure.
import { mulberry32 } from '../stats/random.js';

/** What to generate; every count is a whole number >= 1. */
export interface GenerateOptions {
  /** Dependency modules (M). */
  modules: number;
  /** Layers of dependency modules: the longest chain main → … → leaf has this many (<= modules). */
  depth: number;
  /** Direct dependencies of a module above the lowest layer (fewer where fewer exist below). */
  fanout: number;
  /** Packages per module, the main module's included (P). */
  packages: number;
  /** Go files per package (F). */
  files: number;
  /** Seed of the generator: the same seed and sizes give byte-identical workspaces. */
  seed: number;
}

/** One package of a module: its directory below the module root and its name. */
export interface PackagePlan {
  dir: string;
  name: string;
}

/** One dependency module. */
export interface ModulePlan {
  index: number;
  /** The module path; it has upper-case letters, as many real ones do (case-encoded in the proxy). */
  path: string;
  version: string;
  /** 0 is the lowest layer (modules without dependencies). */
  layer: number;
  /** Indices of the modules it imports packages of, ascending. */
  deps: number[];
  packages: PackagePlan[];
}

/** The whole workspace. */
export interface WorkspacePlan {
  options: GenerateOptions;
  mainPath: string;
  mainPackages: PackagePlan[];
  /** The main module's command: imports every package of the main module. */
  mainCommandDir: string;
  /** Indices of the modules the main module imports directly, ascending. */
  mainDeps: number[];
  modules: ModulePlan[];
}

/** The go directive of every generated go.mod. */
export const GO_VERSION = '1.21';

const ORGS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell'];

/** Package names: common nouns of Go code bases. */
const WORDS = [
  'cache', 'codec', 'store', 'queue', 'index', 'ledger', 'router', 'config', 'audit', 'metric',
  'token', 'session', 'schema', 'billing', 'catalog', 'search', 'notify', 'report', 'policy',
  'tenant', 'stream', 'batch', 'vault', 'ingest', 'pricing', 'grid', 'shard', 'quota',
  'health', 'geo', 'media', 'upload', 'feed', 'ranking', 'payment', 'invoice', 'profile',
  'signal', 'ticket', 'wallet',
]; // prettier-ignore

/** Why the options cannot be generated, or null when they can. */
export function optionsProblem(opts: GenerateOptions): string | null {
  for (const key of ['modules', 'depth', 'fanout', 'packages', 'files'] as const) {
    const v = opts[key];
    if (!Number.isInteger(v) || v < 1) return `--${key} must be a whole number >= 1, got ${v}`;
  }
  if (!Number.isInteger(opts.seed) || opts.seed < 0) {
    return `--seed must be a whole number >= 0, got ${opts.seed}`;
  }
  if (opts.depth > opts.modules) {
    return `--depth ${opts.depth} needs at least ${opts.depth} modules (--modules ${opts.modules})`;
  }
  if (opts.modules > 100_000) return `--modules ${opts.modules} is more than 100000`;
  if (opts.packages * opts.files > 10_000) return '--packages × --files is more than 10000';
  return null;
}

/** `count` distinct package names drawn with `random`; a number is added past the word list. */
function packageNames(count: number, random: () => number): PackagePlan[] {
  const words = [...WORDS];
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [words[i], words[j]] = [words[j] as string, words[i] as string];
  }
  return Array.from({ length: count }, (_, j) => {
    const word = words[j % words.length] as string;
    const name = j < words.length ? word : `${word}${Math.floor(j / words.length)}`;
    return { dir: name, name };
  });
}

/** The layer of module i when m modules fill d layers as evenly as possible. */
function layerOf(i: number, m: number, d: number): number {
  return Math.floor((i * d) / m);
}

/** Plans the workspace; the options must pass optionsProblem. */
export function planWorkspace(opts: GenerateOptions): WorkspacePlan {
  const random = mulberry32(opts.seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const { modules: m, depth: d } = opts;
  // Modules of layer l are the indices [firstOf[l], firstOf[l + 1]).
  const firstOf = Array.from({ length: d + 1 }, (_, l) => Math.ceil((l * m) / d));
  const modules: ModulePlan[] = [];
  for (let i = 0; i < m; i++) {
    const layer = layerOf(i, m, d);
    const deps = new Set<number>();
    if (layer > 0) {
      const below = firstOf[layer - 1] as number;
      const here = firstOf[layer] as number;
      deps.add(below + pick(here - below));
      const want = Math.min(opts.fanout, here);
      while (deps.size < want) deps.add(pick(here));
    }
    const word = WORDS[pick(WORDS.length)] as string;
    const org = ORGS[pick(ORGS.length)] as string;
    modules.push({
      index: i,
      path: `example.com/${org}/${word}${i}`,
      version: `v1.${pick(10)}.${pick(20)}`,
      layer,
      deps: [...deps].sort((a, b) => a - b),
      packages: packageNames(opts.packages, random),
    });
  }
  const used = new Set(modules.flatMap((mod) => mod.deps));
  return {
    options: opts,
    mainPath: 'example.com/Synth/app',
    mainPackages: packageNames(opts.packages, random).map((p) => ({
      dir: `internal/${p.dir}`,
      name: p.name,
    })),
    mainCommandDir: 'cmd/app',
    mainDeps: modules.filter((mod) => !used.has(mod.index)).map((mod) => mod.index),
    modules,
  };
}

/** Every module that `roots` need, directly or not, ascending (for go.mod's indirect lines). */
export function transitiveDeps(plan: WorkspacePlan, roots: readonly number[]): number[] {
  const seen = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (seen.has(i)) continue;
    seen.add(i);
    stack.push(...(plan.modules[i]?.deps ?? []));
  }
  return [...seen].sort((a, b) => a - b);
}

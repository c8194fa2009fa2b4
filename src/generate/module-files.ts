// The files of every generated module, by path below the module root: go.mod and the Go
// source of each package. A dependency module's go.mod lists every module its packages need,
// the indirect ones marked, as `go mod tidy` would write it (so the pruned module graph of
// Go >= 1.17 loads without looking anything up). Pure.
import { deriveSeed, mulberry32 } from '../stats/random.js';
import { mainFile, packageFiles, type ImportedPackage } from './go-source.js';
import { GO_VERSION, transitiveDeps, type ModulePlan, type WorkspacePlan } from './plan.js';

/** A requirement line of a go.mod. */
export interface Requirement {
  path: string;
  version: string;
  indirect: boolean;
}

/** A go.mod with its requirements in one block. */
export function goMod(modulePath: string, requires: readonly Requirement[]): string {
  const lines = requires.map(
    (r) => `\t${r.path} ${r.version}${r.indirect ? ' // indirect' : ''}\n`,
  );
  const block = lines.length > 0 ? `\nrequire (\n${lines.join('')})\n` : '';
  return `module ${modulePath}\n\ngo ${GO_VERSION}\n${block}`;
}

/** The requirements of a module importing `direct`: every module it needs, in index order. */
function requirements(plan: WorkspacePlan, direct: readonly number[]): Requirement[] {
  const directSet = new Set(direct);
  return transitiveDeps(plan, direct).map((i) => {
    const mod = plan.modules[i] as ModulePlan;
    return { path: mod.path, version: mod.version, indirect: !directSet.has(i) };
  });
}

/** Package j of module d as an import, under a name unique in any importing file. */
function depImport(plan: WorkspacePlan, d: number, j: number): ImportedPackage {
  const mod = plan.modules[d] as ModulePlan;
  const pkg = mod.packages[j % mod.packages.length] ?? mod.packages[0];
  return { path: `${mod.path}/${pkg?.dir ?? ''}`, alias: `m${d}${pkg?.name ?? ''}` };
}

function origin(plan: WorkspacePlan, what: string): string {
  return `gobaseline generate --seed ${plan.options.seed}, ${what}`;
}

/** Adds the files of a module's packages to `files`; package j > 0 also imports package 0. */
function addPackages(
  files: Map<string, string>,
  plan: WorkspacePlan,
  modulePath: string,
  packages: ModulePlan['packages'],
  deps: readonly number[],
  seedParts: number[],
): void {
  packages.forEach((pkg, j) => {
    const core = packages[0];
    const imports = deps.map((d) => depImport(plan, d, j));
    if (j > 0 && core) imports.unshift({ path: `${modulePath}/${core.dir}`, alias: core.name });
    const src = packageFiles({
      name: pkg.name,
      files: plan.options.files,
      imports,
      origin: origin(plan, `${modulePath} package ${j}`),
      random: mulberry32(deriveSeed(plan.options.seed, ...seedParts, j)),
    });
    for (const [name, text] of src) files.set(`${pkg.dir}/${name}`, text);
  });
}

/** The files of dependency module `mod`: go.mod and its packages. */
export function dependencyModuleFiles(plan: WorkspacePlan, mod: ModulePlan): Map<string, string> {
  const files = new Map<string, string>();
  files.set('go.mod', goMod(mod.path, requirements(plan, mod.deps)));
  addPackages(files, plan, mod.path, mod.packages, mod.deps, [1, mod.index]);
  return files;
}

/**
 * The files of the main module: go.mod with every requirement (go.sum comes from the go
 * command), its packages and the command importing them all.
 */
export function mainModuleFiles(plan: WorkspacePlan): Map<string, string> {
  const files = new Map<string, string>();
  files.set('go.mod', goMod(plan.mainPath, requirements(plan, plan.mainDeps)));
  addPackages(files, plan, plan.mainPath, plan.mainPackages, plan.mainDeps, [2]);
  const own = plan.mainPackages.map((p) => ({ path: `${plan.mainPath}/${p.dir}`, alias: p.name }));
  files.set(`${plan.mainCommandDir}/main.go`, mainFile(origin(plan, plan.mainPath), own));
  return files;
}

// `gobaseline recipe dockerfile`: prints a multi-stage Dockerfile with BuildKit cache mounts for
// GOMODCACHE and GOCACHE and the link flags the newest link-flags sweep measured best (or the
// run named with --from); without such a sweep, default flags, and it says so.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { analyzeSweep } from '../analyze/sweep-analysis.js';
import { isLinkFlagsSweep, linkRecipe } from '../analyze/link-recipe.js';
import { buildFlags } from '../measure/configurations.js';
import { resolveToolchains } from '../measure/toolchains.js';
import type { RunRecord } from '../record/run-record.js';
import { linkRecipeProvenance, noRecipeProvenance } from '../report/link-recipe.js';
import { renderDockerfile } from '../scenarios/dockerfile.js';
import { latestRunWhere, readRunFile, runsDir } from '../store/run-files.js';

export interface RecipeOptions {
  from?: string;
  package: string;
}

/** `go version go1.26.8 linux/amd64` → `1.26.8`; null when the line has no version. */
export function goImageVersion(versionLine: string): string | null {
  return /\bgo(\d+\.\d+(?:\.\d+)?)\b/.exec(versionLine)?.[1] ?? null;
}

/** The local go's version, or null when there is no working go (the image is then golang:1). */
async function localGoVersion(): Promise<string | null> {
  try {
    const [local] = await resolveToolchains([], [], process.env);
    return local ? goImageVersion(local.version) : null;
  } catch {
    return null;
  }
}

/** The Dockerfile of `recipe dockerfile` and the line saying where its flags come from. */
export interface DockerfileText {
  text: string;
  /** For stderr: the run the flags come from, or that there was none. */
  note: string;
}

/**
 * The recipe's Dockerfile: the flags of the link-flags sweep `from` (a run file), else of the
 * newest one saved, else none. `cacheMounts: false` gives the same build without cache mounts
 * (what `sweep --preset docker-cache` compares it with).
 */
export async function recipeDockerfile(
  opts: RecipeOptions & { cacheMounts?: boolean },
): Promise<DockerfileText> {
  let run: RunRecord | null;
  let source: string;
  if (opts.from) {
    run = await readRunFile(opts.from);
    source = opts.from;
    if (!isLinkFlagsSweep(run)) {
      throw new UsageError(
        `${opts.from} is not a link-flags sweep (make one with \`gobaseline sweep --preset link-flags\`)`,
      );
    }
  } else {
    const found = await latestRunWhere(isLinkFlagsSweep);
    run = found?.run ?? null;
    source = found?.file ?? runsDir();
  }
  const recipe = run ? linkRecipe(run, analyzeSweep(run)) : null;
  const text = renderDockerfile({
    goVersion: recipe ? goImageVersion(recipe.goVersion) : await localGoVersion(),
    buildFlags: recipe ? buildFlags(recipe.build) : [],
    mainPackage: opts.package,
    provenance: recipe
      ? linkRecipeProvenance(recipe, source)
      : noRecipeProvenance(`none saved in ${source}`),
    ...(opts.cacheMounts === false ? { cacheMounts: false } : {}),
  });
  const note = recipe
    ? `flags from run ${recipe.runId} (configuration ${recipe.chosen})`
    : `no link-flags sweep saved in ${source}: default flags (run \`gobaseline sweep --preset link-flags\` to measure them)`;
  return { text, note };
}

export async function recipeDockerfileCommand(opts: RecipeOptions): Promise<number> {
  const { text, note } = await recipeDockerfile(opts);
  process.stdout.write(text);
  process.stderr.write(`gobaseline: ${note}\n`);
  return 0;
}

/** Registers `recipe dockerfile`. */
export function register(program: Command, setExit: (code: number) => void): void {
  const recipe = program
    .command('recipe')
    .description('print build recipes with the settings gobaseline measured best');
  recipe
    .command('dockerfile')
    .description(
      'a multi-stage Dockerfile: BuildKit cache mounts for GOMODCACHE and GOCACHE, the link flags of the newest link-flags sweep',
    )
    .option('--from <runfile>', 'take the flags from this saved link-flags sweep run')
    .option('--package <pkg>', 'the main package to build', '.')
    .action(async (opts: RecipeOptions) => setExit(await recipeDockerfileCommand(opts)));
}

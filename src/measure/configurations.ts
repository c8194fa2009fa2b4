// The configurations a run measures, interleaved run by run: each a toolchain plus environment
// and build settings. `--go`/`--toolchain` alone give one configuration per toolchain (named by
// its label); `--config` gives one per spec, or with several toolchains one per spec and
// toolchain (`NAME@label`). Also how a configuration changes a scenario's command: its build
// settings inserted after the go subcommand, its cache mode.
import { UsageError } from '../errors.js';
import type { BuildSettings, CacheMode, Configuration, Toolchain } from '../record/run-record.js';
import type { Scenario } from '../scenarios/types.js';
import type { ConfigSpec } from './config-spec.js';
import { resolveToolchains } from './toolchains.js';

/** The go command's flags for `build`, in a fixed order: `-p N -ldflags=... -trimpath`. */
export function buildFlags(build: BuildSettings): string[] {
  const flags: string[] = [];
  if (build.p !== undefined) flags.push('-p', String(build.p));
  if (build.ldflags !== undefined) flags.push(`-ldflags=${build.ldflags}`);
  if (build.trimpath) flags.push('-trimpath');
  return flags;
}

/** `argv` (`{go} SUBCOMMAND ...`) with the build flags right after the subcommand. */
export function withBuildFlags(argv: readonly string[], build: BuildSettings): string[] {
  const flags = buildFlags(build);
  if (flags.length === 0) return [...argv];
  return [...argv.slice(0, 2), ...flags, ...argv.slice(2)];
}

/** The cache mode a configuration runs a scenario with: `cache=` overrides the scenario's. */
export function effectiveCache(scenario: Pick<Scenario, 'cache'>, build: BuildSettings): CacheMode {
  if (build.cache === 'cold') return 'fresh';
  if (build.cache === 'warm') return 'warm';
  return scenario.cache;
}

/**
 * Refuses a configuration setting a scenario does not understand (a UsageError naming both):
 * build flags only for the go build commands that declare them, `cache=` only for scenarios
 * that build (cache fresh or warm); `load=` (background load) goes with any scenario.
 */
export function checkSettings(
  scenario: Scenario,
  config: Pick<Configuration, 'name' | 'build'>,
): void {
  const understood = new Set<string>(scenario.buildSettings ?? []);
  if (scenario.cache !== 'none') understood.add('cache');
  understood.add('load');
  for (const key of Object.keys(config.build)) {
    if ((config.build as Record<string, unknown>)[key] === undefined) continue;
    if (!understood.has(key)) {
      throw new UsageError(
        `configuration ${config.name}: scenario ${scenario.id} does not understand the setting ${key}`,
      );
    }
  }
}

/** A pure toolchain configuration: what a run of --go/--toolchain alone measures. */
export function toolchainConfiguration(t: Pick<Toolchain, 'label'>): Configuration {
  return { name: t.label, toolchain: t.label, env: {}, build: {} };
}

/**
 * The configurations of a run: `specs` against the run's `toolchains` (see the module comment);
 * `pinned` maps a spec's `go=` value to its toolchain.
 */
export function combineConfigurations(
  specs: readonly ConfigSpec[],
  toolchains: readonly Toolchain[],
  pinned: ReadonlyMap<string, Toolchain>,
): Configuration[] {
  if (specs.length === 0) return toolchains.map(toolchainConfiguration);
  const several = toolchains.length > 1;
  return specs.flatMap((spec): Configuration[] => {
    const own = { env: spec.env, build: spec.build };
    const go = spec.go === undefined ? undefined : pinned.get(spec.go);
    if (go) return [{ name: spec.name, toolchain: go.label, ...own }];
    return toolchains.map((t) => ({
      name: several ? `${spec.name}@${t.label}` : spec.name,
      toolchain: t.label,
      ...own,
    }));
  });
}

/** Run toolchains and configurations, resolved from --go, --toolchain and --config. */
export interface ResolvedConfigurations {
  /** Every toolchain some configuration runs; the first is the fingerprint's. */
  toolchains: Toolchain[];
  configurations: Configuration[];
}

const VERSION_SPEC = /^(go\d+\.\d+(\.\d+)?((rc|beta)\d+)?|local)$/;

/**
 * Resolves the toolchains of --go/--toolchain and of each `go=` setting (a version is fetched
 * as --toolchain does, anything else is a path), then combines them with the specs. A `go=`
 * naming a toolchain already in the run reuses it.
 */
export async function resolveConfigurations(
  goPaths: string[],
  toolchainSpecs: string[],
  specs: readonly ConfigSpec[],
  env: NodeJS.ProcessEnv,
): Promise<ResolvedConfigurations> {
  const toolchains = await resolveToolchains(goPaths, toolchainSpecs, env);
  const all = [...toolchains];
  const pinned = new Map<string, Toolchain>();
  for (const go of new Set(specs.flatMap((s) => (s.go === undefined ? [] : [s.go])))) {
    const isVersion = VERSION_SPEC.test(go);
    const [t] = await resolveToolchains(isVersion ? [] : [go], isVersion ? [go] : [], env);
    if (!t) continue;
    const same = all.find((o) => o.goPath === t.goPath);
    if (same) {
      pinned.set(go, same);
      continue;
    }
    // Two toolchains of the same version (a wrapper script around go) are told apart by path.
    if (all.some((o) => o.label === t.label)) t.label = t.goPath;
    all.push(t);
    pinned.set(go, t);
  }
  const configurations = combineConfigurations(specs, toolchains, pinned);
  const used = new Set(configurations.map((c) => c.toolchain));
  return { toolchains: all.filter((t) => used.has(t.label)), configurations };
}

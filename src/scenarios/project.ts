// The scenarios for the user's own module (`run --project DIR`), generated as data for the
// module once it is prepared: a private copy whose dependencies are already in a private module
// cache. Every command runs offline (GOPROXY=off, -mod=readonly), so no timing includes the
// network and the copy's go.mod and go.sum are never rewritten.
import { UsageError } from '../errors.js';
import type { BuildFlagSetting, MetricSpec, Scenario } from './types.js';

/** What scenario generation needs to know of a prepared module. */
export interface ProjectModule {
  /** The private copy the commands run in. */
  dir: string;
  /** The module path from go.mod, for descriptions. */
  modulePath: string;
  /** Import paths of its main packages: with any, builds write binaries and report their size. */
  mainPackages: string[];
}

/** The ids of the project scenarios, in the order `run --project` measures them. */
export const PROJECT_SCENARIO_IDS = [
  'project/build-cold',
  'project/build-warm',
  'project/vet',
  'project/test-compile',
] as const;

/** True for the id of a project scenario (one that needs --project). */
export function isProjectScenario(id: string): boolean {
  return id.startsWith('project/');
}

/**
 * Checks named project scenario ids (`run`/`sweep --scenario project/...`): a UsageError
 * without --project (`project` false) or for an id that is not one.
 */
export function checkProjectIds(ids: readonly string[], project: boolean): void {
  for (const id of ids) {
    if (!project) throw new UsageError(`scenario "${id}" measures your module: give --project DIR`);
    if (!(PROJECT_SCENARIO_IDS as readonly string[]).includes(id)) {
      throw new UsageError(
        `unknown scenario "${id}" (project scenarios: ${PROJECT_SCENARIO_IDS.join(', ')})`,
      );
    }
  }
}

const OFFLINE_ENV = { GOPROXY: 'off' };
const BUILD_SETTINGS: BuildFlagSetting[] = ['p', 'ldflags', 'trimpath'];

const LINK: MetricSpec = { key: 'linkNs', unit: 'ns', label: 'link (all binaries)' };
const BINARIES: MetricSpec = {
  key: 'binarySizeBytes',
  unit: 'bytes',
  label: 'binary size (all main packages)',
  assumption: 'exact',
};

/** Every project scenario for `module`, in PROJECT_SCENARIO_IDS order. */
export function projectScenarios(module: ProjectModule): Scenario[] {
  const name = module.modulePath;
  const hasMain = module.mainPackages.length > 0;
  // With main packages the binaries go to a fresh directory per run: their size is measured
  // and an existing binary can never make the go command skip the link.
  const build = [
    '{go}',
    'build',
    '-mod=readonly',
    ...(hasMain ? ['-o', '{out}/bin/', '-debug-actiongraph={actiongraph}'] : []),
    './...',
  ];
  const buildMetrics = hasMain
    ? { extractors: ['link-action' as const, 'binary-size' as const], metrics: [LINK, BINARIES] }
    : { extractors: [], metrics: [] };
  const common = { workspaceDir: module.dir, env: OFFLINE_ENV };
  return [
    {
      id: 'project/build-cold',
      description: `\`go build ./...\` of ${name} with a fresh, empty, private GOCACHE per run`,
      cache: 'fresh',
      ...common,
      argv: build,
      buildSettings: BUILD_SETTINGS,
      ...buildMetrics,
      defaultWarmup: 0,
      defaultRuns: 3,
    },
    {
      id: 'project/build-warm',
      description: `\`go build ./...\` of ${name} against a warmed private GOCACHE${hasMain ? ' (links every binary)' : ''}`,
      cache: 'warm',
      ...common,
      argv: build,
      buildSettings: BUILD_SETTINGS,
      ...buildMetrics,
      defaultWarmup: 1,
      defaultRuns: 10,
    },
    {
      id: 'project/vet',
      description: `\`go vet ./...\` of ${name} against a warmed private GOCACHE`,
      cache: 'warm',
      ...common,
      argv: ['{go}', 'vet', '-mod=readonly', './...'],
      // vet links nothing: -ldflags would change nothing it does.
      buildSettings: ['p', 'trimpath'],
      extractors: [],
      metrics: [],
      defaultWarmup: 1,
      defaultRuns: 10,
    },
    {
      id: 'project/test-compile',
      description: `\`go test -run '^$' ./...\` of ${name}: compiles and links the tests, runs none (warmed private GOCACHE, -count=1)`,
      cache: 'warm',
      ...common,
      argv: ['{go}', 'test', '-mod=readonly', '-count=1', '-run', '^$', './...'],
      buildSettings: BUILD_SETTINGS,
      extractors: [],
      metrics: [],
      defaultWarmup: 1,
      defaultRuns: 10,
    },
  ];
}

/**
 * A scenario of the caller's (the user's `sweep --cmd`, a preset's) run in the module's private
 * copy, offline like the project scenarios; its own id, command and metrics are kept.
 */
export function inProjectScenario(module: ProjectModule, scenario: Scenario): Scenario {
  return {
    ...scenario,
    // The copy, not a generated workspace (workspaceDir wins over workspace).
    workspaceDir: module.dir,
    env: { ...OFFLINE_ENV, ...scenario.env },
    description: `${scenario.description} (in a private copy of ${module.modulePath})`,
  };
}

/** The project scenarios before a module is known: for checks of settings and for listings. */
export function projectScenarioTemplates(mainPackages: string[] = []): Scenario[] {
  return projectScenarios({ dir: '', modulePath: 'your module', mainPackages });
}

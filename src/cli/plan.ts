// Turns --suite/--scenario/--project/--runs/--warmup into the list of scenarios to measure.
import { UsageError } from '../errors.js';
import type { PlannedScenario } from '../measure/baseline.js';
import { SCENARIOS, SUITES, findScenario, findSuite } from '../scenarios/catalogue.js';
import { PROJECT_SCENARIO_IDS, checkProjectIds, isProjectScenario } from '../scenarios/project.js';

export interface PlanOptions {
  suite?: string;
  scenario?: string[];
  /** True when --project names a module: project scenarios may be named, and are the default. */
  project?: boolean;
  runs?: number;
  warmup?: number;
}

/** What to measure: catalogue scenarios, and project scenario ids (measured after them). */
export interface RunPlan {
  /** The suite the plan came from (null when scenarios were named one by one, or --project alone). */
  suite: string | null;
  plan: PlannedScenario[];
  /** Project scenarios, generated once the module is prepared; empty without --project. */
  projectIds: string[];
}

/** Checks named project scenario ids; all of them when none is named. */
function projectIdsOf(named: string[], project: boolean): string[] {
  checkProjectIds(named, project);
  return named;
}

/** The plan, the suite it came from and the project scenarios. */
export function planRun(opts: PlanOptions): RunPlan {
  if (opts.suite && opts.scenario?.length) {
    throw new UsageError('give either --suite or --scenario, not both');
  }
  const project = opts.project === true;
  let ids: string[];
  let projectIds: string[];
  let suiteId: string | null = null;
  let suiteRuns: Record<string, number> = {};
  if (opts.scenario?.length) {
    ids = opts.scenario.filter((id) => !isProjectScenario(id));
    projectIds = projectIdsOf(opts.scenario.filter(isProjectScenario), project);
  } else {
    projectIds = project ? [...PROJECT_SCENARIO_IDS] : [];
    // --project alone measures the module only; with --suite, the suite too.
    suiteId = opts.suite ?? (project ? null : 'quick');
    const suite = suiteId === null ? undefined : findSuite(suiteId);
    if (suiteId !== null && !suite) {
      throw new UsageError(
        `unknown suite "${suiteId}" (suites: ${SUITES.map((s) => s.id).join(', ')})`,
      );
    }
    ids = suite?.scenarios ?? [];
    suiteRuns = suite?.runs ?? {};
  }
  const plan = ids.map((id): PlannedScenario => {
    const scenario = findScenario(id);
    if (!scenario) {
      throw new UsageError(
        `unknown scenario "${id}" (see \`gobaseline scenarios\`; known: ${SCENARIOS.map((s) => s.id).join(', ')})`,
      );
    }
    return {
      scenario,
      warmup: opts.warmup ?? scenario.defaultWarmup,
      runs: opts.runs ?? suiteRuns[id] ?? scenario.defaultRuns,
    };
  });
  return { suite: suiteId, plan, projectIds };
}

// Turns --suite/--scenario/--runs/--warmup into the list of scenarios to measure.
import { UsageError } from '../errors.js';
import type { PlannedScenario } from '../measure/baseline.js';
import { SCENARIOS, SUITES, findScenario, findSuite } from '../scenarios/catalogue.js';

export interface PlanOptions {
  suite?: string;
  scenario?: string[];
  runs?: number;
  warmup?: number;
}

/** The plan and the suite it came from (null when scenarios were named one by one). */
export function planRun(opts: PlanOptions): { suite: string | null; plan: PlannedScenario[] } {
  if (opts.suite && opts.scenario?.length) {
    throw new UsageError('give either --suite or --scenario, not both');
  }
  let ids: string[];
  let suiteId: string | null = null;
  let suiteRuns: Record<string, number> = {};
  if (opts.scenario?.length) {
    ids = opts.scenario;
  } else {
    suiteId = opts.suite ?? 'quick';
    const suite = findSuite(suiteId);
    if (!suite) {
      throw new UsageError(
        `unknown suite "${suiteId}" (suites: ${SUITES.map((s) => s.id).join(', ')})`,
      );
    }
    ids = suite.scenarios;
    suiteRuns = suite.runs ?? {};
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
  return { suite: suiteId, plan };
}

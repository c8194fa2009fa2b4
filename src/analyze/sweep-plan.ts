// What a sweep measures, before anything runs: the scenarios (catalogue ids, or the user's own
// command) with their run counts, and the configurations (default first, then the product of
// the parameters, or what a preset or a recommendation supplies as points). Every setting a
// scenario does not understand is refused here, as a UsageError, before the first run. Pure.
import { UsageError } from '../errors.js';
import type { PlannedScenario } from '../measure/baseline.js';
import { checkSettings } from '../measure/configurations.js';
import type { Configuration } from '../record/run-record.js';
import { findScenario, SCENARIOS } from '../scenarios/catalogue.js';
import {
  checkProjectIds,
  isProjectScenario,
  projectScenarioTemplates,
} from '../scenarios/project.js';
import type { Scenario } from '../scenarios/types.js';
import { sweepConfigurations, type SweepPoint } from './sweep-params.js';

/** What a sweep is asked to measure. */
export interface SweepRequest {
  /**
   * Catalogue scenario ids (--scenario), project scenario ids (`project/build-cold`, with
   * `project`), or scenarios built by the caller (--cmd, a preset's).
   */
  scenarios: (string | Scenario)[];
  /**
   * With --project: scenarios to run in the module's private copy besides the project ids
   * (the user's --cmd there); their settings are checked here, before the module is prepared.
   */
  project?: { inModule: Scenario[] };
  /** The points to measure besides `default` (from --param, a preset or a recommendation). */
  points: SweepPoint[];
  /** The toolchain every configuration runs (a Toolchain label). */
  toolchain: string;
  /** --runs/--warmup, else each scenario's default. */
  runs?: number;
  warmup?: number;
}

export interface SweepPlan {
  plan: PlannedScenario[];
  /** Project scenario ids, measured on the module's copy after `plan` (see ProjectPlan). */
  projectIds: string[];
  /** `default` first. */
  configurations: Configuration[];
}

function scenarioOf(entry: string | Scenario): Scenario {
  if (typeof entry !== 'string') return entry;
  const found = findScenario(entry);
  if (!found)
    throw new UsageError(
      `unknown scenario "${entry}" (scenarios: ${SCENARIOS.map((s) => s.id).join(', ')})`,
    );
  return found;
}

/** Plans a sweep (see the module comment); a setting a scenario does not understand is a UsageError. */
export function planSweep(request: SweepRequest): SweepPlan {
  const inModule = request.project?.inModule ?? [];
  if (request.scenarios.length === 0 && inModule.length === 0)
    throw new UsageError('sweep: give --scenario ID or --cmd');
  const configurations = sweepConfigurations(request.points, request.toolchain);
  const projectIds = request.scenarios.filter(
    (s): s is string => typeof s === 'string' && isProjectScenario(s),
  );
  checkProjectIds(projectIds, request.project !== undefined);
  const plan = request.scenarios
    .filter((s) => typeof s !== 'string' || !isProjectScenario(s))
    .map(scenarioOf)
    .map((scenario): PlannedScenario => ({
      scenario,
      warmup: request.warmup ?? scenario.defaultWarmup,
      runs: request.runs ?? scenario.defaultRuns,
    }));
  // The project's scenarios are made once the module is prepared: their templates say now
  // which settings they understand (a module with a main package links: ldflags applies).
  const templates = projectScenarioTemplates(['main'])
    .filter((s) => projectIds.includes(s.id))
    .concat(inModule);
  for (const scenario of [...plan.map((p) => p.scenario), ...templates])
    for (const c of configurations) checkSettings(scenario, c);
  return { plan, projectIds, configurations };
}

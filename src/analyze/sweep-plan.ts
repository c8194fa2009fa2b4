// What a sweep measures, before anything runs: the scenarios (catalogue ids, or the user's own
// command) with their run counts, and the configurations (default first, then the product of
// the parameters, or what a preset or a recommendation supplies as points). Every setting a
// scenario does not understand is refused here, as a UsageError, before the first run. Pure.
import { UsageError } from '../errors.js';
import type { PlannedScenario } from '../measure/baseline.js';
import { checkSettings } from '../measure/configurations.js';
import type { Configuration } from '../record/run-record.js';
import { findScenario, SCENARIOS } from '../scenarios/catalogue.js';
import type { Scenario } from '../scenarios/types.js';
import { sweepConfigurations, type SweepPoint } from './sweep-params.js';

/** What a sweep is asked to measure. */
export interface SweepRequest {
  /** Catalogue scenario ids (--scenario), or scenarios built by the caller (--cmd, --project). */
  scenarios: (string | Scenario)[];
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
  if (request.scenarios.length === 0) throw new UsageError('sweep: give --scenario ID or --cmd');
  const configurations = sweepConfigurations(request.points, request.toolchain);
  const plan = request.scenarios.map(scenarioOf).map((scenario): PlannedScenario => ({
    scenario,
    warmup: request.warmup ?? scenario.defaultWarmup,
    runs: request.runs ?? scenario.defaultRuns,
  }));
  for (const { scenario } of plan) for (const c of configurations) checkSettings(scenario, c);
  return { plan, configurations };
}

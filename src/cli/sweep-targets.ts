// What `sweep` measures, from its options: the scenarios (--scenario, --cmd, a --preset's), the
// points (--param or a preset's; --recommend adds its own later) and, with --project, what runs
// in the module's private copy (the user's --cmd). Every combination that makes no sense is a
// UsageError (exit 2) here, before anything runs.
import { EnvironmentError, UsageError } from '../errors.js';
import { linkFlagsPreset, presetId, type PresetId } from '../analyze/sweep-presets.js';
import { parseParams, sweepPoints, type SweepPoint } from '../analyze/sweep-params.js';
import { splitWords } from '../parse/words.js';
import { probeDockerEngine } from '../probe/index.js';
import { commandScenario } from '../scenarios/command.js';
import { dockerCacheScenarios } from '../scenarios/docker-build.js';
import { recipeDockerfile } from './recipe-command.js';
import type { Scenario } from '../scenarios/types.js';

/** The options that choose what to sweep. */
export interface TargetOptions {
  scenario?: string[];
  cmd?: string;
  param?: string[];
  yes?: boolean;
  recommend?: boolean;
  preset?: string;
  project?: string;
}

export interface SweepTargets {
  /** Catalogue ids, project ids (with --project) or built scenarios. */
  scenarios: (string | Scenario)[];
  /** Points besides `default` (empty for --recommend, which supplies them later). */
  points: SweepPoint[];
  /** With --project: run in the module's copy (the user's --cmd). */
  inModule: Scenario[];
  preset?: PresetId;
}

/**
 * The points to measure besides `default`, from --param; a preset (--preset) or a
 * recommendation (--recommend) supplies its own points instead.
 */
export function sweepPointsOf(opts: Pick<TargetOptions, 'param' | 'yes'>): SweepPoint[] {
  if (!opts.param?.length) throw new UsageError('sweep: give at least one --param NAME=VALUES');
  return sweepPoints(parseParams(opts.param), opts.yes === true);
}

/** The user's --cmd as a scenario. */
function commandOf(text: string): Scenario {
  const words = splitWords(text);
  if (words.length === 0) throw new UsageError('--cmd: the command is empty');
  return commandScenario(words, text);
}

/** A preset's scenarios and points; docker-cache's scenarios come once the engine is known. */
function presetTargets(opts: TargetOptions): SweepTargets {
  const preset = presetId(opts.preset ?? '');
  if (opts.param?.length)
    throw new UsageError(`--preset ${preset} supplies its own points; leave out --param`);
  if (opts.recommend) throw new UsageError('give either --preset or --recommend, not both');
  if (opts.cmd !== undefined)
    throw new UsageError(`--preset ${preset} measures its own builds; leave out --cmd`);
  if (preset === 'docker-cache') {
    if (opts.scenario?.length)
      throw new UsageError('--preset docker-cache measures docker build; leave out --scenario');
    return { scenarios: [], points: [], inModule: [], preset };
  }
  return { ...linkFlagsPreset(opts.project !== undefined, opts.scenario), inModule: [], preset };
}

/** What to sweep (see the module comment). */
export function sweepTargets(opts: TargetOptions): SweepTargets {
  if (opts.preset !== undefined) return presetTargets(opts);
  if (opts.cmd !== undefined && opts.scenario?.length)
    throw new UsageError('give either --scenario or --cmd, not both');
  if (opts.cmd === undefined && !opts.scenario?.length)
    throw new UsageError('sweep: give --scenario ID, --cmd COMMAND or --preset NAME');
  const command = opts.cmd === undefined ? null : commandOf(opts.cmd);
  const points = opts.recommend ? [] : sweepPointsOf(opts);
  if (command === null) return { scenarios: opts.scenario ?? [], points, inModule: [] };
  // With --project the command runs in the module's private copy.
  return opts.project !== undefined
    ? { scenarios: [], points, inModule: [command] }
    : { scenarios: [command], points, inModule: [] };
}

/**
 * docker-cache's scenarios: one line and exit 3 (EnvironmentError) when no Docker engine with
 * BuildKit answers; else the recipe's Dockerfile with and without cache mounts, built in a
 * hello-world workspace or (with `project`) the module's private copy.
 */
export async function dockerCacheTargets(project: boolean): Promise<Scenario[]> {
  const engine = await probeDockerEngine(process.env);
  if (!engine.available)
    throw new EnvironmentError(
      `--preset docker-cache: no Docker engine available: ${engine.reason}`,
    );
  const recipe = { package: '.' };
  const [withMounts, withoutMounts] = await Promise.all([
    recipeDockerfile(recipe),
    recipeDockerfile({ ...recipe, cacheMounts: false }),
  ]);
  process.stderr.write(
    `docker ${engine.serverVersion} with ${engine.buildx}; Dockerfile: ${withMounts.note}${project ? '; context: a private copy of your module' : '; context: hello world'}\n`,
  );
  return dockerCacheScenarios({ withMounts: withMounts.text, withoutMounts: withoutMounts.text });
}

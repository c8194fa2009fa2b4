// `sweep --preset NAME`: sweeps whose scenarios and points are given, not asked for. A preset
// supplies the points (what --param would) and the scenarios (what --scenario would; a
// --scenario given replaces them). `link-flags`: default, `-ldflags=-s -w` and `-trimpath` on
// a hello-world build, cold and warm, and on the user's module (--project) cold and warm: wall
// time, link time and binary size (source document 4.3). `docker-cache`: `docker build` of
// `recipe dockerfile`'s output, cold without cache mounts against a rebuild after a source
// change with them (scenarios/docker-build.ts). Pure.
import { UsageError } from '../errors.js';
import type { Scenario } from '../scenarios/types.js';
import { parseParams, sweepPoints, type SweepPoint } from './sweep-params.js';

export const PRESETS = ['link-flags', 'docker-cache'] as const;
export type PresetId = (typeof PRESETS)[number];

/** The link settings `link-flags` compares with the default, one at a time (as --param would write them). */
export const LINK_FLAG_PARAMS = ['ldflags=-s -w', 'trimpath=true'] as const;

/** What a preset measures. */
export interface PresetSweep {
  /** Catalogue ids, project ids (with --project) or scenarios built here, in measuring order. */
  scenarios: (string | Scenario)[];
  /** The points besides `default`. */
  points: SweepPoint[];
}

/** The preset's id, or a UsageError listing the presets. */
export function presetId(name: string): PresetId {
  if ((PRESETS as readonly string[]).includes(name)) return name as PresetId;
  throw new UsageError(`--preset ${name}: unknown preset (presets: ${PRESETS.join(', ')})`);
}

/** The points of `link-flags`: each link setting alone. */
export function linkFlagPoints(): SweepPoint[] {
  return LINK_FLAG_PARAMS.flatMap((p) => sweepPoints(parseParams([p])));
}

/**
 * `link-flags`: hello world cold and warm (build/hello-cold, build/hello-link: both report link
 * time and binary size), then with --project the module's cold and warm builds; `scenarios`
 * (--scenario) replaces them.
 */
export function linkFlagsPreset(project: boolean, scenarios?: readonly string[]): PresetSweep {
  const own: (string | Scenario)[] = [
    'build/hello-cold',
    'build/hello-link',
    ...(project ? ['project/build-cold', 'project/build-warm'] : []),
  ];
  return { scenarios: scenarios?.length ? [...scenarios] : own, points: linkFlagPoints() };
}

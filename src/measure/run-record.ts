// The run record: everything one `gobaseline run` measured, in a versioned schema
// (docs/run-schema.md). Written as JSON and read back by report/compare.
import type { Fingerprint } from '../probe/index.js';
import type { CacheMode, MetricSpec } from '../scenarios/types.js';
import type { AutoPlan, ScenarioRun } from './sampler.js';
import type { Toolchain } from './toolchains.js';

/** Bumped on any incompatible change to RunRecord; readers check it. */
export const RUN_SCHEMA_VERSION = 1;

/** One scenario's samples plus what is needed to read them without the catalogue. */
export interface ScenarioResult extends ScenarioRun {
  description: string;
  cache: CacheMode;
  /** Every metric the samples carry, in table order, with units. */
  metrics: MetricSpec[];
}

/** How a run was configured. */
export interface RunConfig {
  suite: string | null;
  scenarios: string[];
  /** The first toolchain's go binary (the fingerprint's). */
  goPath: string;
  /** Every toolchain measured; scenario results name theirs by `toolchain` (the label). */
  toolchains: Toolchain[];
  /** Adaptive sampling settings (--auto), or null for fixed run counts. */
  auto: AutoPlan | null;
  /** --runs / --warmup when given (else each scenario's default). */
  runs: number | null;
  warmup: number | null;
  /** The user's --env pairs. */
  userEnv: Record<string, string>;
  /** The Go-related environment every command ran with (private paths are removed afterwards). */
  env: Record<string, string>;
  timeoutMs: number;
  /** The user's go env file and its settings, which measurements do not read (GOENV=off). */
  goEnvFile: { path: string; settings: Record<string, string> } | null;
  /** How processes were measured: the rusage helper, or Node alone (wall time only). */
  measuredBy: 'rusage-exec' | 'node';
}

export interface RunRecord {
  schema: 'gobaseline/run';
  schemaVersion: typeof RUN_SCHEMA_VERSION;
  id: string;
  tool: { name: 'gobaseline'; version: string };
  startedAt: string;
  finishedAt: string;
  /** `interrupted` when Ctrl-C stopped it: the samples taken so far are kept. */
  status: 'complete' | 'interrupted';
  config: RunConfig;
  fingerprint: Fingerprint;
  /** Things the reader should know (busy machine, no rusage helper, ...). */
  warnings: string[];
  scenarios: ScenarioResult[];
}

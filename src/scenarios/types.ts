// The shape of a scenario: what to run, how to prepare each run, and which metrics it yields.
// Scenarios are data (catalogue.ts); the sampler interprets them.
import type { CacheMode, MetricSpec } from '../record/run-record.js';
import type { Unit } from '../record/units.js';

// The metric and cache vocabulary is the run record's (record/); scenarios speak it.
export type { CacheMode, MetricSpec, Unit };

/** Build settings that become go command flags (see measure/configurations.ts). */
export type BuildFlagSetting = 'p' | 'ldflags' | 'trimpath';

/** A generated Go module written into a private directory; the command runs inside it. */
export type WorkspaceId = 'hello' | 'empty' | 'gcalloc';

/** Extra metrics read after a successful run (see extractors.ts). */
export type ExtractorId =
  'net-http-compile-action' | 'self-vmhwm' | 'gctrace' | 'binary-size' | 'link-action';

/** Links a scenario metric to a figure of the source document's reference profiles. */
export interface ReferenceLink {
  /** Key in seed-reference.json `metrics`, e.g. `startup.go-version.wall`. */
  referenceKey: string;
  /** The scenario metric compared with it. */
  metricKey: string;
  /** One line on what is compared, shown under the reference table. */
  note: string;
}

export interface Scenario {
  id: string;
  /** One line for `gobaseline scenarios`. */
  description: string;
  cache: CacheMode;
  workspace?: WorkspaceId;
  /**
   * An existing directory the command runs in, used as it is (the private copy of the user's
   * module for `--project`); instead of a generated workspace.
   */
  workspaceDir?: string;
  /**
   * The measured command. Tokens: `{go}` the toolchain's go binary, `{ws}` the workspace,
   * `{out}` a fresh directory per run, `{actiongraph}` a file in it for -debug-actiongraph.
   */
  argv: string[];
  /** Untimed commands run once before sampling (same tokens as argv, except per-run ones). */
  setup?: string[][];
  /**
   * Build settings a configuration may set for this scenario (go build, vet and test commands):
   * their flags go right after the go subcommand.
   */
  buildSettings?: BuildFlagSetting[];
  /** Environment added for this scenario (after the controlled defaults). */
  env?: Record<string, string>;
  extractors: ExtractorId[];
  /** Metrics beyond the ones every run has (wall, user, sys, peak RSS). */
  metrics: MetricSpec[];
  defaultWarmup: number;
  defaultRuns: number;
  references?: ReferenceLink[];
}

/** Metrics every scenario yields from the process runner. */
export const PROCESS_METRICS: MetricSpec[] = [
  { key: 'wallNs', unit: 'ns', label: 'wall' },
  { key: 'userNs', unit: 'ns', label: 'user CPU' },
  { key: 'sysNs', unit: 'ns', label: 'sys CPU' },
  { key: 'peakRssBytes', unit: 'bytes', label: 'peak RSS (largest process in tree)' },
];

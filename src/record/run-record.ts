// The run record: everything one `gobaseline run` measured, in a versioned schema
// (docs/run-schema.md). Written as JSON and read back by report/compare.
import type { Fingerprint } from './fingerprint.js';
import type { Unit } from './units.js';

/** Bumped on any incompatible change to RunRecord; readers check it. */
export const RUN_SCHEMA_VERSION = 2;

/** A metric a scenario yields per sample. */
export interface MetricSpec {
  /** Key in a sample's metrics, e.g. `wallNs`. */
  key: string;
  unit: Unit;
  /** Short label for tables. */
  label: string;
  /**
   * What is known about the values (benchmath's assumptions, stats/assumption.ts): `exact` when
   * repeated measurements are equal by construction (a binary's size); absent means `nothing`.
   */
  assumption?: 'nothing' | 'exact';
}

/**
 * How the go command's build cache is prepared:
 * - `fresh`: a new, empty, private GOCACHE for every run (warm-ups included), removed after it;
 * - `warm`: one private GOCACHE shared by the run, primed by one untimed run of the command first;
 * - `none`: the command does not build; it still gets the private cache, never the user's.
 */
export type CacheMode = 'fresh' | 'warm' | 'none';

/** One counted run of a scenario. Metric values in the units of the scenario's MetricSpecs. */
export interface Sample {
  /** Position of this run among all runs of the scenario, across configurations, from 0 (warm-ups count). */
  seq: number;
  /**
   * Counted round this run belongs to, from 0 (warm-ups excluded): runs of one round pair up.
   * Absent in version-1 run files.
   */
  round?: number;
  /** Place of this run inside its round's order, from 0. Absent in version-1 run files. */
  position?: number;
  ok: boolean;
  metrics: Record<string, number>;
  /** Why the run failed: reason and the last lines of its stderr. */
  failure?: { reason: string; stderrTail: string };
}

/** How adaptive sampling ended: CI target met, or which budget ran out. */
export type AutoStop = 'ci-target' | 'time-budget' | 'run-budget';

/** What sampling one scenario with one configuration produced. */
export interface ScenarioRun {
  scenarioId: string;
  /** Label of the toolchain measured (see Toolchain.label). */
  toolchain: string;
  /** Name of the configuration measured (see Configuration.name). */
  configuration: string;
  /** The measured command with `{go}` resolved (per-run paths stay as tokens). */
  argv: string[];
  warmup: number;
  runsRequested: number;
  samples: Sample[];
  /** Set when setup or cache priming failed, so no run was made. */
  setupFailure?: { reason: string; stderrTail: string };
  /** True when sampling stopped early (Ctrl-C or repeated failures); see `stopReason`. */
  stoppedEarly: boolean;
  stopReason?: string;
  /** With --auto: why sampling ended and the wall-time CI half-width reached (fraction of median). */
  auto?: { stop: AutoStop; ciHalfWidth: number | null; target: number };
}

/** Adaptive sampling: keep running until the CI of the median wall time is narrow enough. */
export interface AutoPlan {
  /** Target CI half-width as a fraction of the median (0.02 = ±2%). */
  targetCiHalfWidth: number;
  /** Stop after this much sampling time per scenario, in ms. */
  maxTimeMs: number;
  /** Stop after this many counted runs per configuration. */
  maxRuns: number;
}

/** One toolchain measured. */
export interface Toolchain {
  /** Short name used in tables: the Go version (e.g. go1.27.3), or the path if versions repeat. */
  label: string;
  /** The go binary that is run. */
  goPath: string;
  /** The `go version` line. */
  version: string;
  /** What the user asked for: a path, `local` or a version such as go1.27.3. */
  requested: string;
  /**
   * True for the user's own go from PATH, which runs with the user's GOROOT (if exported, it is
   * part of the environment measured). Other toolchains find their own GOROOT: a GOROOT
   * exported for the local go would make them compile with the wrong standard library.
   */
  inheritsGoroot: boolean;
}

/**
 * Build settings a configuration may set. Each is applied by the scenarios that understand it
 * (a go build, vet or test command); a setting a scenario does not understand is an error.
 */
export interface BuildSettings {
  /** `go build -p N`: packages built in parallel. */
  p?: number;
  /** `go build -ldflags=VALUE`. */
  ldflags?: string;
  /** `go build -trimpath`. */
  trimpath?: boolean;
  /** The build cache: `cold` (fresh per run) or `warm` (primed once, shared); overrides the scenario's. */
  cache?: 'cold' | 'warm';
  /** Memory-bandwidth-heavy background processes running during each measured run (contention). */
  load?: number;
}

/** What one slot of the interleaving measures: a toolchain plus environment and build settings. */
export interface Configuration {
  /** Unique name shown in tables: `default`, a --config NAME, `gomaxprocs=2/p=1`, or a toolchain label. */
  name: string;
  /** The toolchain (a Toolchain.label of RunConfig.toolchains). */
  toolchain: string;
  /** Environment settings applied after the controlled environment and --env. */
  env: Record<string, string>;
  build: BuildSettings;
  /** In a sweep: the parameter values that name this configuration, in parameter order. */
  params?: Record<string, string>;
}

/** How the configurations' runs are ordered inside each round. */
export type InterleaveOrder = { kind: 'abba' } | { kind: 'shuffle'; seed: number };

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
  /** Every configuration measured, interleaved run by run; the first is the base of comparisons. */
  configurations: Configuration[];
  /** How runs were ordered inside each round. */
  order: InterleaveOrder;
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

/** One drift canary measured alongside a run (measure/canary.ts); times in ns. */
export interface CanaryResult {
  /** e.g. `go-start` (process start of an empty Go binary) or `c-start` (of an empty C one). */
  name: string;
  median: number;
  /** 95% confidence interval of the median; null where the sample is too small for a bound. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Successful samples. */
  n: number;
  /** The samples themselves, so that two runs' canaries can be tested against each other. */
  samples: number[];
}

/** The calibration set measured with a run: how fast the machine itself was at the time. */
export interface CanaryRecord {
  canaries: CanaryResult[];
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
  /** The drift canaries (absent in runs with --no-canary and in older records). */
  canary?: CanaryRecord;
}

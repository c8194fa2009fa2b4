// What `analyze modules` reports (the --json document; report/modules-report.ts renders it and
// report/modules-svg.ts draws its scaling chart). Types only.
import type { GenerateOptions } from '../generate/plan.js';
import type { ClaimCheck } from './goroot-claims.js';
import type { ModuleCommand, ModuleMode } from './modules-modes.js';
import type { SweepScenario } from './sweep-report.js';

/** Version of the JSON document's layout; bumped on incompatible changes. */
export const MODULES_REPORT_SCHEMA = 2;

/** One mode's wall times of one command, round by round. */
export interface ModeSeries {
  mode: string;
  /**
   * Wall time per counted round in ns, in round order; null for a failed run. As many as the
   * mode's runs (the cold module cache may have fewer than the others).
   */
  wallNs: (number | null)[];
  /** Why the mode could not run this command (its untimed first run failed), else null. */
  skipped: string | null;
}

/** One command at one size: every mode's rounds and their analysis against the base. */
export interface ModulesCommandResult {
  command: ModuleCommand['id'];
  label: string;
  /** In mode order, the base first. */
  series: ModeSeries[];
  /**
   * Per metric (wall, user, sys, peak RSS) every mode's median, CI and change against the base
   * with Holm-corrected p-values, as `sweep` analyses its configurations.
   */
  analysis: SweepScenario;
}

/** One generated workspace and what was measured on it. */
export interface ModulesSize {
  modules: number;
  /** The generator's options for this size (depth is at most the size). */
  generated: GenerateOptions;
  packages: number;
  goFiles: number;
  sourceBytes: number;
  zipBytes: number;
  /** Wall time of generating it (writing, go mod tidy, go mod vendor), in ns. */
  generateNs: number;
  commands: ModulesCommandResult[];
}

/** One point of a scaling curve: the median at a size with its CI, in ns. */
export interface ScalingPoint {
  modules: number;
  center: number;
  ciLo: number | null;
  ciHi: number | null;
}

/**
 * The knee of a curve: fitting t(M) = fixed + perModule × M (Theil–Sen slope over the sizes'
 * medians, the intercept their median residual), the module count at which the per-module
 * part equals the fixed part, so time has doubled over the fixed cost: M = fixed / perModule.
 */
export interface Knee {
  modules: number;
  fixedNs: number;
  perModuleNs: number;
  /** Whether it lies between the smallest and the largest size measured. */
  inRange: boolean;
}

/** One mode's medians of one command over the sizes. */
export interface ScalingCurve {
  command: ModuleCommand['id'];
  mode: string;
  points: ScalingPoint[];
  /** null with fewer than two sizes, or without a positive fixed and per-module part. */
  knee: Knee | null;
}

/** The user's module (`--project DIR`) and what was measured on it. */
export interface ModulesProject {
  /** The directory as given, resolved; only read (every command ran in a private copy). */
  dir: string;
  modulePath: string;
  /** Modules in its build list apart from itself (`go list -m all`). */
  dependencyModules: number;
  /** Its own packages (`go list ./...`). */
  packages: number;
  /** vendor/: the module's own, one --try-vendor made in a temporary copy, or none. */
  vendor: 'own' | 'made' | null;
  /** The module cache --modcache named, or null for a private one removed afterwards. */
  modcache: string | null;
  /** Copying, downloading the dependencies once and vendoring, untimed, in ns. */
  prepareNs: number;
  commands: ModulesCommandResult[];
}

/** The whole `analyze modules` document. */
export interface ModulesReport {
  schemaVersion: number;
  command: 'analyze modules';
  status: 'complete' | 'interrupted';
  go: { path: string; version: string };
  /** How commands were timed: the rusage helper, or Node's clock. */
  measuredBy: 'rusage-exec' | 'node';
  /**
   * The sizes asked for (dependency modules), ascending; perSize holds those measured. Empty
   * with --project.
   */
  sizes: number[];
  /** The generator's options apart from the size; null with --project. */
  workspace: Omit<GenerateOptions, 'modules'> | null;
  /** The user's module with --project (then perSize and scaling are empty), else null. */
  project: ModulesProject | null;
  runs: number;
  /** Counted runs of the cold-module-cache mode (the most expensive), at most `runs`. */
  coldRuns: number;
  warmup: number;
  order: 'abba';
  alpha: number;
  confidence: number;
  base: string;
  modes: Pick<ModuleMode, 'id' | 'description' | 'env' | 'coldModCache' | 'notApplicable'>[];
  commands: ModuleCommand[];
  perSize: ModulesSize[];
  scaling: ScalingCurve[];
  /**
   * Chapter 3 of the source document, each claim judged against the figures (of the project at
   * its dependency count with --project).
   */
  claims: ClaimCheck[];
  /** 1-minute load average at the start and the end, and hardware threads. */
  load: { start: number; end: number; threads: number };
  warnings: string[];
}

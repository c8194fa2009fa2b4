// The run store: every run and analysis kept in a database, behind one interface with two
// implementations of the same behaviour (store/sqlite.ts, store/postgres.ts over
// store/sql-store.ts). Opened by store/open-store.ts from a --db value.
import { EnvironmentError } from '../errors.js';
import type { RunRecord } from '../record/run-record.js';
import type { MachineRow } from './run-rows.js';

/** Labels given with `--label k=v` (git commit, branch, CI job...). */
export type Labels = Record<string, string>;

/** A run as listed by the store (the full record is `getRun`). */
export interface StoredRun {
  runId: string;
  startedAt: string;
  status: RunRecord['status'];
  suite: string | null;
  /** The machine's fingerprint hash (see machineHash). */
  machine: string;
  labels: Labels;
}

/** Which runs `listRuns` returns, newest first. */
export interface RunFilter {
  /** Only runs of this machine (fingerprint hash). */
  machine?: string;
  /** At most this many (the newest). */
  limit?: number;
}

/** One series: a metric of a scenario, optionally narrowed to a machine, toolchain, configuration. */
export interface SeriesKey {
  scenarioId: string;
  /** A metric key such as `wallNs`. */
  metric: string;
  machine?: string;
  /** The toolchain's `go version` line. */
  toolchainVersion?: string;
  configuration?: string;
}

/** One run's summary of a series' metric, in the metric's unit. */
export interface SeriesPoint {
  runId: string;
  startedAt: string;
  machine: string;
  toolchainVersion: string | null;
  configuration: string;
  unit: string;
  /** Successful samples summarised, and failed ones. */
  n: number;
  failed: number;
  /** Null when no sample succeeded. */
  median: number | null;
  ciLo: number | null;
  ciHi: number | null;
}

/** An `analyze` result to keep: its report as JSON plus the figures that head it. */
export interface AnalysisInput {
  /** The analysis, e.g. `build`, `cache`, `io`, `goroot`, `latency`. */
  topic: string;
  createdAt: string;
  toolVersion: string;
  /** The machine it was measured on (stored as a machine row); absent for one read from a file. */
  machine?: MachineRow;
  /** A few headline figures by name (e.g. `wallNs`, `hitRate`). */
  headline: Record<string, number | string | null>;
  report: unknown;
  labels?: Labels;
}

/** A stored analysis. */
export interface StoredAnalysis extends Required<Omit<AnalysisInput, 'machine'>> {
  id: number;
  /** The machine's fingerprint hash (see machineHash); null when stored without one. */
  machine: string | null;
}

/** A run to save, with its labels. */
export interface RunToSave {
  run: RunRecord;
  labels?: Labels;
}

/** Every run and analysis, kept. All methods may throw StoreError (exit 3). */
export interface RunStore {
  /** Where the data lives, for messages (a file path, or a URL without its password). */
  readonly location: string;
  /** Saves a run with its labels; false when a run with its id was already stored (kept as it was). */
  saveRun(run: RunRecord, labels?: Labels): Promise<boolean>;
  /**
   * Saves many runs in one transaction (all or none), which is much faster than one
   * transaction each: for imports and bulk loads. Per run, in the order given: false when a run
   * with its id was already stored (or came earlier in the batch). Keep batches to hundreds of
   * runs: other writers wait for the whole transaction.
   */
  saveRuns(runs: readonly RunToSave[]): Promise<boolean[]>;
  /** Saves an analysis; returns its id. */
  saveAnalysis(analysis: AnalysisInput): Promise<number>;
  /** Stored runs, newest first. */
  listRuns(filter?: RunFilter): Promise<StoredRun[]>;
  /** The full run record as it was saved, or null. */
  getRun(runId: string): Promise<RunRecord | null>;
  /** A series, oldest run first. */
  series(key: SeriesKey): Promise<SeriesPoint[]>;
  /** Stored analyses of a topic (all topics without one), newest first. */
  listAnalyses(topic?: string): Promise<StoredAnalysis[]>;
  /** A value kept with the data (such as the run-file import marker), or null. */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** The database cannot be used: unreachable, not a database, read-only, from a newer version (exit 3). */
export class StoreError extends EnvironmentError {}

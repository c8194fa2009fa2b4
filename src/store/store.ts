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

/** A machine that has stored runs, as `serve` lists it. */
export interface StoredMachine {
  /** The fingerprint hash (see machineHash). */
  hash: string;
  cpuModel: string | null;
  threads: number;
  memoryBytes: number;
  os: string;
  arch: string;
  firstSeen: string;
  /** Runs stored for it, and when the newest started (null without runs). */
  runs: number;
  lastRunAt: string | null;
}

/** One stored series by name (SeriesKey with every part known, and the unit). */
export interface SeriesIdentity {
  scenarioId: string;
  metric: string;
  unit: string;
  machine: string;
  toolchainVersion: string | null;
  configuration: string;
}

/** One stored series and its newest point. */
export interface SeriesInfo extends SeriesIdentity {
  /** Runs in the series. */
  points: number;
  /** The newest run's id, start and median (null when no sample succeeded). */
  lastRunId: string;
  lastStartedAt: string;
  lastMedian: number | null;
}

/** What an API token may do: read the API, or also push runs. */
export type TokenScope = 'read' | 'write';

/** An API token as stored: only its SHA-256 hash (hex), never the token. */
export interface TokenRow {
  hash: string;
  scope: TokenScope;
  /** A name to tell tokens apart ('' when none was given). */
  name: string;
  createdAt: string;
}

/** A run waiting to be pushed to a server (`run --push`, `push`). */
export interface PendingPush {
  runId: string;
  /** The server's base URL. */
  target: string;
  queuedAt: string;
  /** Why the last attempt failed, or null before any. */
  lastError: string | null;
  /** The run's labels, sent with it. */
  labels: Labels;
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
  /** Machines with stored runs or analyses, by first appearance. */
  listMachines(): Promise<StoredMachine[]>;
  /** Every stored series with its newest point, ordered by scenario, metric, machine, toolchain, configuration. */
  listSeries(): Promise<SeriesInfo[]>;
  /** Keeps an API token's hash; a hash already stored is refused (StoreError). */
  saveToken(token: TokenRow): Promise<void>;
  /** The scope of the token with this hash, or null when none is stored. */
  tokenScope(hash: string): Promise<TokenScope | null>;
  /** Records that a stored run is to be pushed to `target` (kept when already recorded). */
  queuePush(runId: string, target: string): Promise<void>;
  /** Records the outcome of pushing a run: done (`error` null) or why it failed. */
  notePush(runId: string, target: string, error: string | null): Promise<void>;
  /** Runs not yet pushed (to `target` only, when given), oldest queued first. */
  pendingPushes(target?: string): Promise<PendingPush[]>;
  /** A value kept with the data (such as the run-file import marker), or null. */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** The database cannot be used: unreachable, not a database, read-only, from a newer version (exit 3). */
export class StoreError extends EnvironmentError {}

// What `analyze build` and `analyze cache` report: the --json document (report/build-report.ts
// renders it). Durations in ns, sizes in bytes.
import type { ComparisonResult } from '../stats/index.js';
import type { BuildGraphAnalysis } from './build-graph.js';
import type { BuildXAgreement } from './build-x-agreement.js';
import type { StoragePlace } from '../probe/storage.js';

/** Version of the JSON document's layout; bumped on incompatible changes. */
export const BUILD_REPORT_SCHEMA = 1;

/** The cache state a build started from. */
export interface CacheState {
  /** cold: empty private GOCACHE; warm: primed by one untimed build of the target itself; primed: primed by building other packages; graph-file: read from a file, unknown. */
  state: 'cold' | 'warm' | 'primed' | 'graph-file';
  /** Packages built (untimed) to prime the cache. */
  primedWith: string[];
}

/** Wall and CPU time of one whole go command (rusage of its process tree). */
export interface BuildProcess {
  /** The go command's arguments after the go binary. */
  args: string[];
  wallNs: number;
  userNs: number | null;
  sysNs: number | null;
  peakRssBytes: number | null;
  measuredBy: 'rusage-exec' | 'node';
}

/** One timed build in the GOROOT relocation experiment. */
export interface RelocationRun {
  wallNs: number;
  /** Compile actions from the cache / that ran, from the build's action graph. */
  cached: number;
  ran: number;
  hitRate: number | null;
  /** Packages compiled, for a run that missed the cache. */
  ranPackages: string[];
  /** Files the build added to GOCACHE: compile outputs, and package-index entries (cmd/go's modindex, keyed by the package directory's path). */
  newCacheFiles: number;
}

/** The same build against the same GOCACHE with the original GOROOT and with a copy of it. */
export interface RelocationResult {
  originalGoroot: string;
  /** Where the copy was (removed afterwards). */
  relocatedGoroot: string;
  /** How long `cp -a` of GOROOT took, in ns. */
  copyNs: number;
  /** Where the original and the copy live (filesystem, device): a copy on tmpfs reads differently. */
  storage: StoragePlace[];
  /** Warm builds with the original GOROOT. */
  original: RelocationRun[];
  /**
   * A build with the relocated GOROOT and cmd/go's package index turned off (GODEBUG=goindex=0),
   * run first: it tells package-index entries apart from other cache writes.
   */
  withoutIndex: RelocationRun;
  /** The first build with the relocated GOROOT and the package index on: where a cache that depends on GOROOT misses. */
  firstRelocated: RelocationRun;
  /** The builds after that one, with the relocated GOROOT. */
  relocated: RelocationRun[];
  /** Wall time: original builds vs later relocated builds (benchstat semantics). */
  comparison: ComparisonResult;
  /** firstRelocated wall / median original wall - 1 (a fraction); null when undefined. */
  firstDeltaFraction: number | null;
}

/** The whole report: the --json document of both commands. */
export interface BuildAnalysisReport {
  schemaVersion: number;
  command: 'analyze build' | 'analyze cache';
  go: { path: string; version: string; goroot: string } | null;
  target: { packages: string[]; project: string | null };
  cache: CacheState;
  /** The go-related environment of the measured build (GO*, CGO_*, TMPDIR). */
  env: Record<string, string>;
  /** The measured build; null when the graph came from a file (--graph). */
  build: BuildProcess | null;
  analysis: BuildGraphAnalysis;
  /** `analyze cache --verify`: the hit count against `go build -x` in a copy of the cache. */
  verify: BuildXAgreement | null;
  /** `analyze cache --relocated-goroot`. */
  relocation: RelocationResult | null;
  warnings: string[];
}

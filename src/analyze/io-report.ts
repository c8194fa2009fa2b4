// What `analyze io` reports (the --json document; report/io-report.ts renders it): file-system
// calls of a build per area and kind, cold and warm, and the check against strace's summary.
import type { AreaRoot, CountCheck, IoAttribution } from './io-attribution.js';

/** Version of the JSON document's layout; bumped on incompatible changes. */
export const IO_REPORT_SCHEMA = 1;

/** Tolerance of the independent check (a separate `strace -c -f` build), as a fraction. */
export const INDEPENDENT_TOLERANCE = 0.05;

/** One build traced with strace, and what its trace says. */
export interface TracedBuild {
  /** cold: an empty private GOCACHE; warm: the same GOCACHE after the cold build (or an untimed one). */
  cache: 'cold' | 'warm' | 'trace-file';
  /** The whole command line: strace, its flags, then the go command. */
  argv: string[];
  /** Wall, user and system time of strace and the build together, in ns (tracing slows the build). */
  wallNs: number | null;
  userNs: number | null;
  sysNs: number | null;
  /** Lines in the trace file and calls parsed from them (unfinished/resumed pairs count once). */
  traceLines: number;
  calls: number;
  /** Pairs joined from `<unfinished ...>` and `<... resumed>` lines. */
  joinedCalls: number;
  /** Unfinished calls whose thread ended before they returned (strace -c does not count them). */
  neverResumed: number;
  attribution: IoAttribution;
  /** Parsed counts against the summary strace appended to the same trace (-C): must be equal. */
  sameTraceCheck: CountCheck[] | null;
  /** Parsed counts against a separate `strace -c -f` run of an identical build (--verify). */
  independentCheck: { argv: string[]; checks: CountCheck[] } | null;
}

/** The `analyze io` document. */
export interface IoReport {
  schemaVersion: number;
  command: 'analyze io';
  go: { path: string; version: string; goroot: string } | null;
  target: { packages: string[]; project: string | null };
  strace: { path: string; version: string } | null;
  /** The directories that define each area (as configured and their real paths). */
  roots: AreaRoot[];
  /** GO* settings of the traced builds (private GOCACHE, GOMODCACHE, TMPDIR). */
  env: Record<string, string>;
  builds: TracedBuild[];
  warnings: string[];
}

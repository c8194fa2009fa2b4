// What `analyze goroot` reports (the --json document; report/goroot-report.ts renders it).
import { summarize } from '../stats/index.js';
import type { ClaimCheck } from './goroot-claims.js';
import type { GorootSource, PathTrace, ResolutionCheck } from './goroot-resolution.js';
import type { StorageSummary } from './goroot-placement.js';
import type { BootstrapInterval } from './goroot-stats.js';

/** Version of the JSON document's layout; bumped on incompatible changes. */
export const GOROOT_REPORT_SCHEMA = 1;

/** Timed runs of one command in one configuration, with benchstat's median and 95% CI. */
export interface TimedSeries {
  /** Per round, in ns (per lstat call for the stat probe); null for a failed run. */
  samplesNs: (number | null)[];
  /** Successful runs. */
  n: number;
  /** Median and its order-statistic 95% CI, in ns; null when there is nothing or too little. */
  median: number | null;
  ciLo: number | null;
  ciHi: number | null;
  min: number | null;
  max: number | null;
  failures: number;
  /** Why the first failed run failed, else null. */
  firstFailure: string | null;
}

/** Summarizes per-round values (null = failed) into a {@link TimedSeries}. */
export function timedSeries(samples: (number | null)[], failures: string[] = []): TimedSeries {
  const ok = samples.filter((v): v is number => v !== null && Number.isFinite(v));
  const s = summarize(ok);
  return {
    samplesNs: samples,
    n: ok.length,
    median: ok.length ? s.median : null,
    ciLo: s.ciLo,
    ciHi: s.ciHi,
    min: ok.length ? s.min : null,
    max: ok.length ? s.max : null,
    failures: samples.length - ok.length,
    firstFailure: failures[0] ?? null,
  };
}

/** Per-round values of a series with NaN for failures, as the bootstrap wants them. */
export function roundValues(series: TimedSeries): number[] {
  return series.samplesNs.map((v) => (v === null ? NaN : v));
}

/** How the toolchain finds and validates GOROOT. */
export interface ResolutionReport {
  goBinary: {
    /** The go binary as found (PATH or --go). */
    path: string;
    /** Its symlink chain. */
    trace: PathTrace;
    /** Its real path: what os.Executable() gives the go command on Linux. */
    executable: string;
    /** Built with -trimpath (no built-in GOROOT); null when unknown. */
    trimmed: boolean | null;
    /** `go env GOVERSION`. */
    version: string;
  };
  /** What `go env GOROOT` prints with your environment. */
  goroot: string;
  absolute: boolean;
  /** GOROOT's own symlink chain, parent directories included. */
  trace: PathTrace;
  /** Where GOROOT lives (mount, file system, block device), from the storage probe. */
  storage: StorageSummary | null;
  source: GorootSource;
  sourceDetail: string;
  /** What the cmd/go rules predict; `agrees` compares it with `goroot`. */
  predicted: string;
  agrees: boolean;
  /** GOROOT in your environment, null when unset. */
  environment: string | null;
  /** `go env GOENV`: your go env file, "" when GOENV=off. */
  goEnvFile: string;
  /** GOROOT in that file (go env -w), null when not set. */
  goEnvFileGoroot: string | null;
  checks: ResolutionCheck[];
  notes: string[];
}

/** One depth of the symlink experiment. */
export interface SymlinkDepth {
  depth: number;
  /** The path given as GOROOT (a link of the chain; the real GOROOT at depth 0). */
  goroot: string;
  /** Symlinks the kernel follows to resolve it (should equal depth). */
  hops: number;
  /** Its real path. */
  resolvesTo: string;
  /** What `go env GOROOT` printed with this GOROOT. */
  reportedGoroot: string;
  /** Timings per command label ("go env GOROOT", "go list std"). */
  series: Record<string, TimedSeries>;
}

/** The symlink-depth experiment. */
export interface SymlinkExperiment {
  /** The real GOROOT the chains point at. */
  target: string;
  /** Where the chain was built (removed afterwards). */
  chainDir: string;
  runs: number;
  depths: number[];
  /** Series labels: the go commands, then the stat probe (ns per lstat call). */
  commands: string[];
  /** Entries of GOROOT/src lstat'ed per pass by the stat probe. */
  statEntries: number;
  perDepth: SymlinkDepth[];
  /** Cost per symlink level per command, in ns per level. */
  perLevel: { command: string; interval: BootstrapInterval }[];
  /** How the per-level cost and its CI are computed. */
  method: string;
  claims: ClaimCheck[];
}

/** A directory the tmpfs experiment used, as the mount table shows it. */
export interface PlacementInfo {
  dir: string;
  fsType: string | null;
  mountPoint: string | null;
  source: string | null;
  /** The storage probe's view, with the block device; null when it failed. */
  storage: StorageSummary | null;
}

/** One command timed on both copies. */
export interface MediumComparison {
  command: string;
  /** What a sample is: a whole command, or one lstat call. */
  per: 'run' | 'lstat call';
  disk: TimedSeries;
  tmpfs: TimedSeries;
  /** tmpfs / disk ratio of medians with its CI (dimensionless). */
  ratio: BootstrapInterval;
  /** Mann-Whitney two-sided p-value of disk vs tmpfs; null when not computable. */
  p: number | null;
}

/** The tmpfs-vs-disk experiment, or why it was skipped. */
export interface TmpfsExperiment {
  /** Why the experiment did not run, else null. */
  skipped: string | null;
  tmpfs: PlacementInfo | null;
  disk: PlacementInfo | null;
  /** Size of GOROOT's regular files, in bytes. */
  gorootBytes: number | null;
  /** How long each `cp -a` took, in ns. */
  copyNs: { tmpfs: number; disk: number } | null;
  runs: number;
  buildRuns: number;
  rows: MediumComparison[];
  /** Entries of GOROOT/src lstat'ed per pass by the stat probe. */
  statEntries: number | null;
  claims: ClaimCheck[];
  notes: string[];
}

/** The whole `analyze goroot` document. */
export interface GorootReport {
  schemaVersion: number;
  command: 'analyze goroot';
  go: { path: string; version: string };
  /** How commands were timed: the rusage helper, or Node's clock. */
  measuredBy: 'rusage-exec' | 'node';
  resolution: ResolutionReport;
  symlinks: SymlinkExperiment | null;
  tmpfs: TmpfsExperiment | null;
  /** 1-minute load average at the start and the end, and hardware threads. */
  load: { start: number; end: number; threads: number };
  warnings: string[];
}

// The shapes of `gobaseline doctor`: the facts it gathers about a Go environment (every one
// read or measured before any rule runs) and the findings the rules draw from them. The --json
// document is DoctorReport; docs/doctor.md describes it field by field. Types only.
import type { LinkHop, ResolutionCheck } from './goroot-resolution.js';
import type { StoragePlace } from '../record/fingerprint.js';

/** Version of the --json document; bumped on incompatible changes. */
export const DOCTOR_REPORT_SCHEMA = 1;

/** How bad a finding is: `bad` makes doctor exit 1. */
export type Severity = 'info' | 'warn' | 'bad';

/** Where a go setting came from: the OS environment wins over the go env file over the default. */
export type SettingSource = 'environment' | 'go env file' | 'default';

/** A reversible change doctor can apply itself: `go env -w KEY=VALUE`, or `go env -u KEY` for null. */
export interface GoEnvChange {
  key: string;
  /** The new value; null unsets the key in the go env file. */
  value: string | null;
}

/** What to do about a finding. */
export interface Fix {
  /** The exact commands to run, in order (shell syntax). */
  commands: string[];
  /** Set when every command is a `go env -w/-u`: `--apply` may run them (and say how to undo). */
  goEnv?: GoEnvChange[];
}

/** One thing doctor found, with the evidence and the remedy. */
export interface Finding {
  /** Stable identifier of the rule, e.g. `gocache-off` (docs/doctor.md lists them all). */
  id: string;
  severity: Severity;
  /** One line saying what is wrong. */
  title: string;
  /** What was read or measured, with figures, one fact per line. */
  evidence: string[];
  /** Why it matters for speed (or correctness). */
  why: string;
  /** The recommended change; null when there is nothing to run (e.g. wait for the load). */
  fix: Fix | null;
  /** The gain measured on this machine (--thorough), or what the rule expects; absent if unknown. */
  expectedGain?: string;
}

/** A directory the go command writes (GOCACHE, GOMODCACHE). */
export interface CacheFacts {
  /** The path the user's go commands use, or `off` (GOCACHE only). */
  path: string;
  source: SettingSource;
  /** Mount, filesystem and device of the path (its nearest existing ancestor); null when off. */
  storage: StoragePlace | null;
  /** Free and total bytes of the filesystem holding it (statfs); null when unknown. */
  disk: { freeBytes: number; totalBytes: number } | null;
  /** Bytes of the regular files in it; null when not measured (--quick) or missing. */
  sizeBytes: number | null;
  /** False when the walk stopped early (too many files): sizeBytes is then a lower bound. */
  sizeComplete: boolean;
}

/** One `go` executable on PATH. */
export interface GoOnPath {
  /** The PATH entry's file, e.g. /usr/bin/go. */
  path: string;
  /** Its real path (symlinks resolved). */
  realPath: string;
  /** First line of its GOROOT's VERSION file (read, not run), e.g. go1.26.8; null if none. */
  version: string | null;
}

/** The CPU side: what decides how many things run at once. */
export interface CpuFacts {
  /** Online logical CPUs. */
  logicalCpus: number;
  /** Physical cores; null when sysfs does not say. */
  physicalCores: number | null;
  /** CPUs this process may run on; null when unknown. */
  affinityCpus: number | null;
  /** The tightest cgroup CPU quota, in CPUs; null when unlimited. */
  quotaCpus: number | null;
  /** Go's default GOMAXPROCS here (and so the go command's default -p). */
  goDefaultProcs: number;
  /** GOMAXPROCS from the environment, as given; null when unset. */
  gomaxprocsEnv: string | null;
  /** cpufreq governor of CPU 0; null when not exposed. */
  governor: string | null;
  /** 1- and 5-minute load averages. */
  loadAvg1: number;
  loadAvg5: number;
}

/** Reachability of one GOPROXY entry (a URL), checked by listing golang.org/toolchain. */
export interface ProxyCheck {
  url: string;
  /** True when it answered with HTTP status below 500 (a 404 is a working proxy). */
  reachable: boolean;
  /** The status or the error, e.g. `HTTP 200 in 143 ms`, `ECONNREFUSED`. */
  detail: string;
}

/** The toolchain: the local one, what GOTOOLCHAIN selects, the newest one obtainable. */
export interface ToolchainFacts {
  /** The local go's version, e.g. go1.26.8. */
  local: string;
  /** GOTOOLCHAIN as the user's go commands see it (env, go env file, GOROOT/go.env). */
  gotoolchain: string;
  gotoolchainSource: SettingSource;
  /** The toolchain GOTOOLCHAIN (or the project's go.mod) switches to; null when none. */
  switchTo: string | null;
  /** Whether switchTo is already unpacked in GOMODCACHE; null without a switch. */
  switchCached: boolean | null;
  /** The newest release listed by the GOPROXY for this GOOS/GOARCH; null when not checked. */
  newest: string | null;
}

/** The project named with --project. */
export interface ProjectFacts {
  dir: string;
  /** The project has a vendor/modules.txt. */
  vendored: boolean;
  /** `go list -mod=vendor` agrees with go.mod; null when not vendored or not checked. */
  vendorConsistent: boolean | null;
  /** The go command's complaint when inconsistent (first lines). */
  vendorDetail: string | null;
  /** The `toolchain` line of go.mod (else its `go` line), e.g. go1.27.3; null when none. */
  toolchainLine: string | null;
}

/** The GOROOT in use, from `analyze goroot`'s resolution probe. */
export interface GorootFacts {
  /** As `go env GOROOT` prints it. */
  value: string;
  source: string;
  absolute: boolean;
  /** Every symlink followed on the way to the real GOROOT. */
  hops: LinkHop[];
  /** The real path; null when it does not resolve. */
  resolved: string | null;
  storage: StoragePlace | null;
  /** cmd/go's own validity checks (goroot-resolution.ts). */
  checks: ResolutionCheck[];
}

/** An open regression of this machine in the run store (the newest run judged as `check` does). */
export interface OpenRegression {
  scenarioId: string;
  metric: string;
  /** e.g. `+12.3% vs the baseline median 1.21 s`. */
  change: string;
  /** Fingerprint differences that changed near it, most likely first. */
  causes: string[];
}

/** Measurements of --thorough, each reusing an `analyze` experiment. */
export interface ThoroughFacts {
  /**
   * Added wall time of `go env GOROOT` per symlink hop in GOROOT, in ns: the Theil-Sen slope of
   * `analyze goroot`'s symlink experiment and its 95% bootstrap CI (null bounds: too few rounds).
   */
  symlinkPerHop?: { estimateNs: number; loNs: number | null; hiNs: number | null } | null;
  /**
   * 4 KiB random-read latency at queue depth 1 (O_DIRECT where the filesystem allows) of the
   * filesystems of GOROOT, GOCACHE and GOMODCACHE, by `analyze latency`'s built-in probe.
   */
  latency?: StorageLatency[];
  /** The short sweep of the go command's concurrency (`sweep`'s sampler and analysis). */
  sweep?: ConcurrencySweep | null;
}

/**
 * --thorough's short sweep: one small warm build scenario at Go's default concurrency (no
 * GOMAXPROCS, no -p) against the user's GOMAXPROCS and -p, or, with neither set, against half
 * and double Go's default GOMAXPROCS; configurations interleaved in a seeded shuffle per round.
 */
export interface ConcurrencySweep {
  /** The scenario measured, e.g. `build/hello-link`. */
  scenarioId: string;
  /** `your settings`: the user's GOMAXPROCS and -p; `around the default`: half and double. */
  compared: 'your settings' | 'around the default';
  /** Counted runs per configuration. */
  runs: number;
  /** Seed of the shuffled order of each round. */
  seed: number;
  /** Median wall time at the default, in ns; null when the default yielded nothing. */
  baseMedianNs: number | null;
  /** Why the default yielded nothing (its go command failed), else null. */
  baseFailure: string | null;
  /** Each setting against the default (the sweep's Holm-corrected comparisons). */
  points: SweepOutcome[];
}

/** One swept setting against the default, for wall time. */
export interface SweepOutcome {
  /** `GOMAXPROCS` or `p`. */
  param: 'GOMAXPROCS' | 'p';
  value: string;
  /** Median wall time in ns; null when it yielded nothing. */
  medianNs: number | null;
  /** median / default median - 1 (0.05: 5% slower); null when either is missing. */
  deltaFraction: number | null;
  /** Holm-corrected p-value of its comparison with the default; null when not compared. */
  pHolm: number | null;
  /** pHolm <= 0.05. */
  significant: boolean;
  /** Why it yielded nothing (its go command failed), else null. */
  failure: string | null;
}

/** One directory's measured read latency. */
export interface StorageLatency {
  /** `GOROOT`, `GOCACHE location`, `GOMODCACHE location`. */
  role: string;
  dir: string;
  fsType: string | null;
  /** direct: past the page cache; page-cache: the filesystem refused O_DIRECT. */
  cache: 'direct' | 'page-cache';
  reads: number;
  meanUs: number;
  p99Us: number;
}

/** Everything the rules look at. Pure data: tests build it by hand. */
export interface DoctorFacts {
  go: { path: string; version: string };
  /** `go env -json` as the user's go commands see it (GOCACHE, GOTOOLCHAIN from the user's setup). */
  goEnv: Record<string, string>;
  /** Where each non-default setting of goEnv came from (keys absent: default). */
  sources: Record<string, SettingSource>;
  goroot: GorootFacts | null;
  /** Every distinct `go` on PATH, first (the one used) first. */
  goOnPath: GoOnPath[];
  gocache: CacheFacts;
  gomodcache: CacheFacts;
  cpu: CpuFacts;
  /** One per URL entry of GOPROXY; empty when not checked (--quick) or none. */
  proxies: ProxyCheck[];
  toolchain: ToolchainFacts;
  project: ProjectFacts | null;
  /** Null when there is no run store or no stored run of this machine. */
  regressions: OpenRegression[] | null;
  thorough: ThoroughFacts | null;
}

/** The --json document. */
export interface DoctorReport {
  schemaVersion: typeof DOCTOR_REPORT_SCHEMA;
  command: 'doctor';
  mode: 'quick' | 'normal' | 'thorough';
  /** Worst first, then by rule order. */
  findings: Finding[];
  /** Counts per severity. */
  summary: Record<Severity, number>;
  facts: DoctorFacts;
  /** What doctor could not check, one line each. */
  notes: string[];
}

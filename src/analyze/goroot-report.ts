// What `analyze goroot` reports (the --json document) and its rendering as terminal text.
// Pure: data in, text out. Durations in ns, sizes in bytes, ratios dimensionless.
import Table from 'cli-table3';
import { displayUnitFor, formatIn, formatNumber, formatValue } from '../report/units.js';
import { summarize } from '../stats/index.js';
import { formatClaimValue, SYMLINK_CLAIM, TMPFS_CLAIM, type ClaimCheck } from './goroot-claims.js';
import type { GorootSource, PathTrace, ResolutionCheck } from './goroot-resolution.js';
import { formatStorage, type StorageSummary } from './goroot-placement.js';
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

const STYLE = { head: [] as string[], border: [] as string[], compact: true };

function table(head: string[], colWidths?: number[]): Table.Table {
  return new Table({ head, style: STYLE, ...(colWidths ? { colWidths, wordWrap: true } : {}) });
}

/** "/a -> b -> /c", or "no symlinks". */
export function formatTrace(trace: PathTrace): string {
  if (trace.error) return `cannot resolve: ${trace.error}`;
  if (trace.hops.length === 0) return 'no symlinks (a physical path)';
  const hops = trace.hops.map((h) => `${h.link} -> ${h.target}`).join(', ');
  return `${trace.hops.length} symlink${trace.hops.length === 1 ? '' : 's'}: ${hops}; real path ${trace.resolved}`;
}

function medianText(s: TimedSeries): string {
  return s.median === null ? 'failed' : formatValue('ns', s.median);
}

function ciText(s: TimedSeries): string {
  if (s.median === null) return '';
  if (s.ciLo === null || s.ciHi === null) return 'n/a';
  const unit = displayUnitFor('ns', s.median);
  return `${formatIn(s.ciLo, unit)} … ${formatIn(s.ciHi, unit)}`;
}

function intervalText(i: BootstrapInterval, f: (v: number) => string): string {
  if (!Number.isFinite(i.estimate)) return 'n/a';
  return i.lo === null || i.hi === null
    ? `${f(i.estimate)} (no CI)`
    : `${f(i.estimate)} (${f(i.lo)} … ${f(i.hi)})`;
}

/** The per-level cost as [estimate, CI] cells. */
function perLevelCells(i: BootstrapInterval): [string, string] {
  if (!Number.isFinite(i.estimate)) return ['n/a', ''];
  const f = (v: number): string => formatClaimValue(SYMLINK_CLAIM, v);
  return [f(i.estimate), i.lo === null || i.hi === null ? 'n/a' : `${f(i.lo)} … ${f(i.hi)}`];
}

function ratioText(i: BootstrapInterval): string {
  return intervalText(i, (v) => formatClaimValue(TMPFS_CLAIM, v));
}

function claimLines(checks: ClaimCheck[]): string[] {
  const lines: string[] = [];
  let last = '';
  for (const c of checks) {
    if (c.claim !== last) {
      lines.push(`Claim (source document): "${c.claim}"`);
      last = c.claim;
    }
    lines.push(`  ${c.measured}: ${c.verdict.toUpperCase()}: ${c.evidence}`);
  }
  return lines;
}

function renderResolution(r: ResolutionReport): string {
  const t = table([], [25, 95]);
  const envFile =
    r.goEnvFile === ''
      ? 'off (GOENV=off)'
      : `${r.goEnvFile}${r.goEnvFileGoroot === null ? ' (no GOROOT in it)' : ` (GOROOT=${r.goEnvFileGoroot})`}`;
  t.push(
    ['go binary', r.goBinary.path],
    ['  its symlinks', formatTrace(r.goBinary.trace)],
    [
      '  built with -trimpath',
      r.goBinary.trimmed === null
        ? 'unknown'
        : r.goBinary.trimmed
          ? 'yes: no built-in GOROOT, only its location or GOROOT can supply one'
          : 'no: it also knows the GOROOT it was built with',
    ],
    ['GOROOT (go env GOROOT)', r.goroot],
    ['  came from', `${r.source}: ${r.sourceDetail}`],
    [
      '  cmd/go rules predict',
      `${r.predicted || '(none)'}${r.agrees ? ' (agrees)' : ' (DIFFERS)'}`,
    ],
    ['  GOROOT in environment', r.environment ?? '(unset)'],
    ['  go env file (GOENV)', envFile],
    ['  absolute', r.absolute ? 'yes' : 'NO (relative)'],
    ['  its symlinks', formatTrace(r.trace)],
    ['  stored on', r.storage ? formatStorage(r.storage) : 'unknown'],
  );
  const checks = table(['', 'check', 'detail'], [6, 38, 76]);
  for (const c of r.checks)
    checks.push([c.ok === null ? '–' : c.ok ? 'ok' : 'FAIL', c.name, c.detail]);
  const out = ['GOROOT resolution', t.toString(), checks.toString()];
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

function renderSymlinks(s: SymlinkExperiment): string {
  const head = ['depth', 'symlinks followed'];
  for (const c of s.commands) head.push(`${c}: median`, '95% CI');
  const t = table(head);
  for (const d of s.perDepth) {
    const row = [String(d.depth), String(d.hops)];
    for (const c of s.commands) {
      const series = d.series[c];
      row.push(series ? medianText(series) : '', series ? ciText(series) : '');
    }
    t.push(row);
  }
  const slope = ['cost per level', ''];
  for (const c of s.commands) {
    const p = s.perLevel.find((x) => x.command === c);
    slope.push(...(p ? perLevelCells(p.interval) : ['n/a', '']));
  }
  t.push(slope);
  const lines = [
    `Symlink depth (GOROOT=<link> <link>/bin/go …; a chain of absolute symlinks to ${s.target} in a private dir; ${s.runs} runs per depth and command, interleaved)`,
    t.toString(),
    `per-level cost: ${s.method}`,
    `${s.commands.at(-1) ?? 'the stat probe'}: lstat of the ${s.statEntries} entries of GOROOT/src through each chain, timed in Node; its per-level cost is per path lookup, which a go command pays for every file it opens or stats under GOROOT (not judged against the claim, which is per command)`,
  ];
  for (const d of s.perDepth) {
    if (d.reportedGoroot !== d.goroot) {
      lines.push(
        `note: depth ${d.depth}: go env GOROOT printed ${d.reportedGoroot}, not ${d.goroot}`,
      );
    }
    for (const [c, series] of Object.entries(d.series)) {
      if (series.failures > 0) {
        lines.push(
          `note: depth ${d.depth}, ${c}: ${series.failures} run(s) failed (${series.firstFailure ?? ''})`,
        );
      }
    }
  }
  lines.push(...claimLines(s.claims));
  return lines.join('\n');
}

function placementText(p: PlacementInfo | null): string {
  if (!p) return '(none)';
  if (p.storage) return `${p.dir} (${formatStorage(p.storage)})`;
  const source = p.source && p.source !== p.fsType ? ` on ${p.source}` : '';
  return `${p.dir} (${p.fsType ?? '?'}${source})`;
}

function renderTmpfs(x: TmpfsExperiment): string {
  if (x.skipped !== null) {
    return `GOROOT on tmpfs vs disk: skipped: ${x.skipped}`;
  }
  const t = table([
    'command',
    'n',
    'disk: median',
    '95% CI',
    'tmpfs: median',
    '95% CI',
    'tmpfs/disk (95% CI)',
    'p',
  ]);
  for (const r of x.rows) {
    const n = r.disk.n === r.tmpfs.n ? String(r.disk.n) : `${r.disk.n}/${r.tmpfs.n}`;
    t.push([
      r.per === 'run' ? r.command : `${r.command} (per call)`,
      n,
      medianText(r.disk),
      ciText(r.disk),
      medianText(r.tmpfs),
      ciText(r.tmpfs),
      ratioText(r.ratio),
      r.p === null ? '' : formatNumber(r.p),
    ]);
  }
  const copy = x.copyNs
    ? `; cp -a took ${formatValue('ns', x.copyNs.disk)} to disk, ${formatValue('ns', x.copyNs.tmpfs)} to tmpfs`
    : '';
  const lines = [
    'GOROOT on tmpfs vs disk (a cp -a copy of GOROOT on each; same private GOCACHE location for both)',
    `disk:  ${placementText(x.disk)}`,
    `tmpfs: ${placementText(x.tmpfs)}`,
    `GOROOT: ${x.gorootBytes === null ? '?' : formatValue('bytes', x.gorootBytes)}${copy}`,
    t.toString(),
  ];
  for (const r of x.rows) {
    for (const [medium, s] of [
      ['disk', r.disk],
      ['tmpfs', r.tmpfs],
    ] as const) {
      if (s.failures > 0) {
        lines.push(
          `note: ${r.command} on ${medium}: ${s.failures} run(s) failed (${s.firstFailure ?? ''})`,
        );
      }
    }
  }
  for (const n of x.notes) lines.push(`note: ${n}`);
  lines.push(...claimLines(x.claims));
  return lines.join('\n');
}

/** The report as terminal text. */
export function renderGorootReport(r: GorootReport): string {
  const parts = [
    `gobaseline analyze goroot · ${r.go.version} · ${r.go.path}`,
    renderResolution(r.resolution),
  ];
  if (r.symlinks) parts.push(renderSymlinks(r.symlinks));
  if (r.tmpfs) parts.push(renderTmpfs(r.tmpfs));
  const tail = [
    `load average (1 min): ${r.load.start.toFixed(2)} at start, ${r.load.end.toFixed(2)} at end, ${r.load.threads} hardware threads; timed by ${r.measuredBy}`,
  ];
  for (const w of r.warnings) tail.push(`warning: ${w}`);
  parts.push(tail.join('\n'));
  return `${parts.join('\n\n')}\n`;
}

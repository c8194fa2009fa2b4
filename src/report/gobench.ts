// A run in the Go benchmark format (golang.org/design/14313-benchmark-format), so the real
// benchstat reads it: configuration lines for the environment, `Unit` metadata lines, and one
// result line per successful sample (iteration count 1: one op is one run of the command).
// Failed samples are not written: they are not timings. Pure.
import type { RunRecord, ScenarioResult } from '../measure/run-record.js';
import type { MetricSpec } from '../scenarios/types.js';
import { measuredMetrics, type Reporter } from './reporter.js';
import { comparesToolchains } from './terminal-table.js';

/** Metrics whose repeated measurements are identical by construction (benchstat `assume=exact`). */
export const EXACT_METRICS: ReadonlySet<string> = new Set(['binarySizeBytes']);

/** Units named after tools Go users know: ns/op as go test, peak-RSS-bytes as x/benchmarks/sweet. */
const KNOWN_UNITS: Readonly<Record<string, string>> = {
  wallNs: 'ns/op',
  userNs: 'user-sec/op',
  sysNs: 'sys-sec/op',
  peakRssBytes: 'peak-RSS-bytes',
};

/** `selfPeakRss` → `self-peak-RSS`: hyphenated words, acronyms kept upper case. */
function hyphenate(camel: string): string {
  return camel
    .replace(/Rss/g, 'RSS')
    .replace(/Cpu/g, 'CPU')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/(^|-)([A-Z])(?=[a-z0-9]|$|-)/g, (_, sep: string, c: string) => sep + c.toLowerCase());
}

/**
 * The Go benchmark unit of a metric. Wall time is `ns/op` as go test writes it (one op is one
 * run of the command). Every other time is in seconds, `<name>-sec/op` (`userNs` →
 * `user-sec/op`, `pkgCompileNs` → `pkg-compile-sec/op`): CPU times are often exactly 0 (tick
 * granularity), and benchstat rescales an `ns` unit to `sec` only where that changes the value,
 * so a 0 would land in a unit of its own. Sizes are peaks in bytes (`binarySizeBytes` →
 * `binary-size-bytes`), counts are per op (`gcCycles` → `gc-cycles/op`), percentages end in
 * `-percent`.
 */
export function gobenchUnit(spec: MetricSpec): string {
  const known = KNOWN_UNITS[spec.key];
  if (known) return known;
  const suffix = { ns: /Ns$/, bytes: /Bytes$/, percent: /Percent$/, count: /$^/ }[spec.unit];
  const base = hyphenate(spec.key.replace(suffix, ''));
  switch (spec.unit) {
    case 'ns':
      return `${base}-sec/op`;
    case 'bytes':
      return `${base}-bytes`;
    case 'percent':
      return `${base}-percent`;
    case 'count':
      return `${base}/op`;
  }
}

/** Nanoseconds as an exact decimal number of seconds: 2468000 → `0.002468`. */
export function secondsText(ns: number): string {
  if (!Number.isSafeInteger(ns)) return String(ns / 1e9);
  const digits = String(Math.abs(ns)).padStart(10, '0');
  const text = `${digits.slice(0, -9)}.${digits.slice(-9)}`.replace(/\.?0+$/, '');
  return ns < 0 ? `-${text}` : text;
}

/** A metric value as written in a result line, in the metric's Go benchmark unit. */
export function gobenchValue(spec: MetricSpec, value: number): string {
  return spec.unit === 'ns' && spec.key !== 'wallNs' ? secondsText(value) : String(value);
}

/**
 * The GOMAXPROCS the measured commands ran with: the run's `GOMAXPROCS` setting if it has one,
 * else the hardware threads (the runtime default; a cgroup CPU limit may lower it on Go 1.25+).
 */
export function runGomaxprocs(run: RunRecord): number {
  const set = Number(run.config.env.GOMAXPROCS ?? run.config.userEnv.GOMAXPROCS);
  return Number.isInteger(set) && set > 0 ? set : run.fingerprint.cpu.threads;
}

/**
 * A scenario's benchmark name without the `Benchmark` prefix, as go test names sub-benchmarks:
 * `startup/go-version` at GOMAXPROCS 2 → `Startup/go-version-2` (no suffix at GOMAXPROCS 1).
 * A run of several toolchains adds the toolchain as a name key, `Startup/go-version/toolchain=
 * go1.27.3-2`, so `benchstat -col /toolchain` sets them side by side.
 */
export function benchmarkName(scenarioId: string, gomaxprocs: number, toolchain?: string): string {
  let name = scenarioId.charAt(0).toUpperCase() + scenarioId.slice(1).replace(/\s/g, '_');
  if (toolchain) name += `/toolchain=${toolchain.replace(/[\s/]+/g, '_')}`;
  return gomaxprocs === 1 ? name : `${name}-${gomaxprocs}`;
}

/** `go version go1.26.8 linux/amd64` → `go1.26.8`. */
function goVersionOf(line: string): string {
  return /\b(go\d\S*)/.exec(line)?.[1] ?? line;
}

/** The host name inside a run id (`<UTC start>-<host>-<4 hex>`), or null if it has another form. */
function hostOf(runId: string): string | null {
  const m = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-(.+)-[0-9a-f]{4}$/.exec(runId);
  return m?.[1] ?? null;
}

/** A configuration value on one line (the format forbids newlines). */
function oneLine(value: string): string {
  return value.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * File-level configuration lines, in order: the environment that stays the same from run to
 * run on one machine, so `benchstat old.txt new.txt` puts two runs in one table (values that
 * differ split benchstat's tables, as `cpu:` does for go test output). Keys: goos, goarch, cpu,
 * go-version (of a single-toolchain run), machine (host name), measured-by, then each `--env`
 * setting by its lower-cased name (`gomaxprocs`, `gogc`, ...). The run id and start time are
 * in a `#` comment line, which readers ignore: as configuration they would differ between any
 * two runs and keep benchstat from comparing them.
 */
export function gobenchConfig(run: RunRecord): [string, string][] {
  const fp = run.fingerprint;
  const config = new Map<string, string>();
  const set = (key: string, value: string | null | undefined): void => {
    // A key starts with a lower-case letter and has no space, upper-case letter or colon.
    if (!/^\p{Ll}[^\s\p{Lu}:]*$/u.test(key)) return;
    if (value !== undefined && value !== null && oneLine(value) !== '')
      config.set(key, oneLine(value));
  };
  set('goos', fp.go.env.GOOS ?? fp.os.platform);
  set('goarch', fp.go.env.GOARCH ?? fp.os.arch);
  set('cpu', fp.cpu.model);
  // With several toolchains the version is in each benchmark name instead (see benchmarkName).
  if (!comparesToolchains(run)) set('go-version', goVersionOf(fp.go.version));
  set('machine', hostOf(run.id));
  set('measured-by', run.config.measuredBy);
  for (const [key, value] of Object.entries(run.config.userEnv)) set(key.toLowerCase(), value);
  return [...config];
}

/** Right-aligns each column of rows (of cells) with tabs between them, as go test lays it out. */
function alignColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('\t'),
  );
}

/** The result lines of one scenario: one per successful sample, every metric it has. */
function resultLines(result: ScenarioResult, name: string): string[][] {
  const metrics = measuredMetrics(result);
  const rows: string[][] = [];
  for (const sample of result.samples) {
    if (!sample.ok) continue;
    const row = [`Benchmark${name}`, '1'];
    for (const { spec } of metrics) {
      const v = sample.metrics[spec.key];
      if (typeof v === 'number' && Number.isFinite(v))
        row.push(`${gobenchValue(spec, v)} ${gobenchUnit(spec)}`);
    }
    if (row.length > 2) rows.push(row);
  }
  return rows;
}

/** Renders a run in the Go benchmark format. */
export function renderGoBench(run: RunRecord): string {
  const procs = runGomaxprocs(run);
  const several = comparesToolchains(run);
  const out: string[] = [
    `# gobaseline ${run.tool.version} run ${run.id} (${run.status}), started ${run.startedAt}`,
  ];
  if (several) {
    const list = (run.config.toolchains ?? []).map((t) => `${t.label} (${t.goPath})`);
    out.push(`# toolchains: ${list.join(', ')}`);
  }
  for (const [key, value] of gobenchConfig(run)) out.push(`${key}: ${value}`);

  const units = new Map<string, MetricSpec>();
  for (const result of run.scenarios)
    for (const { spec } of measuredMetrics(result)) units.set(gobenchUnit(spec), spec);
  for (const [unit, spec] of units)
    out.push(`Unit ${unit} better=lower${EXACT_METRICS.has(spec.key) ? ' assume=exact' : ''}`);

  let cache: string | null = null;
  for (const result of run.scenarios) {
    const name = benchmarkName(result.scenarioId, procs, several ? result.toolchain : undefined);
    const rows = resultLines(result, name);
    if (rows.length === 0) continue;
    if (result.cache !== cache) {
      cache = result.cache;
      out.push(`cache: ${cache}`);
    }
    out.push(...alignColumns(rows));
  }
  return `${out.join('\n')}\n`;
}

/** `report --format gobench`. */
export const goBenchReporter: Reporter = { render: renderGoBench };

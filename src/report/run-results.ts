// A run record as benchmark results (parse/bench-result.ts), converted directly: one result
// per successful sample (a failed sample is not a timing, and is kept as a warning), named as go
// test names sub-benchmarks, with values in the Go benchmark units that `report --format gobench`
// writes and the record's own metric key and value beside each. Pure.
import type { BenchResult, BenchResults, ResultWarning } from '../parse/bench-result.js';
import { nameValue, setUnitMetadata } from '../parse/bench-result.js';
import type { RunRecord, ScenarioResult } from '../record/run-record.js';
import { metricAssumption } from '../scenarios/catalogue.js';
import type { MetricSpec } from '../scenarios/types.js';
import { measuredMetrics } from './reporter.js';
import { toolchainsOnly } from './configuration-names.js';
import { comparesConfigurations, displayName } from './terminal-table.js';

/** True when the run measured more than one toolchain (their labels then name benchmarks). */
function comparesToolchains(run: RunRecord): boolean {
  return (run.config.toolchains?.length ?? 1) > 1;
}

export { metricAssumption };

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

/** A metric value in the metric's Go benchmark unit (nanoseconds become seconds, but ns/op). */
export function gobenchValue(spec: MetricSpec, value: number): number {
  return spec.unit === 'ns' && gobenchUnit(spec) !== 'ns/op' ? value / 1e9 : value;
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
 * `keys` become `/key=value` parts: a run of several toolchains adds the toolchain,
 * `Startup/go-version/toolchain=go1.27.3-2`, so `benchstat -col /toolchain` sets them side by
 * side; a sweep adds its parameters, `Build/net-http-cold/gomaxprocs=1/p=2-1`. benchstat reads
 * `/gomaxprocs` from the `-N` suffix, so `suffixAlways` writes it at 1 too: the points of a
 * GOMAXPROCS sweep then differ only in it and line up in `benchstat -col /gomaxprocs`.
 */
export function benchmarkName(
  scenarioId: string,
  gomaxprocs: number,
  keys: readonly (readonly [string, string])[] = [],
  suffixAlways = false,
): string {
  let name = scenarioId.charAt(0).toUpperCase() + scenarioId.slice(1).replace(/\s/g, '_');
  for (const [key, value] of keys) name += `/${key}=${nameValue(value)}`;
  return gomaxprocs === 1 && !suffixAlways ? name : `${name}-${gomaxprocs}`;
}

/** A positive whole GOMAXPROCS setting, or null when the value is not one (the runtime ignores it). */
function gomaxprocsSetting(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * How a scenario result is named in Go benchmark terms: its configuration's sweep parameters
 * as name keys (lower-cased), or `config=NAME` for a --config configuration, the toolchain in a
 * run of several, and the GOMAXPROCS the configuration ran with (its own setting, else the
 * run's).
 */
function resultName(run: RunRecord, scenario: ScenarioResult): string {
  const config = run.config.configurations?.find((c) => c.name === scenario.configuration);
  const several = comparesToolchains(run);
  const keys: [string, string][] = several ? [['toolchain', scenario.toolchain]] : [];
  const params = Object.entries(config?.params ?? {});
  for (const [k, v] of params) keys.push([k.toLowerCase(), v]);
  // A sweep names its configurations by their parameters (its default has none and no key).
  const sweep = run.config.configurations?.some((c) => Object.keys(c.params ?? {}).length > 0);
  if (!sweep && comparesConfigurations(run) && !toolchainsOnly(run)) {
    const suffix = `@${scenario.toolchain}`;
    const name = scenario.configuration;
    keys.push(['config', several && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name]);
  }
  const own = gomaxprocsSetting(config?.env.GOMAXPROCS);
  return benchmarkName(scenario.scenarioId, own ?? runGomaxprocs(run), keys, own !== null);
}

/**
 * The scenario results in the order they are written: as recorded, except that in a sweep the
 * configurations without parameters (the `default`) come after the swept ones. benchstat takes
 * the first column it sees as the base, and the default has no name keys: first, it would be a
 * column of its own that no other row shares (`benchstat -col /p` would warn about geomeans).
 */
function writeOrder(run: RunRecord): ScenarioResult[] {
  const configs = run.config.configurations ?? [];
  const swept = (s: ScenarioResult): boolean =>
    Object.keys(configs.find((c) => c.name === s.configuration)?.params ?? {}).length > 0;
  if (!run.scenarios.some(swept)) return run.scenarios;
  return [...run.scenarios.filter(swept), ...run.scenarios.filter((s) => !swept(s))];
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
 * The run's file configuration, in order: the environment that stays the same from run to run
 * on one machine, so `benchstat old.txt new.txt` puts two runs in one table (values that differ
 * split benchstat's tables, as `cpu:` does for go test output). Keys: goos, goarch, cpu,
 * go-version (of a single-toolchain run), machine (host name), measured-by, then each `--env`
 * setting by its lower-cased name (`gomaxprocs`, `gogc`, ...). The run id and start time are
 * not configuration: they would differ between any two runs and keep benchstat from comparing
 * them.
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

/** What a scenario's failed samples and setup failure leave out, as warnings. */
function scenarioWarnings(result: ScenarioResult, name: string): ResultWarning[] {
  if (result.setupFailure)
    return [
      {
        code: 'not-measured',
        message: `${name}: not measured, setup failed (${result.setupFailure.reason})`,
      },
    ];
  const failed = result.samples.filter((s) => !s.ok).length;
  if (failed === 0) return [];
  return [
    {
      code: 'failed-samples',
      message: `${name}: ${failed} of ${result.samples.length} runs failed and are left out (a failed run is not a timing)`,
    },
  ];
}

/**
 * The run's results: one per successful sample with every metric it has, labelled with its
 * `scenario`, `toolchain` and `configuration`; file configuration from gobenchConfig plus the scenario's `cache`
 * mode; unit metadata `better=lower` and `assume=exact` for exact metrics.
 */
export function runResults(run: RunRecord): BenchResults {
  const several = comparesConfigurations(run);
  const fileConfig = Object.fromEntries(gobenchConfig(run));
  const out: BenchResults = { results: [], units: new Map(), warnings: [] };
  for (const scenario of writeOrder(run)) {
    out.warnings.push(...scenarioWarnings(scenario, displayName(scenario, several)));
    const metrics = measuredMetrics(scenario);
    for (const { spec } of metrics) {
      const unit = gobenchUnit(spec);
      setUnitMetadata(out.units, unit, 'better', 'lower');
      if (metricAssumption(spec) === 'exact') setUnitMetadata(out.units, unit, 'assume', 'exact');
    }
    const name = resultName(run, scenario);
    const config = { ...fileConfig, cache: scenario.cache };
    const labels: Record<string, string> = {
      scenario: scenario.scenarioId,
      toolchain: scenario.toolchain,
      configuration: scenario.configuration,
    };
    for (const sample of scenario.samples) {
      if (!sample.ok) continue;
      // The round pairs the runs of interleaved configurations (report/compare.ts).
      const round: Record<string, string> =
        sample.round === undefined ? {} : { round: String(sample.round) };
      const values: BenchResult['values'] = [];
      for (const { spec } of metrics) {
        const v = sample.metrics[spec.key];
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        const unit = gobenchUnit(spec);
        values.push({
          value: gobenchValue(spec, v),
          unit,
          recorded: { key: spec.key, value: v },
        });
      }
      if (values.length > 0)
        out.results.push({ name, config, labels: { ...labels, ...round }, iterations: 1, values });
    }
  }
  return out;
}

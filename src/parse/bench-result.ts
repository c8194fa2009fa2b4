// The result model of the comparison core, after golang.org/x/perf/benchfmt's Result: a
// benchmark name, the configuration it ran in, and values with units. The Go benchmark reader
// (parse/gobench-reader.ts) produces it, the writer (report/gobench.ts) consumes it, and a run
// record converts to it directly (report/run-results.ts), so nothing is compared by writing it
// as text and reading it back. Grouping results is a projection (parse/bench-projection.ts), not
// a property of this model. Pure types and helpers.

/** One measurement of a result. */
export interface BenchValue {
  /** The measurement, in `unit`. */
  value: number;
  /** The unit as the Go benchmark format writes it: `ns/op`, `user-sec/op`, `peak-RSS-bytes`. */
  unit: string;
  /**
   * For a value converted from a run record: the metric key and the value as the record holds
   * it (`userNs`, in ns), where `unit` and `value` are its Go benchmark spelling (`user-sec/op`).
   */
  recorded?: { key: string; value: number };
}

/** One benchmark result: `go test` prints one line per result; a run record has one per sample. */
export interface BenchResult {
  /** Full name without the `Benchmark` prefix, GOMAXPROCS suffix included: `Fib/n=10-2`. */
  name: string;
  /** File configuration in effect (`goos`, `cpu`, `cache`, ...): `key: value` lines in the format. */
  config: Record<string, string>;
  /**
   * Keys that describe the result without being file configuration, which the format carries in
   * the name if at all: `scenario` and `toolchain` of a run record sample. Projections read them
   * as they read configuration.
   */
  labels: Record<string, string>;
  /** The iteration count (b.N); 1 for a run record sample (one op is one run of the command). */
  iterations: number;
  values: BenchValue[];
}

/** Metadata of one unit (`Unit <unit> key=value ...` lines), e.g. `better=lower`, `assume=exact`. */
export interface UnitInfo {
  /** The unit as first written (metadata applies to every spelling with the same tidied unit). */
  unit: string;
  metadata: Record<string, string>;
}

/** Unit metadata by tidied unit (see tidyUnit). */
export type UnitMetadata = Map<string, UnitInfo>;

/** Something about a source of results that is not a result (kept as data; callers word it). */
export interface ResultWarning {
  /** `failed-samples`: samples that failed are not results; `not-measured`: none were taken. */
  code: 'failed-samples' | 'not-measured';
  /** One line for people. */
  message: string;
}

/** Results from one source (a Go benchmark file or a run record), with their unit metadata. */
export interface BenchResults {
  results: BenchResult[];
  units: UnitMetadata;
  warnings: ResultWarning[];
}

/**
 * Normalizes a unit as benchstat does for its unit metadata: `ns` in the numerator becomes
 * `sec` and `MB` becomes `B` (`ns/op` → `sec/op`), so metadata given for either spelling applies.
 */
export function tidyUnit(unit: string): string {
  let denominator = false;
  return unit.replace(/([*/])|([^*/\s-]+)/g, (whole, sep: string | undefined, tok: string) => {
    if (sep) {
      denominator = sep === '/';
      return whole;
    }
    if (denominator) return tok;
    return tok === 'ns' ? 'sec' : tok === 'MB' ? 'B' : tok;
  });
}

/** The metadata value `key` (`better`, `assume`) of a unit in any spelling, or undefined. */
export function unitMetadata(units: UnitMetadata, unit: string, key: string): string | undefined {
  return units.get(tidyUnit(unit))?.metadata[key];
}

/**
 * Sets metadata `key=value` of `unit`. Returns the value already set when it differs (the caller
 * decides whether that is an error), else null.
 */
export function setUnitMetadata(
  units: UnitMetadata,
  unit: string,
  key: string,
  value: string,
): string | null {
  const tidy = tidyUnit(unit);
  const info = units.get(tidy) ?? { unit, metadata: {} };
  units.set(tidy, info);
  const had = info.metadata[key];
  if (had !== undefined && had !== value) return had;
  info.metadata[key] = value;
  return null;
}

/**
 * A value as it can stand in a benchmark name (`key=value` parts separated by `/`, no spaces
 * on the line): `/` and runs of whitespace become `_`, so `-s -w` is `-s_-w`.
 */
export function nameValue(value: string): string {
  return value.replace(/[\s/]+/g, '_');
}

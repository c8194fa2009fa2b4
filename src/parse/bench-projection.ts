// Grouping results into samples, after golang.org/x/perf/benchproc: a projection names each
// result's row and column by a key (the benchmark name, any configuration key such as `cache` or
// `goos`, or a label such as `toolchain`, `scenario`, `.file`) and each value's metric, and
// collects the values that share row, column and metric. Every grouping of the comparison (by
// input file, by toolchain, later by any configuration key) is one call of `project`. Pure.
import type { BenchResult, BenchValue } from './bench-result.js';

/**
 * What names a group: `.name` (the full benchmark name), a label or configuration key (labels
 * win), or a function of the result. A result without the key is in the group named ''.
 */
export type ProjectionKey = string | ((result: BenchResult) => string);

/** The metric a value counts toward, and the value as that metric reads it. */
export interface MetricValue {
  metric: string;
  value: number;
}

/** How values are grouped. */
export interface Projection {
  row: ProjectionKey;
  column: ProjectionKey;
  /** Picks each value's metric; default: its unit as written (`ns/op`). */
  metric?: (value: BenchValue) => MetricValue;
  /** Names what pairs values across columns (a run's `round`); kept beside the values. */
  pair?: ProjectionKey;
}

/** All values of one row, column and metric, in input order: benchstat's sample. */
export interface Sample {
  row: string;
  column: string;
  metric: string;
  values: number[];
  /** With a `pair` key: each value's pair name, parallel to `values`. */
  pairs?: string[];
}

/** The value of `key` for a result ('' without one). */
export function keyValue(result: BenchResult, key: ProjectionKey): string {
  if (typeof key === 'function') return key(result);
  if (key === '.name') return result.name;
  return result.labels[key] ?? result.config[key] ?? '';
}

/** A value under its unit, as written. */
export const byUnit = (v: BenchValue): MetricValue => ({ metric: v.unit, value: v.value });

/** Groups the values of `results` into samples, in order of first appearance. */
export function project(results: readonly BenchResult[], projection: Projection): Sample[] {
  const metricOf = projection.metric ?? byUnit;
  const samples = new Map<string, Sample>();
  for (const result of results) {
    const column = keyValue(result, projection.column);
    const row = keyValue(result, projection.row);
    for (const v of result.values) {
      const { metric, value } = metricOf(v);
      const id = `${column}\u0000${row}\u0000${metric}`;
      let sample = samples.get(id);
      if (!sample) {
        sample = { row, column, metric, values: [], ...(projection.pair ? { pairs: [] } : {}) };
        samples.set(id, sample);
      }
      sample.values.push(value);
      if (projection.pair) sample.pairs?.push(keyValue(result, projection.pair));
    }
  }
  return [...samples.values()];
}

/** The distinct values of `key` over the results, in order of first appearance. */
export function keyValues(results: readonly BenchResult[], key: ProjectionKey): string[] {
  return [...new Set(results.map((r) => keyValue(r, key)))];
}

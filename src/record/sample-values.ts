// Reading metric values out of a scenario's samples: only successful samples count (a failed
// run is not a timing). Shared by the renderers and the analyses. Pure.
import type { MetricSpec, ScenarioResult } from './run-record.js';

/** The values of one metric over a scenario's successful samples, in run order. */
export function metricValues(result: ScenarioResult, key: string): number[] {
  return result.samples
    .filter((s) => s.ok)
    .map((s) => s.metrics[key])
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** The metrics of a scenario that have at least one value, with those values, in table order. */
export function measuredMetrics(result: ScenarioResult): { spec: MetricSpec; values: number[] }[] {
  return result.metrics
    .map((spec) => ({ spec, values: metricValues(result, spec.key) }))
    .filter((m) => m.values.length > 0);
}

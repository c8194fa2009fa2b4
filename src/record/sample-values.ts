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

/**
 * One metric's values of two configurations of an interleaved run, paired by round: `a[i]` and
 * `b[i]` come from the same round. Only rounds where both runs succeeded count; null when some
 * successful sample has no round (a version-1 record), so the pairs cannot be trusted.
 */
export function pairedByRound(
  a: ScenarioResult,
  b: ScenarioResult,
  key: string,
): { a: number[]; b: number[] } | null {
  const byRound = (r: ScenarioResult): Map<number, number> | null => {
    const out = new Map<number, number>();
    for (const s of r.samples) {
      if (!s.ok) continue;
      const v = s.metrics[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      if (s.round === undefined) return null;
      out.set(s.round, v);
    }
    return out;
  };
  const ra = byRound(a);
  const rb = byRound(b);
  if (!ra || !rb) return null;
  const rounds = [...ra.keys()].filter((k) => rb.has(k)).sort((x, y) => x - y);
  return { a: rounds.map((k) => ra.get(k) as number), b: rounds.map((k) => rb.get(k) as number) };
}

// Small run records for store tests, made from a captured real run.
import { readFileSync } from 'node:fs';
import type { RunRecord } from '../../src/record/run-record.js';
import { fixturePath } from './paths.js';

const read = (name: string): RunRecord =>
  JSON.parse(readFileSync(fixturePath(`runs/${name}`), 'utf8')) as RunRecord;
const base = read('startup-a.json');
/** A real run's drift canaries (go-start, cpu), captured here. */
const canary = read('startup-canary.json').canary!;

/**
 * A copy of a real run with a new id and start time, `samples` samples per scenario, and
 * optionally named configurations (as `run --config` records them), wall times scaled by
 * `scaleWall`, and with `scaleCanary` the captured canary samples scaled by it.
 */
export function tinyRun(
  id: string,
  startedAt: string,
  opts: {
    samples?: number;
    configurations?: string[];
    scaleWall?: number;
    scaleCanary?: number;
  } = {},
): RunRecord {
  const run = structuredClone(base);
  run.id = id;
  run.startedAt = startedAt;
  run.finishedAt = startedAt;
  const keep = opts.samples ?? 3;
  const scenarios = run.scenarios.map((s) => ({
    ...s,
    samples: s.samples.slice(0, keep).map((x) => ({
      ...x,
      metrics: { ...x.metrics, wallNs: (x.metrics.wallNs ?? 0) * (opts.scaleWall ?? 1) },
    })),
  }));
  run.scenarios = opts.configurations
    ? scenarios.flatMap((s) => opts.configurations!.map((c) => ({ ...s, configuration: c })))
    : scenarios;
  if (opts.scaleCanary !== undefined) {
    const k = opts.scaleCanary;
    run.canary = {
      canaries: canary.canaries.map((c) => ({
        ...c,
        median: c.median * k,
        ciLow: c.ciLow === null ? null : c.ciLow * k,
        ciHigh: c.ciHigh === null ? null : c.ciHigh * k,
        samples: c.samples.map((x) => x * k),
      })),
    };
  }
  return run;
}

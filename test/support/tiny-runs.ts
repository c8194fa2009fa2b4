// Small run records for store tests, made from a captured real run.
import { readFileSync } from 'node:fs';
import type { RunRecord } from '../../src/record/run-record.js';
import { fixturePath } from './paths.js';

const base = JSON.parse(readFileSync(fixturePath('runs/startup-a.json'), 'utf8')) as RunRecord;

/**
 * A copy of a real run with a new id and start time, `samples` samples per scenario, and
 * optionally named configurations (as `run --config` records them).
 */
export function tinyRun(
  id: string,
  startedAt: string,
  opts: { samples?: number; configurations?: string[]; scaleWall?: number } = {},
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
  return run;
}

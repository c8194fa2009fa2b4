// A sweep's run record for the pure tests: the fingerprint of a real run (startup-a.json) with
// a GOMAXPROCS × p sweep of build/net-http-cold whose wall times are made up, deterministic,
// and differ by known factors per configuration.
import { readFileSync } from 'node:fs';
import type {
  Configuration,
  RunRecord,
  Sample,
  ScenarioResult,
} from '../../src/record/run-record.js';
import { PROCESS_METRICS } from '../../src/scenarios/types.js';
import { parseParams, sweepConfigurations, sweepPoints } from '../../src/analyze/sweep-params.js';
import { fixturePath } from './paths.js';

/** Wall-time factor of each configuration against the default (1). */
export const FACTORS: Record<string, number> = {
  default: 1,
  'gomaxprocs=1/p=1': 1.6,
  'gomaxprocs=1/p=2': 1.5,
  'gomaxprocs=2/p=1': 1.3,
  'gomaxprocs=2/p=2': 0.995,
};

/** The sweep's configurations: default, then GOMAXPROCS=1,2 × p=1,2. */
export function testSweepConfigurations(toolchain = 'go1.26.8'): Configuration[] {
  return sweepConfigurations(sweepPoints(parseParams(['GOMAXPROCS=1,2', 'p=1,2'])), toolchain);
}

/** A little noise, the same every time: ±1% in a fixed pattern. */
function jitter(i: number): number {
  return 1 + (((i * 7919) % 21) - 10) / 1000;
}

/** The made-up sweep run, `runs` samples per configuration; `failing` names configurations whose every run failed. */
export function sweepRun(runs = 10, failing: readonly string[] = []): RunRecord {
  const base = JSON.parse(readFileSync(fixturePath('runs/startup-a.json'), 'utf8')) as RunRecord;
  const configurations = testSweepConfigurations(base.config.toolchains[0]?.label);
  const scenarios: ScenarioResult[] = configurations.map((c, ci) => {
    const samples: Sample[] = Array.from({ length: runs }, (_, round) => {
      const seq = round * configurations.length + ci;
      if (failing.includes(c.name)) {
        const failed: Sample = {
          seq,
          round,
          position: ci,
          ok: false,
          metrics: {},
          failure: { reason: 'exit status 2', stderrTail: 'go: invalid value' },
        };
        return failed;
      }
      const wall = Math.round(20e9 * (FACTORS[c.name] ?? 1) * jitter(seq));
      return {
        seq,
        round,
        position: ci,
        ok: true,
        metrics: {
          wallNs: wall,
          userNs: Math.round(wall * 1.8),
          sysNs: Math.round(wall * 0.2),
          peakRssBytes: Math.round(300e6 * jitter(seq + 3)),
        },
      };
    });
    return {
      scenarioId: 'build/net-http-cold',
      toolchain: c.toolchain,
      configuration: c.name,
      argv: ['/usr/local/go/bin/go', 'build', '-o', '/dev/null', 'net/http'],
      warmup: 0,
      runsRequested: runs,
      samples,
      stoppedEarly: false,
      description: 'cold build of net/http',
      cache: 'fresh',
      metrics: PROCESS_METRICS,
    };
  });
  return {
    ...base,
    id: '2026-11-30T17-00-00Z-sweephost-abcd',
    config: {
      ...base.config,
      scenarios: ['build/net-http-cold'],
      configurations,
      order: { kind: 'shuffle', seed: 1 },
    },
    scenarios,
  };
}

/**
 * The sweep's first two configurations only, `rounds` rounds: b 3% slower than a in every
 * round while the machine slows by 20% over the run (a drift only pairing by round sees past).
 */
export function driftingRun(rounds: number): RunRecord {
  const run = sweepRun(rounds);
  const [a, b] = run.scenarios;
  if (!a || !b) throw new Error('sweepRun gave fewer than two configurations');
  for (const [result, factor] of [
    [a, 1],
    [b, 1.03],
  ] as const) {
    result.samples.forEach((s, round) => {
      s.metrics.wallNs = Math.round(20e9 * factor * (1 + (0.2 * round) / rounds));
    });
  }
  run.scenarios = [a, b];
  run.config.configurations = run.config.configurations?.slice(0, 2) ?? [];
  return run;
}

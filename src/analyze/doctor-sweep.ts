// What `doctor --thorough`'s short sweep compares, before anything runs (the user's GOMAXPROCS
// and -p, else half and double Go's default GOMAXPROCS, as `sweep --param` points), and the
// sweep's analysis boiled down to the facts the rules read. Pure; the sampling is
// doctor-thorough.ts, through `sweep`'s own sampler and analysis.
import type { ConcurrencySweep, CpuFacts, SweepOutcome } from './doctor-report.js';
import { flagName, goflagsFields } from './doctor-fix.js';
import { BASE_CONFIGURATION, sweepPoints, type SweepPoint } from './sweep-params.js';
import type { SweepScenario } from './sweep-report.js';

/** The small warm build the short sweep measures: build and link hello world. */
export const SWEEP_SCENARIO = 'build/hello-link';
/** Counted runs per configuration, and uncounted rounds before them (after the priming). */
export const SWEEP_RUNS = 5;
export const SWEEP_WARMUP = 1;

/** The points of the short sweep (each one setting, `default` is added by the sweep) and why. */
export interface SweepChoice {
  compared: ConcurrencySweep['compared'];
  points: SweepPoint[];
}

/** A positive whole number other than `unlike`, as a string; null otherwise. */
function otherCount(raw: string | undefined | null, unlike: number): string | null {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n >= 1 && n !== unlike ? String(n) : null;
}

/**
 * The user's GOMAXPROCS and the -p of their GOFLAGS where they differ from Go's default (the
 * default -p is GOMAXPROCS), each a point of its own; with neither, half and double the default.
 */
export function chooseSweep(cpu: CpuFacts, goflags: string | undefined): SweepChoice {
  const procs = cpu.goDefaultProcs;
  const gomaxprocs = otherCount(cpu.gomaxprocsEnv, procs);
  const pField = goflagsFields(goflags).find((f) => flagName(f) === 'p');
  const p = otherCount(pField?.split('=')[1], procs);
  const points: SweepPoint[] = [];
  if (gomaxprocs !== null)
    points.push(...sweepPoints([{ name: 'GOMAXPROCS', kind: 'env', values: [gomaxprocs] }]));
  if (p !== null) points.push(...sweepPoints([{ name: 'p', kind: 'build', values: [p] }]));
  if (points.length > 0) return { compared: 'your settings', points };
  const values = [...new Set([Math.max(1, Math.floor(procs / 2)), procs * 2])]
    .filter((v) => v !== procs)
    .map(String);
  return {
    compared: 'around the default',
    points: sweepPoints([{ name: 'GOMAXPROCS', kind: 'env', values }]),
  };
}

/** The sweep's wall-time comparisons with the default, as the rules read them. */
export function sweepOutcome(
  analysis: SweepScenario,
  choice: SweepChoice,
  plan: { runs: number; seed: number },
): ConcurrencySweep {
  const wall = analysis.metrics.find((m) => m.key === 'wallNs');
  const points = choice.points.map((point): SweepOutcome => {
    const [param, value] = Object.entries(point.params)[0] ?? ['', ''];
    const row = wall?.rows.find((r) => r.configuration === point.name);
    const failure = analysis.failures.find((f) => f.configuration === point.name);
    return {
      param: param === 'p' ? 'p' : 'GOMAXPROCS',
      value,
      medianNs: row?.center ?? null,
      deltaFraction: row?.vsBase?.deltaFraction ?? null,
      pHolm: row?.vsBase?.pHolm ?? null,
      significant: row?.vsBase?.significant ?? false,
      failure: failure?.reason ?? null,
    };
  });
  return {
    scenarioId: analysis.scenarioId,
    compared: choice.compared,
    runs: plan.runs,
    seed: plan.seed,
    baseMedianNs: wall?.rows[0]?.center ?? null,
    baseFailure:
      analysis.failures.find((f) => f.configuration === BASE_CONFIGURATION)?.reason ?? null,
    points,
  };
}

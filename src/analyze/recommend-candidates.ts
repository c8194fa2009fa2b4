// Topology-aware recommendation of GOMAXPROCS and `go build -p`. Two pure halves: which values
// are worth measuring on this machine (Go's default, physical cores, logical CPUs, the CPU quota,
// a NUMA node, and their neighbours), and, from the sweep's measurements of them, what to
// recommend. A recommendation comes only from measured results that beat the default with a
// Holm-corrected p below alpha; otherwise the advice is to keep the default, with the evidence.
import type { TopologyInfo } from '../record/fingerprint.js';
import { formatValue } from '../record/units.js';
import { sweepPoints, type SweepPoint } from './sweep-params.js';
import type { SweepRow, SweepScenario } from './sweep-report.js';
import type { CandidatePlan, Recommendation } from './recommendation-report.js';

/** The values worth measuring on `topology` (see the module comment). */
export function recommendCandidates(topology: TopologyInfo): CandidatePlan {
  const upper = Math.max(1, topology.logicalCpus);
  const notes: string[] = [];
  const reasons = new Map<number, string[]>();
  const add = (value: number, reason: string): void => {
    if (!Number.isInteger(value) || value < 1 || value > upper) return;
    const list = reasons.get(value) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(value, list);
  };
  const measured = topology.goDefaultGomaxprocs;
  const defaultValue = Math.min(upper, measured ?? topology.goDefaultRule);
  add(defaultValue, measured !== null ? "Go's default, measured" : "Go's default by its rule");
  if (topology.physicalCores === null) {
    notes.push('sysfs does not say how many physical cores there are');
  } else if (topology.affinityCores !== null && topology.affinityCores < topology.physicalCores) {
    add(topology.affinityCores, 'physical cores this process may run on');
  } else {
    add(topology.physicalCores, 'physical cores');
  }
  add(upper, 'logical CPUs');
  const affinity = topology.affinityCpus;
  if (affinity !== null && affinity !== upper) add(affinity, 'CPUs this process may run on');
  const { quotaCpus, effectiveQuotaCpus } = topology.cgroup;
  if (effectiveQuotaCpus !== null) {
    const which =
      quotaCpus === effectiveQuotaCpus
        ? 'CPU quota'
        : "a parent cgroup's CPU quota (Go reads only its own)";
    add(Math.ceil(effectiveQuotaCpus), `${which} ${effectiveQuotaCpus} rounded up`);
    if (!Number.isInteger(effectiveQuotaCpus)) {
      add(Math.floor(effectiveQuotaCpus), `${which} ${effectiveQuotaCpus} rounded down`);
    }
  }
  if (topology.numaNodes !== null && topology.numaNodes > 1) {
    add(Math.floor(upper / topology.numaNodes), 'logical CPUs of one NUMA node');
    if (topology.physicalCores !== null) {
      add(
        Math.floor(topology.physicalCores / topology.numaNodes),
        'physical cores of one NUMA node',
      );
    }
  }
  const topologyValues = new Map(reasons);
  for (const [value, why] of topologyValues) {
    for (const neighbour of [value - 1, value + 1]) {
      // A value the topology names already has better reasons than being next to another.
      if (!topologyValues.has(neighbour)) add(neighbour, `neighbour of ${value} (${why[0] ?? ''})`);
    }
  }
  const candidates = [...reasons]
    .sort(([a], [b]) => a - b)
    .map(([value, why]) => ({ value, reasons: why, isDefault: value === defaultValue }));
  return { defaultValue, candidates, notes };
}

/** A measured configuration's wall time as the sweep analysis reports it. */
export type MeasuredCandidate = Pick<
  SweepRow,
  'configuration' | 'params' | 'n' | 'center' | 'ciLo' | 'ciHi' | 'vsBase'
>;

const percent = (fraction: number): string => `${(Math.abs(fraction) * 100).toFixed(1)}%`;

function describe(row: MeasuredCandidate): string {
  if (row.center === null) return `${row.configuration}: no successful run`;
  const ci =
    row.ciLo !== null && row.ciHi !== null
      ? ` [${formatValue('ns', row.ciLo)}, ${formatValue('ns', row.ciHi)}]`
      : ' [CI unbounded]';
  let change = '';
  const vs = row.vsBase;
  if (vs !== null && vs.deltaFraction !== null) {
    const direction = vs.deltaFraction < 0 ? 'faster' : 'slower';
    const verdict = vs.significant ? '' : ', not significant';
    change = `, ${percent(vs.deltaFraction)} ${direction} (p=${vs.pHolm.toPrecision(2)} Holm${verdict})`;
  }
  return `${row.configuration}: median ${formatValue('ns', row.center)}${ci}, n=${row.n}${change}`;
}

/** How a configuration's settings read as advice: `GOMAXPROCS=4`, `go build -p 2`. */
export function settingsText(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => (k === 'p' ? `go build -p ${v}` : `${k}=${v}`))
    .join(' and ');
}

/**
 * The recommendation from measured wall times, one row per configuration, the default's row
 * without params (see the module comment). `significant` is decided on the corrected p.
 */
export function recommend(rows: readonly MeasuredCandidate[]): Recommendation {
  const base = rows.find((r) => Object.keys(r.params).length === 0);
  if (base === undefined || base.center === null) {
    return {
      kind: 'unmeasured',
      settings: {},
      summary: 'no recommendation: the default configuration has no successful run to compare with',
      evidence: base ? [describe(base)] : [],
    };
  }
  const others = rows.filter((r) => r !== base);
  const measured = others.filter((r) => r.center !== null);
  const better = measured
    .filter((r) => r.vsBase?.significant === true && (r.vsBase.deltaFraction ?? 0) < 0)
    .sort((a, b) => (a.center as number) - (b.center as number));
  const byMedian = [...measured].sort((a, b) => (a.center as number) - (b.center as number));
  const failed = others.filter((r) => r.center === null);
  const evidence = [describe(base)];
  const best = better[0];
  if (best !== undefined) {
    evidence.push(describe(best));
    for (const row of better.slice(1)) evidence.push(describe(row));
  } else {
    for (const row of byMedian.slice(0, 3)) evidence.push(describe(row));
  }
  const slower = measured.filter(
    (r) => r.vsBase?.significant === true && (r.vsBase.deltaFraction ?? 0) > 0,
  );
  if (slower.length > 0) {
    evidence.push(
      `significantly slower than the default: ${slower.map((r) => r.configuration).join(', ')}`,
    );
  }
  if (failed.length > 0) {
    evidence.push(`no successful run: ${failed.map((r) => r.configuration).join(', ')}`);
  }
  evidence.push(
    `${measured.length} setting${measured.length === 1 ? '' : 's'} compared with the default, ` +
      'p-values Holm-corrected over all of them',
  );
  if (best === undefined) {
    return {
      kind: 'keep-default',
      settings: {},
      summary: 'keep the default: no measured setting was significantly faster',
      evidence,
    };
  }
  const delta = best.vsBase?.deltaFraction ?? 0;
  return {
    kind: 'change',
    settings: best.params,
    summary: `set ${settingsText(best.params)}: ${percent(delta)} faster than the default`,
    evidence,
  };
}

/**
 * The sweep points that measure the plan: every candidate but the default (which the `default`
 * configuration measures) as GOMAXPROCS, and as `-p` when the scenario builds with go build.
 */
export function recommendPoints(plan: CandidatePlan, withP: boolean): SweepPoint[] {
  const values = plan.candidates.filter((c) => !c.isDefault).map((c) => String(c.value));
  if (values.length === 0) return [];
  const points = sweepPoints([{ name: 'GOMAXPROCS', kind: 'env', values }]);
  return withP ? [...points, ...sweepPoints([{ name: 'p', kind: 'build', values }])] : points;
}

/** The recommendation for one swept scenario, from its wall-time rows. */
export function recommendFromSweep(scenario: SweepScenario): Recommendation {
  const wall = scenario.metrics.find((m) => m.key === 'wallNs');
  return recommend(wall?.rows ?? []);
}

// The terminal text of `sweep --recommend` (analyze/recommendation-report.ts): the topology in
// one line, the candidates with their reasons, then per scenario the recommendation and the
// measured evidence behind it. Pure.
import type { CandidatePlan, RecommendationReport } from '../analyze/recommendation-report.js';
import type { TopologyInfo } from '../record/fingerprint.js';
import { wrapText } from './fit-width.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `8 logical CPUs, 4 cores (2 threads each), 1 socket, 1 NUMA node, CPU quota 1.5, ...`. */
export function topologyLine(t: TopologyInfo): string {
  const parts = [plural(t.logicalCpus, 'logical CPU')];
  if (t.physicalCores !== null) {
    const smt = t.smtThreadsPerCore !== null && t.smtThreadsPerCore > 1;
    parts.push(
      `${plural(t.physicalCores, 'core')}${smt ? ` (${t.smtThreadsPerCore} threads each)` : ''}`,
    );
  }
  if (t.sockets !== null) parts.push(plural(t.sockets, 'socket'));
  if (t.numaNodes !== null) parts.push(plural(t.numaNodes, 'NUMA node'));
  if (t.affinityCpus !== null && t.affinityCpus !== t.logicalCpus) {
    parts.push(`${t.affinityCpus} allowed (affinity)`);
  }
  if (t.cgroup.effectiveQuotaCpus !== null) parts.push(`CPU quota ${t.cgroup.effectiveQuotaCpus}`);
  const measured = t.goDefaultGomaxprocs;
  parts.push(
    measured !== null
      ? `Go's default GOMAXPROCS ${measured} (measured)`
      : `Go's default GOMAXPROCS ${t.goDefaultRule} (by its rule: ${t.goDefaultNote ?? 'not measured'})`,
  );
  return parts.join(', ');
}

/** `1 (neighbour of 2), 2 = default (Go's default, physical cores)`. */
export function candidatesLine(plan: CandidatePlan): string {
  return plan.candidates
    .map((c) => `${c.value}${c.isDefault ? ' = default' : ''} (${c.reasons.join(', ')})`)
    .join('; ');
}

/** The whole section, wrapped to `width` columns (Infinity: unwrapped). */
export function renderRecommendation(report: RecommendationReport, width: number): string {
  const lines = [
    wrapText(`topology: ${topologyLine(report.topology)}`, width),
    wrapText(
      `candidates for ${report.params.join(' and ')}: ${candidatesLine(report.plan)}`,
      width,
    ),
  ];
  for (const note of [...report.plan.notes, ...report.topology.notes]) {
    lines.push(wrapText(`  note: ${note}`, width));
  }
  const several = report.scenarios.length > 1;
  for (const { scenarioId, recommendation } of report.scenarios) {
    lines.push(
      wrapText(
        `recommendation${several ? ` for ${scenarioId}` : ''}: ${recommendation.summary}`,
        width,
      ),
    );
    for (const e of recommendation.evidence) lines.push(wrapText(`  ${e}`, width));
  }
  return `${lines.join('\n')}\n`;
}

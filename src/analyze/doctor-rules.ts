// Every doctor rule, and the diagnosis: the rules applied to the facts, worst finding first.
// A rule is a small pure function from the facts to a finding (or several, or none); adding
// one is a function in its topic's file and its name in that file's list. Pure.
import { cacheRules } from './doctor-rules-caches.js';
import { CPU_RULES } from './doctor-rules-cpu.js';
import { GOROOT_RULES } from './doctor-rules-goroot.js';
import { MODULE_RULES } from './doctor-rules-modules.js';
import { TOOLCHAIN_RULES } from './doctor-rules-toolchain.js';
import type { DoctorFacts, Finding, OpenRegression, Severity } from './doctor-report.js';

/** A rule: the facts in, what it found out (nothing: null or an empty list). */
export type Rule = (facts: DoctorFacts) => Finding | Finding[] | null;

/** Open regressions of this machine in the run store, one finding each. */
export function openRegressions(f: DoctorFacts): Finding[] {
  return (f.regressions ?? []).map((r: OpenRegression) => ({
    id: 'open-regression',
    severity: 'warn',
    title: `${r.scenarioId} ${r.metric} regressed: ${r.change}`,
    evidence: [
      `the newest stored run judged against this machine's history (as gobaseline check does)`,
      ...r.causes.map((c) => `changed near it: ${c}`),
    ],
    why:
      r.causes.length > 0
        ? 'the environment changed near the regression: the causes are listed most likely first'
        : 'no fingerprint difference explains it: the machine or Go itself got slower',
    fix: {
      commands: ['gobaseline check', 'gobaseline history   # the series and its change points'],
    },
  }));
}

/** All rules in report order (within one severity). */
export const RULES: Rule[] = [
  ...GOROOT_RULES,
  cacheRules,
  ...MODULE_RULES,
  ...TOOLCHAIN_RULES,
  ...CPU_RULES,
  openRegressions,
];

const RANK: Record<Severity, number> = { bad: 0, warn: 1, info: 2 };

/** Applies every rule; the findings worst first, in rule order within a severity. */
export function diagnose(facts: DoctorFacts, rules: readonly Rule[] = RULES): Finding[] {
  const found: Finding[] = [];
  for (const rule of rules) {
    const r = rule(facts);
    if (r === null) continue;
    found.push(...(Array.isArray(r) ? r : [r]));
  }
  return found
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** Findings per severity. */
export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { bad: 0, warn: 0, info: 0 };
  for (const f of findings) out[f.severity] += 1;
  return out;
}

// What --thorough's short sweep says about a concurrency finding: the user's GOMAXPROCS or -p
// measured against Go's default on this machine, as evidence and expected gain: confirmed
// (significantly slower), refuted (significantly faster: the finding drops to info, no fix),
// or not confirmed (no significant difference). Without a setting of the user's, the sweep
// of half and double the default is a finding only when one of them is significantly faster.
// Pure.
import { formatValue } from '../record/units.js';
import type { ConcurrencySweep, DoctorFacts, Finding, SweepOutcome } from './doctor-report.js';

/** `GOMAXPROCS=4`, `-p=1`: the setting as the user writes it. */
export function settingName(o: Pick<SweepOutcome, 'param' | 'value'>): string {
  return o.param === 'p' ? `-p=${o.value}` : `GOMAXPROCS=${o.value}`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** A change against the default, signed: `+25.1%`, `−3.0%`. */
export function signedPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : '−'}${percent(Math.abs(fraction))}`;
}

/** How to measure it on a full build: `sweep` over the same setting. */
function longerSweep(o: Pick<SweepOutcome, 'param' | 'value'>): string {
  return `gobaseline sweep --scenario build/net-http-cold --param ${o.param}=${o.value}`;
}

/** One evidence line: the setting's median against the default's, the change and its test. */
export function sweepLine(s: ConcurrencySweep, o: SweepOutcome): string {
  const name = settingName(o);
  if (o.failure !== null) return `the short sweep could not measure ${name}: ${o.failure}`;
  if (s.baseFailure !== null)
    return `the short sweep could not measure the default: ${s.baseFailure}`;
  if (o.medianNs === null || s.baseMedianNs === null || o.deltaFraction === null)
    return `the short sweep has no figure for ${name} (interrupted?)`;
  const change = signedPercent(o.deltaFraction);
  const test = `Holm-corrected p=${o.pHolm === null ? '?' : o.pHolm.toFixed(3)}, ${s.runs} interleaved runs each`;
  return `measured here: ${s.scenarioId} takes ${formatValue('ns', o.medianNs)} with ${name} vs ${formatValue('ns', s.baseMedianNs)} at the default, ${change}${o.significant ? '' : ' ~ not significant'} (${test})`;
}

/** Whether the sweep confirms the setting is slower, refutes it, or cannot tell. */
export type SweepVerdict = 'confirmed' | 'refuted' | 'not confirmed' | 'not measured';

export function sweepVerdict(o: SweepOutcome): SweepVerdict {
  if (o.deltaFraction === null) return 'not measured';
  if (!o.significant || o.deltaFraction === 0) return 'not confirmed';
  return o.deltaFraction > 0 ? 'confirmed' : 'refuted';
}

/**
 * The finding about the user's `param`=`value` with the short sweep's measurement of it (when
 * --thorough swept it): the evidence line, the measured gain, and the severity and fix the
 * measurement leaves standing.
 */
export function withSweep(
  finding: Finding,
  f: DoctorFacts,
  param: SweepOutcome['param'],
  value: string,
): Finding {
  const s = f.thorough?.sweep;
  const o = s?.points.find((p) => p.param === param && p.value === value);
  if (!s || !o) return finding;
  const out: Finding = { ...finding, evidence: [...finding.evidence, sweepLine(s, o)] };
  const name = settingName(o);
  const delta = o.deltaFraction ?? 0;
  switch (sweepVerdict(o)) {
    case 'confirmed':
      out.expectedGain = `confirmed on this machine: ${s.scenarioId} takes ${percent(1 - 1 / (1 + delta))} less wall time without ${name}`;
      break;
    case 'refuted':
      out.severity = 'info';
      out.title = `${finding.title}, yet ${name} measured faster here`;
      out.fix = null;
      out.expectedGain = `refuted on this machine: ${s.scenarioId} is ${percent(-delta)} faster with ${name} than at the default; check a full build before changing it: ${longerSweep(o)}`;
      break;
    case 'not confirmed':
      out.expectedGain = `not confirmed on this machine: no significant difference on ${s.scenarioId}, a small build; a full one may show it: ${longerSweep(o)}`;
      break;
    case 'not measured':
      break;
  }
  return out;
}

/**
 * Without a setting of the user's: half or double Go's default GOMAXPROCS significantly faster
 * than the default on the short sweep (a hint that the default misjudges this machine).
 */
export function concurrencySweep(f: DoctorFacts): Finding | null {
  const s = f.thorough?.sweep;
  if (!s || s.compared !== 'around the default') return null;
  const faster = s.points
    .filter((o) => sweepVerdict(o) === 'refuted')
    .sort((a, b) => (a.deltaFraction ?? 0) - (b.deltaFraction ?? 0))[0];
  if (!faster) return null;
  return {
    id: 'gomaxprocs-sweep',
    severity: 'info',
    title: `${settingName(faster)} built ${s.scenarioId} ${percent(-(faster.deltaFraction ?? 0))} faster than Go's default GOMAXPROCS (${f.cpu.goDefaultProcs}) here`,
    evidence: s.points.map((o) => sweepLine(s, o)),
    why: "Go's default GOMAXPROCS (the CPUs this process may use, lowered to the CPU quota) is usually the fastest; a small build that is faster with another value hints at something the default misjudges (SMT siblings, a quota, other load), which only a longer sweep of a real build can tell",
    fix: {
      commands: [
        'gobaseline sweep --recommend --scenario build/net-http-cold   # before setting GOMAXPROCS',
      ],
    },
    expectedGain: `measured here: ${percent(-(faster.deltaFraction ?? 0))} less wall time on ${s.scenarioId}, a small build`,
  };
}

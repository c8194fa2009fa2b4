// `gobaseline doctor`'s text: each finding with its evidence, why it matters and the fix, worst
// first; the --fix list of commands; the --apply plan with the undo of each change. Pure.
import type {
  CacheFacts,
  ConcurrencySweep,
  DoctorFacts,
  DoctorReport,
  Finding,
} from '../analyze/doctor-report.js';
import { settingName, signedPercent } from '../analyze/doctor-rules-sweep.js';
import { formatValue } from '../record/units.js';
import { wrapText } from './fit-width.js';

const LABEL = { bad: 'BAD ', warn: 'WARN', info: 'INFO' } as const;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The one-line verdict: counts and what the exit code will be. */
export function doctorVerdict(r: DoctorReport): string {
  const s = r.summary;
  const counts = [
    count(s.bad, 'bad finding', 'bad findings'),
    count(s.warn, 'warning', 'warnings'),
    count(s.info, 'note', 'notes'),
  ].join(', ');
  return s.bad > 0 ? `${counts}: exit 1` : `${counts}`;
}

function findingText(f: Finding): string[] {
  const lines = [`${LABEL[f.severity]}  ${f.title}  [${f.id}]`];
  for (const e of f.evidence) lines.push(`      · ${e}`);
  lines.push(`      why: ${f.why}`);
  if (f.expectedGain) lines.push(`      gain: ${f.expectedGain}`);
  if (f.fix) {
    const [first, ...rest] = f.fix.commands;
    lines.push(`      fix: ${first ?? ''}`);
    for (const c of rest) lines.push(`           ${c}`);
  }
  return lines;
}

function cacheLine(name: string, c: CacheFacts): string {
  if (c.path === 'off') return `${name} off`;
  const parts = [c.storage?.fsType ?? 'unknown filesystem'];
  if (c.sizeBytes !== null)
    parts.push(`${c.sizeComplete ? '' : 'over '}${formatValue('bytes', c.sizeBytes)}`);
  if (c.disk) parts.push(`${formatValue('bytes', c.disk.freeBytes)} free`);
  return `${name} ${c.path} (${c.source}): ${parts.join(', ')}`;
}

/** --thorough's short sweep in one line: the default's median, each setting's change. */
function sweepFactLine(s: ConcurrencySweep): string {
  const head = `short sweep ${s.scenarioId} (${s.runs} runs each): default `;
  if (s.baseMedianNs === null)
    return `${head}not measured${s.baseFailure ? `: ${s.baseFailure}` : ''}`;
  const points = s.points.map((o) => {
    const name = settingName(o);
    if (o.deltaFraction === null) return `${name} not measured`;
    const change = signedPercent(o.deltaFraction);
    return o.significant
      ? `${name} ${change} (p=${(o.pHolm ?? 0).toFixed(3)})`
      : `${name} ${change} ~`;
  });
  return `${head}${formatValue('ns', s.baseMedianNs)}; ${points.join('; ')}`;
}

/** The lab results: the facts the findings rest on, one line per topic. */
export function factLines(f: DoctorFacts): string[] {
  const g = f.goroot;
  const cpu = f.cpu;
  const t = f.toolchain;
  const lines = [
    `go ${f.go.version} at ${f.go.path}${f.goOnPath.length > 1 ? ` (${f.goOnPath.length} go on PATH)` : ''}`,
    g
      ? `GOROOT ${g.value} (${g.source}): ${g.storage?.fsType ?? 'unknown filesystem'}, ${g.hops.length} symlink${g.hops.length === 1 ? '' : 's'}`
      : 'GOROOT unknown',
    cacheLine('GOCACHE', f.gocache),
    cacheLine('GOMODCACHE', f.gomodcache),
    `CPUs ${cpu.logicalCpus}${cpu.quotaCpus !== null ? `, quota ${cpu.quotaCpus}` : ''}, default GOMAXPROCS ${cpu.goDefaultProcs}${cpu.governor ? `, governor ${cpu.governor}` : ''}, load ${cpu.loadAvg1.toFixed(2)}`,
    `GOPROXY ${f.goEnv.GOPROXY ?? ''}${f.proxies.map((p) => `; ${p.url}: ${p.detail}`).join('')}`,
    `GOTOOLCHAIN ${t.gotoolchain}${t.switchTo ? ` (switches to ${t.switchTo})` : ''}${t.newest ? `, newest release ${t.newest}` : ''}`,
  ];
  if (f.goEnv.GOFLAGS) lines.push(`GOFLAGS ${f.goEnv.GOFLAGS}`);
  if (f.thorough?.sweep) lines.push(sweepFactLine(f.thorough.sweep));
  if (f.project) {
    const p = f.project;
    lines.push(
      `project ${p.dir}: ${p.vendored ? `vendored, ${p.vendorConsistent === false ? 'out of sync' : 'in sync'}` : 'not vendored'}`,
    );
  }
  return lines;
}

/** The report as text, wrapped to `width` columns. */
export function renderDoctor(r: DoctorReport, width: number): string {
  const out = [`gobaseline doctor (${r.mode})`, ...factLines(r.facts).map((l) => `  ${l}`), ''];
  if (r.findings.length === 0) out.push('No findings: this Go environment looks healthy.', '');
  for (const finding of r.findings) out.push(...findingText(finding), '');
  for (const n of r.notes) out.push(`note: ${n}`);
  if (r.notes.length > 0) out.push('');
  out.push(doctorVerdict(r));
  return `${wrapText(out.join('\n'), width, '     ')}\n`;
}

/** --fix: the commands of every finding, as a commented shell script (nothing is run). */
export function renderFixes(findings: readonly Finding[]): string {
  const withFix = findings.filter((f) => f.fix !== null);
  if (withFix.length === 0) return '# nothing to fix\n';
  const out: string[] = [];
  for (const f of withFix) {
    out.push(
      `# ${f.severity} ${f.id}: ${f.title}${f.fix?.goEnv ? ' (reversible: --apply runs it)' : ''}`,
    );
    out.push(...(f.fix?.commands ?? []), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

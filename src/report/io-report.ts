// Terminal text of the `analyze io` report (analyze/io-report.ts): calls per area and kind, cold
// and warm side by side, the hottest files, and the check of the parsed counts against strace's
// own summary. Pure: report in, text out.
import Table from 'cli-table3';
import { formatValue } from '../record/units.js';
import {
  AREAS,
  AREA_LABELS,
  KINDS,
  type Area,
  type AreaRoot,
  type CountCheck,
} from '../analyze/io-attribution.js';
import { INDEPENDENT_TOLERANCE, type IoReport, type TracedBuild } from '../analyze/io-report.js';

function table(head: string[], align?: ('left' | 'right')[]): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: true },
    ...(align ? { colAligns: align } : {}),
  });
}

const count = (n: number): string => String(n);
const bytes = (n: number): string => (n === 0 ? '0' : formatValue('bytes', n));
const micros = (us: number): string => (us === 0 ? '0' : formatValue('ns', us * 1000));

/** Areas with at least one call in some build, in report order. */
function usedAreas(builds: readonly TracedBuild[]): Area[] {
  return AREAS.filter((a) =>
    builds.some((b) => (b.attribution.areas.find((t) => t.area === a)?.calls ?? 0) > 0),
  );
}

function areaTally(b: TracedBuild, area: Area) {
  return b.attribution.areas.find((t) => t.area === area);
}

/** Replaces a root directory at the start of a path by its variable, e.g. $GOROOT/src/fmt. */
export function shortPath(file: string, roots: readonly AreaRoot[]): string {
  const names: Partial<Record<Area, string>> = {
    'goroot-src': '$GOROOT/src',
    'goroot-pkg': '$GOROOT/pkg',
    'goroot-other': '$GOROOT',
    gocache: '$GOCACHE',
    gomodcache: '$GOMODCACHE',
    project: '$PWD',
    'go-tmp': '$TMPDIR',
  };
  let best: AreaRoot | null = null;
  for (const r of roots) {
    if (
      (file === r.dir || file.startsWith(`${r.dir}/`)) &&
      (!best || r.dir.length > best.dir.length)
    )
      best = r;
  }
  const name = best ? names[best.area] : undefined;
  if (!best || !name) return file;
  // The go command's work directories have random names: go-build123456789 -> go-build*.
  return (name + file.slice(best.dir.length)).replace(/\/go-build\d+\//, '/go-build*/');
}

function areaSideBySide(report: IoReport): string {
  const b = report.builds;
  const head = ['area'];
  for (const what of ['calls', 'failed', 'read', 'time in calls'])
    for (const x of b) head.push(`${what} ${x.cache}`);
  const t = table(head, ['left', ...head.slice(1).map(() => 'right' as const)]);
  for (const area of usedAreas(b)) {
    const row = [AREA_LABELS[area]];
    const tallies = b.map((x) => areaTally(x, area));
    row.push(...tallies.map((a) => count(a?.calls ?? 0)));
    row.push(...tallies.map((a) => count(a?.failed ?? 0)));
    row.push(...tallies.map((a) => bytes(a?.readBytes ?? 0)));
    row.push(...tallies.map((a) => micros(a?.timeUs ?? 0)));
    t.push(row);
  }
  const totals = ['total'];
  totals.push(...b.map((x) => count(x.attribution.total.calls)));
  totals.push(...b.map((x) => count(x.attribution.total.failed)));
  totals.push(...b.map((x) => bytes(x.attribution.total.readBytes)));
  totals.push(...b.map((x) => micros(x.attribution.total.timeUs)));
  t.push(totals);
  return t.toString();
}

function areaByKind(build: TracedBuild, areas: readonly Area[]): string {
  const t = table(
    ['area', ...KINDS, 'read bytes'],
    ['left', ...KINDS.map(() => 'right' as const), 'right'],
  );
  for (const area of areas) {
    const a = areaTally(build, area);
    if (!a) continue;
    t.push([AREA_LABELS[area], ...KINDS.map((k) => count(a.byKind[k].calls)), bytes(a.readBytes)]);
  }
  const k = build.attribution.byKind;
  t.push([
    'total',
    ...KINDS.map((x) => count(k[x].calls)),
    bytes(build.attribution.total.readBytes),
  ]);
  return t.toString();
}

function hottest(build: TracedBuild, roots: readonly AreaRoot[]): string {
  const t = table(
    ['calls', 'open', 'stat', 'read', 'other', 'read bytes', 'time', 'file'],
    ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  for (const f of build.attribution.hottest) {
    const other = f.byKind.readlink + f.byKind.getdents + f.byKind.other;
    t.push([
      count(f.calls),
      count(f.byKind.open),
      count(f.byKind.stat),
      count(f.byKind.read),
      count(other),
      bytes(f.readBytes),
      micros(f.timeUs),
      shortPath(f.path, roots),
    ]);
  }
  return t.toString();
}

function checkLine(checks: readonly CountCheck[]): string {
  return checks
    .map((c) => {
      const pct = c.deltaFraction * 100;
      const delta = pct === 0 ? '=' : `${pct < 1 ? pct.toFixed(2) : pct.toFixed(1)}% off`;
      return `${c.what} ${c.parsed} vs ${c.strace} (${delta})`;
    })
    .join('; ');
}

/** The independent check's groups that must agree; the others are shown, not judged. */
export const JUDGED_INDEPENDENT = ['openat', 'stat family'];

/** One count check of a build: whether it passed, and a line saying so. */
interface CheckVerdict {
  ok: boolean;
  line: string;
}

function checkVerdicts(build: TracedBuild): CheckVerdict[] {
  const verdicts: CheckVerdict[] = [];
  if (build.sameTraceCheck) {
    const ok = build.sameTraceCheck.every((c) => c.agrees);
    verdicts.push({
      ok,
      line: `${build.cache}: parsed lines vs strace's own summary of the same trace (-C): ${ok ? 'equal' : 'DIFFER'}: ${checkLine(build.sameTraceCheck)}`,
    });
  }
  if (build.independentCheck) {
    const judged = build.independentCheck.checks.filter((c) => JUDGED_INDEPENDENT.includes(c.what));
    const ok = judged.every((c) => c.agrees);
    verdicts.push({
      ok,
      line: `${build.cache}: vs a separate \`strace -c -f\` build in the same cache state: ${ok ? `within ${INDEPENDENT_TOLERANCE * 100}%` : `NOT within ${INDEPENDENT_TOLERANCE * 100}%`}: ${checkLine(build.independentCheck.checks)}`,
    });
  }
  return verdicts;
}

/** One line per build saying whether the counts agree with strace's own counting. */
export function checkSummary(build: TracedBuild): string[] {
  return checkVerdicts(build).map((v) => v.line);
}

/** The lines of the count checks that failed (the command then exits 1); empty when all agree. */
export function failedChecks(report: IoReport): string[] {
  return report.builds.flatMap((b) =>
    checkVerdicts(b)
      .filter((v) => !v.ok)
      .map((v) => v.line),
  );
}

/** The report as terminal text. */
export function renderIoReport(report: IoReport): string {
  const out: string[] = [];
  const target = report.target.packages.join(' ');
  const go = report.go ? ` (${report.go.version}, GOROOT ${report.go.goroot})` : '';
  const strace = report.strace ? `strace ${report.strace.version}` : 'strace';
  out.push(
    `File-system calls of \`go build -o /dev/null ${target}\`${go}, traced with ${strace} -f`,
  );
  for (const b of report.builds) {
    const time = b.wallNs === null ? '' : `, ${formatValue('ns', b.wallNs)} under strace`;
    out.push(
      `  ${b.cache}: ${b.calls} calls from ${b.traceLines} trace lines (${b.joinedCalls} unfinished/resumed pairs joined)${time}`,
    );
  }
  out.push('', 'By area:', areaSideBySide(report));
  const areas = usedAreas(report.builds);
  for (const b of report.builds) {
    out.push('', `${b.cache}: calls by area and kind:`, areaByKind(b, areas));
    out.push('', `${b.cache}: hottest files (by calls):`, hottest(b, report.roots));
  }
  const checks = report.builds.flatMap(checkSummary);
  if (checks.length) out.push('', 'Count check:', ...checks.map((l) => `  ${l}`));
  out.push(
    '',
    'notes:',
    '  time in calls is what strace -T saw, tracing overhead included: compare areas, not absolute values.',
    '  read bytes are read/pread64 results; files mapped with mmap are not counted.',
    '  stat family: newfstatat, fstat, statx, stat, lstat; other: execve, chdir, mkdirat, unlinkat, utimensat, ...',
  );
  for (const w of report.warnings) out.push(`  warning: ${w}`);
  return `${out.join('\n')}\n`;
}

// What `history` prints: the list of stored runs, and a series (one table per machine ×
// toolchain × configuration) with its sparkline and change points, each with its likely causes.
// Rows are padded by hand rather than through cli-table3: a 10,000-run series prints in well
// under a second. Pure.

import type { Unit } from '../record/units.js';
import { displayUnitFor, formatIn } from '../record/units.js';
import type { Cause } from '../analyze/explain-change.js';
import type { SeriesGroup } from '../store/series-history.js';
import type { StoredRun } from '../store/store.js';
import { sparkMarks, sparkline } from './sparkline.js';

function pad(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd(),
  );
}

const labelText = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** The list of runs, newest first. */
export function renderRunList(runs: readonly StoredRun[]): string {
  if (runs.length === 0) return 'no runs stored\n';
  const rows = [['run', 'started', 'machine', 'suite', 'status', 'labels']];
  for (const r of runs) {
    rows.push([r.runId, r.startedAt, r.machine, r.suite ?? '-', r.status, labelText(r.labels)]);
  }
  return pad(rows).join('\n') + '\n';
}

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;

function causeText(c: Cause): string {
  const fmt = (v: string | number | null): string =>
    v === null
      ? '(none)'
      : typeof v === 'number'
        ? String(Number(v.toPrecision(4)))
        : v === ''
          ? '(empty)'
          : v;
  const where = {
    'at-change': 'changed at the change point',
    'near-change': 'changed near it',
    elsewhere: 'changed elsewhere',
  }[c.rank];
  return `${c.field}: ${fmt(c.before)} → ${fmt(c.after)} (${where})`;
}

/** One group: heading, sparkline with change marks, the table, then the change points explained. */
export function renderSeriesGroup(group: SeriesGroup, width: number): string {
  const medians = group.points.map((p) => p.median);
  const finite = medians.filter((m): m is number => m !== null);
  const unit = displayUnitFor(
    group.unit as Unit,
    finite.length ? (finite[Math.floor(finite.length / 2)] as number) : 0,
  );
  const lines: string[] = [];
  lines.push(
    `machine ${group.machine}, ${group.toolchainVersion?.replace(/^go version /, '') ?? 'unknown toolchain'}, configuration ${group.configuration}: ${group.points.length} runs`,
  );
  const sparkWidth = Math.max(10, width);
  lines.push(sparkline(medians, sparkWidth));
  const marks = sparkMarks(
    medians.length,
    group.changePoints.map((c) => c.index),
    sparkWidth,
  );
  if (marks) lines.push(marks);
  const changeAt = new Map(group.changePoints.map((c) => [c.index, c]));
  const rows = [['#', 'run', 'started', 'n', 'median', '95% CI', 'change']];
  group.points.forEach((p, i) => {
    const c = changeAt.get(i);
    rows.push([
      String(i + 1),
      p.runId,
      p.startedAt,
      p.failed ? `${p.n}+${p.failed}✗` : String(p.n),
      p.median === null ? '-' : formatIn(p.median, unit),
      p.ciLo === null || p.ciHi === null
        ? '-'
        : `${formatIn(p.ciLo, unit)} … ${formatIn(p.ciHi, unit)}`,
      c ? `${c.kind === 'regression' ? '▲' : '▼'} ${pct(c.sizePct)} ${c.kind}` : '',
    ]);
  });
  lines.push(...pad(rows));
  for (const c of group.changePoints) {
    lines.push(
      `change at #${c.index + 1} (run ${c.runId}): ${pct(c.sizePct)} ${c.kind}, p=${c.pValue.toPrecision(2)}`,
    );
    if (c.causes.length === 0) lines.push('  no environment field differs before and after');
    for (const cause of c.causes.slice(0, 8)) lines.push(`  ${causeText(cause)}`);
  }
  return lines.join('\n') + '\n';
}

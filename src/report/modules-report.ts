// The terminal report of `analyze modules`: the modes, per size a table of each command's wall
// time under every mode (median, 95% CI, change against the base mode with its Holm-corrected
// p-value, `~` where not significant, as `sweep` prints it), the modes that could not run a
// command and why, the scaling table with the knees, and chapter 3's claims judged. Pure.
import Table from 'cli-table3';
import type { ModulesReport, ModulesSize, ScalingCurve } from '../analyze/modules-report.js';
import type { SweepRow } from '../analyze/sweep-report.js';
import { displayUnitFor, formatIn, formatValue, type DisplayUnit } from '../record/units.js';
import { formatGoFloat } from '../stats/index.js';
import { deltaText } from './compare.js';
import { pText } from './sweep-table.js';
import { claimLines } from './goroot-report.js';

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function table(head: string[], left: number): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, i) => (i < left ? 'left' : 'right')),
  });
}

function ciCell(row: SweepRow, unit: DisplayUnit): string {
  if (row.center === null) return '';
  if (row.ciLo === null || row.ciHi === null) return '∞';
  return `${formatIn(row.ciLo, unit)} … ${formatIn(row.ciHi, unit)}`;
}

/** One size: a block of rows per command, then the skipped modes grouped by reason. */
function sizePart(report: ModulesReport, size: ModulesSize): string[] {
  const t = table(
    [
      'command',
      'mode',
      'n',
      'median',
      `${formatGoFloat(report.confidence * 100)}% CI`,
      `vs ${report.base}`,
      'p (Holm)',
    ],
    2,
  );
  const skipped = new Map<string, string[]>();
  for (const c of size.commands) {
    const wall = c.analysis.metrics.find((m) => m.key === 'wallNs');
    const rows = (wall?.rows ?? []).filter((r) => r.n > 0);
    const unit = displayUnitFor('ns', Math.max(0, ...rows.map((r) => r.center ?? 0)));
    const base = wall?.rows[0]?.center ?? null;
    rows.forEach((row, i) => {
      const v = row.vsBase;
      t.push([
        i === 0 ? c.label : '',
        row.configuration,
        String(row.n),
        row.center === null ? '' : formatIn(row.center, unit),
        ciCell(row, unit),
        v && base !== null && row.center !== null ? deltaText(v.significant, base, row.center) : '',
        v ? pText(v.pHolm) : '',
      ]);
    });
    for (const s of c.series) {
      const why = s.skipped ?? (s.wallNs.every((w) => w === null) ? 'every run failed' : null);
      if (why === null) continue;
      const key = `${c.label}\u0000${why}`;
      skipped.set(key, [...(skipped.get(key) ?? []), s.mode]);
    }
  }
  const lines = [
    `${plural(size.modules, 'module')}: ${size.packages} packages, ${size.goFiles} Go files, ` +
      `${formatValue('bytes', size.sourceBytes)} of source, ${formatValue('bytes', size.zipBytes)} of module zips; ` +
      `generated in ${formatValue('ns', size.generateNs)}`,
    t.toString(),
  ];
  for (const [key, modes] of skipped) {
    const [label, why] = key.split('\u0000');
    lines.push(`skipped: ${label} under ${modes.join(', ')}: ${why}`);
  }
  return lines;
}

function kneeText(curve: ScalingCurve): string {
  const k = curve.knee;
  if (!k) return '-';
  const m = Math.round(k.modules);
  return k.inRange ? `≈ ${m}` : `(≈ ${m}, outside)`;
}

/** The scaling table: each command × mode's median at every size, and its knee. */
function scalingPart(report: ModulesReport): string[] {
  const sizes = report.perSize.map((s) => s.modules);
  if (sizes.length < 2) return [];
  const t = table(['command', 'mode', ...sizes.map(String), 'knee (modules)'], 2);
  let last = '';
  for (const curve of report.scaling) {
    const label = report.commands.find((c) => c.id === curve.command)?.label ?? curve.command;
    const cells = sizes.map((m) => {
      const p = curve.points.find((q) => q.modules === m);
      return p ? formatValue('ns', p.center) : '';
    });
    t.push([label === last ? '' : label, curve.mode, ...cells, kneeText(curve)]);
    last = label;
  }
  return [
    'scaling: median wall time by dependency modules; knee: fitting t = fixed + per-module × M, ' +
      'the M where the per-module part equals the fixed part (M = fixed / per-module)',
    t.toString(),
  ];
}

/** The whole report as terminal text. */
export function renderModulesReport(report: ModulesReport): string {
  const w = report.workspace;
  const status = report.status === 'interrupted' ? ' (interrupted: what was measured so far)' : '';
  const out = [
    `analyze modules: ${report.go.version} (${report.go.path}), sizes ${report.sizes.join(', ')}${status}`,
    `workspace per size: depth ${w.depth}, fan-out ${w.fanout}, ${w.packages} packages × ${w.files} files per module, seed ${w.seed}; offline (a local file:// module proxy)`,
    `${plural(report.runs, 'run')} per command and mode after one untimed run, the modes interleaved round by round (ABBA); ` +
      `vs ${report.base}: change of the median, p-values Holm-corrected over the modes, ~ where p > ${formatGoFloat(report.alpha)}`,
    '',
    'modes:',
    ...report.modes.map(
      (m) => `  ${m.id.padEnd(14)}${m.description}${m.id === report.base ? ' (the base)' : ''}`,
    ),
  ];
  for (const size of report.perSize) out.push('', ...sizePart(report, size));
  const scaling = scalingPart(report);
  if (scaling.length > 0) out.push('', ...scaling);
  out.push('', ...claimLines(report.claims));
  if (report.warnings.length > 0) out.push('', ...report.warnings.map((x) => `warning: ${x}`));
  return `${out.join('\n')}\n`;
}

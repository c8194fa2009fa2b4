// The terminal report of `analyze modules`: the modes, per size a table of each command's wall
// time under every mode (median, 95% CI, change against the base mode with its Holm-corrected
// p-value, `~` where not significant, as `sweep` prints it), the modes that could not run a
// command and why, the scaling table with the knees, and chapter 3's claims judged. Pure.
import Table from 'cli-table3';
import type {
  ModulesCommandResult,
  ModulesProject,
  ModulesReport,
  ModulesSize,
  ScalingCurve,
} from '../analyze/modules-report.js';
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

/** A block of rows per command, then the skipped modes grouped by reason. */
function commandsPart(report: ModulesReport, commands: readonly ModulesCommandResult[]): string[] {
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
  for (const c of commands) {
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
  const lines = [t.toString()];
  for (const [key, modes] of skipped) {
    const [label, why] = key.split('\u0000');
    lines.push(`skipped: ${label} under ${modes.join(', ')}: ${why}`);
  }
  return lines;
}

/** One size: what was generated, then its commands. */
function sizePart(report: ModulesReport, size: ModulesSize): string[] {
  return [
    `${plural(size.modules, 'module')}: ${size.packages} packages, ${size.goFiles} Go files, ` +
      `${formatValue('bytes', size.sourceBytes)} of source, ${formatValue('bytes', size.zipBytes)} of module zips; ` +
      `generated in ${formatValue('ns', size.generateNs)}`,
    ...commandsPart(report, size.commands),
  ];
}

const VENDOR_TEXT = { own: 'its own', made: 'made by --try-vendor in a temporary copy' } as const;

/** The user's module: what it is, then its commands. */
function projectPart(report: ModulesReport, p: ModulesProject): string[] {
  return [
    `${p.modulePath}: ${plural(p.dependencyModules, 'dependency module')}, ${plural(p.packages, 'package')}; ` +
      `vendor/: ${p.vendor ? VENDOR_TEXT[p.vendor] : 'none'}; ` +
      `module cache: ${p.modcache ?? 'private, removed afterwards'}; ` +
      `prepared in ${formatValue('ns', p.prepareNs)} (copy, download, untimed)`,
    ...commandsPart(report, p.commands),
  ];
}

/** The first two lines: what was measured, and on what. */
function subjectLines(report: ModulesReport, status: string): string[] {
  const subject = `analyze modules: ${report.go.version} (${report.go.path})`;
  const p = report.project;
  if (p) {
    return [
      `${subject}, your module ${p.modulePath} in ${p.dir}${status}`,
      'every command runs in a private copy (the module’s files are never modified), offline (GOPROXY=off) except the cold module cache',
    ];
  }
  const w = report.workspace;
  return [
    `${subject}, sizes ${report.sizes.join(', ')}${status}`,
    w
      ? `workspace per size: depth ${w.depth}, fan-out ${w.fanout}, ${w.packages} packages × ${w.files} files per module, seed ${w.seed}; offline (a local file:// module proxy)`
      : '',
  ];
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
  const status = report.status === 'interrupted' ? ' (interrupted: what was measured so far)' : '';
  const out = [
    ...subjectLines(report, status),
    `${plural(report.runs, 'run')} per command and mode${report.coldRuns < report.runs ? ` (${report.coldRuns} with the cold module cache)` : ''} after one untimed run, the modes interleaved round by round (ABBA); ` +
      `vs ${report.base}: change of the median, p-values Holm-corrected over the modes, ~ where p > ${formatGoFloat(report.alpha)}`,
    '',
    'modes:',
    ...report.modes.map(
      (m) =>
        `  ${m.id.padEnd(14)}${m.description}${m.id === report.base ? ' (the base)' : ''}${m.notApplicable ? ' (skipped here)' : ''}`,
    ),
  ];
  for (const size of report.perSize) out.push('', ...sizePart(report, size));
  if (report.project) out.push('', ...projectPart(report, report.project));
  const scaling = scalingPart(report);
  if (scaling.length > 0) out.push('', ...scaling);
  out.push('', ...claimLines(report.claims));
  if (report.warnings.length > 0) out.push('', ...report.warnings.map((x) => `warning: ${x}`));
  return `${out.join('\n')}\n`;
}

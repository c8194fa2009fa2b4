// `report --format md`: a run as GitHub-flavoured Markdown. The first table has the shape of
// hyperfine's --export-markdown (one row per scenario: wall time mean ± sd, min, max, in one
// unit given in the headings) plus median, the median's 95% CI and mean user/system CPU; the
// second lists every metric as the terminal table does. Pure.
import type { RunRecord } from '../record/run-record.js';
import { summarize } from '../stats/index.js';
import { measuredMetrics, timingSummary, type Reporter } from './reporter.js';
import { comparesConfigurations, displayName, scenarioNotes } from './terminal-table.js';
import { displayUnitFor, formatIn, formatNumber, type DisplayUnit } from '../record/units.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function divider(aligns: ('left' | 'right')[]): string {
  return `|${aligns.map((a) => (a === 'left' ? ':---' : '---:')).join('|')}|`;
}

/** The caption: tool, run, toolchain and machine. */
function caption(run: RunRecord): string {
  const fp = run.fingerprint;
  const go = /\b(go\d\S*)/.exec(fp.go.version)?.[1] ?? fp.go.version;
  const cpu = `${fp.cpu.model ?? 'unknown CPU'}, ${fp.cpu.threads} threads`;
  const status = run.status === 'interrupted' ? ' (interrupted)' : '';
  return `gobaseline ${run.tool.version} · run \`${run.id}\`${status} · ${go} · ${cpu}`;
}

/** hyperfine's table: one row per scenario, wall time in the unit of the first scenario's mean. */
function timingTable(run: RunRecord): string[] {
  const several = comparesConfigurations(run);
  const timings = run.scenarios.map((s) => timingSummary(s, several));
  const first = timings.find((t) => t.wall !== null)?.wall;
  const unit: DisplayUnit = displayUnitFor('ns', first?.mean ?? 1e6);
  const n = (v: number | null): string => (v === null ? '' : formatNumber(v / unit.scale));
  const u = `[${unit.name}]`;
  const lines = [
    row([
      'Scenario',
      `Mean ${u}`,
      `Median ${u}`,
      `95% CI of median ${u}`,
      `User ${u}`,
      `System ${u}`,
      `Min ${u}`,
      `Max ${u}`,
      'n',
    ]),
    divider(['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right']),
  ];
  for (const t of timings) {
    const w = t.wall;
    const name = `\`${t.name}\``;
    if (!w) {
      lines.push(row([name, 'not measured', '', '', '', '', '', '', `0`]));
      continue;
    }
    const ci = w.ciLo === null || w.ciHi === null ? 'n/a' : `${n(w.ciLo)} … ${n(w.ciHi)}`;
    lines.push(
      row([
        name,
        w.sd === null ? n(w.mean) : `${n(w.mean)} ± ${n(w.sd)}`,
        n(w.median),
        ci,
        n(t.userMean),
        n(t.sysMean),
        n(w.min),
        n(w.max),
        t.failed ? `${w.n} (+${t.failed} failed)` : String(w.n),
      ]),
    );
  }
  return lines;
}

/** Every metric of every scenario, one row each, each in its own display unit. */
function metricsTable(run: RunRecord): string[] {
  const lines = [
    row(['Scenario', 'Metric', 'n', 'Median', '95% CI of median', 'Min … Max', 'Mean ± sd']),
    divider(['left', 'left', 'right', 'right', 'right', 'right', 'right']),
  ];
  const several = comparesConfigurations(run);
  for (const result of run.scenarios) {
    for (const { spec, values } of measuredMetrics(result)) {
      const s = summarize(values);
      const unit = displayUnitFor(spec.unit, Math.max(Math.abs(s.median), Math.abs(s.mean)));
      const f = (v: number): string => formatIn(v, unit);
      lines.push(
        row([
          `\`${displayName(result, several)}\``,
          spec.label,
          String(s.n),
          f(s.median),
          s.ciLo === null || s.ciHi === null ? 'n/a' : `${f(s.ciLo)} … ${f(s.ciHi)}`,
          `${f(s.min)} … ${f(s.max)}`,
          s.sd === null ? f(s.mean) : `${f(s.mean)} ± ${f(s.sd)}`,
        ]),
      );
    }
  }
  return lines;
}

/** Renders a run as Markdown. */
export function renderMarkdown(run: RunRecord): string {
  const out = [caption(run), '', ...timingTable(run), '', ...metricsTable(run)];
  const notes = run.scenarios
    .flatMap((s) => scenarioNotes(s, comparesConfigurations(run)))
    .filter((n) => !n.startsWith('    |'));
  const warnings = [...notes, ...run.warnings];
  if (warnings.length) out.push('', ...warnings.map((w) => `- ${w}`));
  return `${out.join('\n')}\n`;
}

export const markdownReporter: Reporter = { render: renderMarkdown };

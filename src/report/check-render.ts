// What `check` prints: one line per checked metric (text), or GitHub Actions workflow
// annotations (`::error ...`, `::warning ...`, `::notice ...`) that a CI job shows. Pure.

import type { CheckItem, CheckOutcome } from '../analyze/check-history.js';
import type { BaselineJudgement, RunFigure } from '../stats/history-baseline.js';
import type { Unit } from '../record/units.js';
import { formatValue } from '../record/units.js';

export type CheckFormat = 'text' | 'github';

/** What was checked against what, for the heading. */
export interface CheckContext {
  runId: string;
  startedAt: string;
  machine: string;
  toolchain: string;
  threshold: number;
  strict: boolean;
  /** The figure that stood for each run (default median). */
  figure?: RunFigure;
}

const FIGURE_NAMES: Record<RunFigure, string> = {
  median: 'medians',
  p25: '25th percentiles',
  p10: '10th percentiles',
  min: 'minimums',
};

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

function figures(unit: Unit, value: number, j: BaselineJudgement): string {
  if (j.baseline === null || j.change === null || j.band === null) {
    return `${formatValue(unit, value)}, ${j.runs} earlier run${j.runs === 1 ? '' : 's'}`;
  }
  return (
    `${formatValue(unit, value)} vs baseline ${formatValue(unit, j.baseline)} (${pct(j.change)}; ` +
    `run-to-run band ±${(j.band * 100).toFixed(1)}% of ${j.runs} runs)`
  );
}

/** Whether the machine itself moved, by the canary; '' when a run has none. */
function machineClause(item: CheckItem): string {
  const m = item.machine;
  if (!m || m.change === null || m.band === null) return '';
  const moved =
    m.verdict === 'regression'
      ? 'the MACHINE was slower'
      : m.verdict === 'improvement'
        ? 'the MACHINE was faster'
        : 'the machine held steady';
  return `; ${moved}: canary ${pct(m.change)} vs the baseline runs (band ±${(m.band * 100).toFixed(1)}%)`;
}

/** One item's explanation, raw and, when the canary is known, relative to it. */
export function describeItem(item: CheckItem, threshold: number): string {
  const what = `${item.scenarioId} ${item.metric}${item.configuration === 'default' ? '' : ` [${item.configuration}]`}`;
  const raw = figures(item.unit as Unit, item.value, item.raw);
  const rel = item.relative
    ? `; relative to the canary ${pct(item.relative.change ?? 0)} (band ±${((item.relative.band ?? 0) * 100).toFixed(1)}%)`
    : '';
  const over = `by more than the ${pct(threshold).slice(1)} threshold and outside the run-to-run band`;
  const why: Record<CheckItem['status'], string> = {
    regression:
      item.raw.verdict === 'regression'
        ? `slower ${over}`
        : item.machine?.verdict === 'improvement'
          ? `slower relative to the canary ${over}: the machine was faster, Go was not`
          : `slower relative to the canary ${over} (raw, the run-to-run drift hides it)`,
    machine: 'slower raw, but not relative to the canary: the machine slowed, not Go',
    'too-short': `baseline too short (needs 5 earlier runs of this machine, toolchain and configuration)`,
    improvement: 'faster than the baseline (information)',
    ok: 'within the threshold or the run-to-run band',
  };
  return `${what}: ${raw}${rel}${machineClause(item)}: ${why[item.status]}`;
}

const LABEL: Record<CheckItem['status'], string> = {
  regression: 'REGRESSION',
  machine: 'machine',
  'too-short': 'too short',
  improvement: 'faster',
  ok: 'ok',
};

/** The check's output in a format. */
export function renderCheck(outcome: CheckOutcome, ctx: CheckContext, format: CheckFormat): string {
  const lines: string[] = [];
  if (format === 'github') {
    for (const item of outcome.items) {
      const text = describeItem(item, ctx.threshold).replace(/%/g, '%25');
      if (item.status === 'regression') lines.push(`::error title=gobaseline check::${text}`);
      else if (item.status === 'too-short' || item.status === 'machine') {
        const level = item.status === 'too-short' && ctx.strict ? 'error' : 'warning';
        lines.push(`::${level} title=gobaseline check::${text}`);
      } else if (item.status === 'improvement') {
        lines.push(`::notice title=gobaseline check::${text}`);
      }
    }
  } else {
    lines.push(
      `check of run ${ctx.runId} (${ctx.startedAt}), machine ${ctx.machine}, ${ctx.toolchain}, ` +
        `threshold ${pct(ctx.threshold).slice(1)}` +
        (ctx.figure ? `, runs judged by their ${FIGURE_NAMES[ctx.figure]}` : ''),
    );
    for (const item of outcome.items) {
      lines.push(`${LABEL[item.status].padEnd(10)} ${describeItem(item, ctx.threshold)}`);
    }
  }
  const regressions = outcome.items.filter((i) => i.status === 'regression').length;
  const short = outcome.items.filter((i) => i.status === 'too-short').length;
  let verdict: string;
  if (regressions)
    verdict = `${regressions} regression${regressions === 1 ? '' : 's'}: check failed`;
  else if (short && ctx.strict) verdict = 'baseline too short (--strict): check failed';
  else if (outcome.items.some((i) => i.status === 'machine'))
    verdict = 'no regression of Go (the machine slowed, by the canary): check passed';
  else if (short === outcome.items.length)
    verdict = 'baseline too short: nothing judged, check passed';
  else verdict = 'no regression: check passed';
  lines.push(format === 'github' ? `gobaseline check: ${verdict}` : verdict);
  return lines.join('\n') + '\n';
}

// `report --format csv`: one line per scenario in the shape of hyperfine's --export-csv
// (`mean,stddev,median,user,system,min,max` of the wall time, in seconds, user and system as
// means), then the median's confidence interval, the sample counts, and the median of every
// other metric in the unit its key names (`peakRssBytes` in bytes, `pkgCompileNs` in ns). Pure.
import type { RunRecord } from '../record/run-record.js';
import { median } from '../stats/index.js';
import { measuredMetrics, timingSummary, type Reporter } from './reporter.js';
import { comparesConfigurations } from './terminal-table.js';

const TIME_KEYS = new Set(['wallNs', 'userNs', 'sysNs']);

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Nanoseconds to seconds (hyperfine's unit); null stays null. */
function sec(ns: number | null | undefined): number | null {
  return ns === null || ns === undefined ? null : ns / 1e9;
}

/** Renders a run as CSV. */
export function renderCsv(run: RunRecord): string {
  const extraKeys: string[] = [];
  for (const result of run.scenarios)
    for (const { spec } of measuredMetrics(result))
      if (!TIME_KEYS.has(spec.key) && !extraKeys.includes(spec.key)) extraKeys.push(spec.key);

  const head = [
    'scenario',
    'mean',
    'stddev',
    'median',
    'user',
    'system',
    'min',
    'max',
    'median_ci_low',
    'median_ci_high',
    'median_ci_confidence',
    'n',
    'failed',
    ...extraKeys,
  ];
  const lines = [head.join(',')];
  const several = comparesConfigurations(run);
  for (const result of run.scenarios) {
    const t = timingSummary(result, several);
    const w = t.wall;
    const extras = new Map(measuredMetrics(result).map((m) => [m.spec.key, median(m.values)]));
    const fields: (string | number | null)[] = [
      t.name,
      sec(w?.mean),
      w ? (sec(w.sd) ?? 0) : null, // hyperfine writes 0 when there is no sd (one run)
      sec(w?.median),
      sec(t.userMean),
      sec(t.sysMean),
      sec(w?.min),
      sec(w?.max),
      sec(w?.ciLo),
      sec(w?.ciHi),
      w && w.ciLo !== null ? w.ciConfidence : null,
      t.n,
      t.failed,
      ...extraKeys.map((k) => extras.get(k) ?? null),
    ];
    lines.push(fields.map(field).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export const csvReporter: Reporter = { render: renderCsv };

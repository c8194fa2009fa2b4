// Terminal text of the `analyze goroot` report (analyze/goroot-report.ts). Pure: report in, text out.
import Table from 'cli-table3';
import { displayUnitFor, formatIn, formatNumber, formatValue } from '../record/units.js';
import {
  formatClaimValue,
  SYMLINK_CLAIM,
  TMPFS_CLAIM,
  type ClaimCheck,
} from '../analyze/goroot-claims.js';
import { formatStorage } from '../analyze/goroot-placement.js';
import type {
  GorootReport,
  PlacementInfo,
  ResolutionReport,
  SymlinkExperiment,
  TimedSeries,
  TmpfsExperiment,
} from '../analyze/goroot-report.js';
import type { PathTrace } from '../analyze/goroot-resolution.js';
import type { BootstrapInterval } from '../analyze/goroot-stats.js';

const STYLE = { head: [] as string[], border: [] as string[], compact: true };

function table(head: string[], colWidths?: number[]): Table.Table {
  return new Table({ head, style: STYLE, ...(colWidths ? { colWidths, wordWrap: true } : {}) });
}

/** "/a -> b -> /c", or "no symlinks". */
export function formatTrace(trace: PathTrace): string {
  if (trace.error) return `cannot resolve: ${trace.error}`;
  if (trace.hops.length === 0) return 'no symlinks (a physical path)';
  const hops = trace.hops.map((h) => `${h.link} -> ${h.target}`).join(', ');
  return `${trace.hops.length} symlink${trace.hops.length === 1 ? '' : 's'}: ${hops}; real path ${trace.resolved}`;
}

function medianText(s: TimedSeries): string {
  return s.median === null ? 'failed' : formatValue('ns', s.median);
}

function ciText(s: TimedSeries): string {
  if (s.median === null) return '';
  if (s.ciLo === null || s.ciHi === null) return 'n/a';
  const unit = displayUnitFor('ns', s.median);
  return `${formatIn(s.ciLo, unit)} … ${formatIn(s.ciHi, unit)}`;
}

function intervalText(i: BootstrapInterval, f: (v: number) => string): string {
  if (!Number.isFinite(i.estimate)) return 'n/a';
  return i.lo === null || i.hi === null
    ? `${f(i.estimate)} (no CI)`
    : `${f(i.estimate)} (${f(i.lo)} … ${f(i.hi)})`;
}

/** The per-level cost as [estimate, CI] cells. */
function perLevelCells(i: BootstrapInterval): [string, string] {
  if (!Number.isFinite(i.estimate)) return ['n/a', ''];
  const f = (v: number): string => formatClaimValue(SYMLINK_CLAIM, v);
  return [f(i.estimate), i.lo === null || i.hi === null ? 'n/a' : `${f(i.lo)} … ${f(i.hi)}`];
}

function ratioText(i: BootstrapInterval): string {
  return intervalText(i, (v) => formatClaimValue(TMPFS_CLAIM, v));
}

/** Each claim once, then every check of it with its verdict and evidence. */
export function claimLines(checks: readonly ClaimCheck[]): string[] {
  const lines: string[] = [];
  let last = '';
  for (const c of checks) {
    if (c.claim !== last) {
      lines.push(`Claim (source document): "${c.claim}"`);
      last = c.claim;
    }
    lines.push(`  ${c.measured}: ${c.verdict.toUpperCase()}: ${c.evidence}`);
  }
  return lines;
}

function renderResolution(r: ResolutionReport): string {
  const t = table([], [25, 95]);
  const envFile =
    r.goEnvFile === ''
      ? 'off (GOENV=off)'
      : `${r.goEnvFile}${r.goEnvFileGoroot === null ? ' (no GOROOT in it)' : ` (GOROOT=${r.goEnvFileGoroot})`}`;
  t.push(
    ['go binary', r.goBinary.path],
    ['  its symlinks', formatTrace(r.goBinary.trace)],
    [
      '  built with -trimpath',
      r.goBinary.trimmed === null
        ? 'unknown'
        : r.goBinary.trimmed
          ? 'yes: no built-in GOROOT, only its location or GOROOT can supply one'
          : 'no: it also knows the GOROOT it was built with',
    ],
    ['GOROOT (go env GOROOT)', r.goroot],
    ['  came from', `${r.source}: ${r.sourceDetail}`],
    [
      '  cmd/go rules predict',
      `${r.predicted || '(none)'}${r.agrees ? ' (agrees)' : ' (DIFFERS)'}`,
    ],
    ['  GOROOT in environment', r.environment ?? '(unset)'],
    ['  go env file (GOENV)', envFile],
    ['  absolute', r.absolute ? 'yes' : 'NO (relative)'],
    ['  its symlinks', formatTrace(r.trace)],
    ['  stored on', r.storage ? formatStorage(r.storage) : 'unknown'],
  );
  const checks = table(['', 'check', 'detail'], [6, 38, 76]);
  for (const c of r.checks)
    checks.push([c.ok === null ? '–' : c.ok ? 'ok' : 'FAIL', c.name, c.detail]);
  const out = ['GOROOT resolution', t.toString(), checks.toString()];
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

function renderSymlinks(s: SymlinkExperiment): string {
  const head = ['depth', 'symlinks followed'];
  for (const c of s.commands) head.push(`${c}: median`, '95% CI');
  const t = table(head);
  for (const d of s.perDepth) {
    const row = [String(d.depth), String(d.hops)];
    for (const c of s.commands) {
      const series = d.series[c];
      row.push(series ? medianText(series) : '', series ? ciText(series) : '');
    }
    t.push(row);
  }
  const slope = ['cost per level', ''];
  for (const c of s.commands) {
    const p = s.perLevel.find((x) => x.command === c);
    slope.push(...(p ? perLevelCells(p.interval) : ['n/a', '']));
  }
  t.push(slope);
  const lines = [
    `Symlink depth (GOROOT=<link> <link>/bin/go …; a chain of absolute symlinks to ${s.target} in a private dir; ${s.runs} runs per depth and command, interleaved)`,
    t.toString(),
    `per-level cost: ${s.method}`,
    `${s.commands.at(-1) ?? 'the stat probe'}: lstat of the ${s.statEntries} entries of GOROOT/src through each chain, timed in Node; its per-level cost is per path lookup, which a go command pays for every file it opens or stats under GOROOT (not judged against the claim, which is per command)`,
  ];
  for (const d of s.perDepth) {
    if (d.reportedGoroot !== d.goroot) {
      lines.push(
        `note: depth ${d.depth}: go env GOROOT printed ${d.reportedGoroot}, not ${d.goroot}`,
      );
    }
    for (const [c, series] of Object.entries(d.series)) {
      if (series.failures > 0) {
        lines.push(
          `note: depth ${d.depth}, ${c}: ${series.failures} run(s) failed (${series.firstFailure ?? ''})`,
        );
      }
    }
  }
  lines.push(...claimLines(s.claims));
  return lines.join('\n');
}

function placementText(p: PlacementInfo | null): string {
  if (!p) return '(none)';
  if (p.storage) return `${p.dir} (${formatStorage(p.storage)})`;
  const source = p.source && p.source !== p.fsType ? ` on ${p.source}` : '';
  return `${p.dir} (${p.fsType ?? '?'}${source})`;
}

function renderTmpfs(x: TmpfsExperiment): string {
  if (x.skipped !== null) {
    return `GOROOT on tmpfs vs disk: skipped: ${x.skipped}`;
  }
  const t = table([
    'command',
    'n',
    'disk: median',
    '95% CI',
    'tmpfs: median',
    '95% CI',
    'tmpfs/disk (95% CI)',
    'p',
  ]);
  for (const r of x.rows) {
    const n = r.disk.n === r.tmpfs.n ? String(r.disk.n) : `${r.disk.n}/${r.tmpfs.n}`;
    t.push([
      r.per === 'run' ? r.command : `${r.command} (per call)`,
      n,
      medianText(r.disk),
      ciText(r.disk),
      medianText(r.tmpfs),
      ciText(r.tmpfs),
      ratioText(r.ratio),
      r.p === null ? '' : formatNumber(r.p),
    ]);
  }
  const copy = x.copyNs
    ? `; cp -a took ${formatValue('ns', x.copyNs.disk)} to disk, ${formatValue('ns', x.copyNs.tmpfs)} to tmpfs`
    : '';
  const lines = [
    'GOROOT on tmpfs vs disk (a cp -a copy of GOROOT on each; same private GOCACHE location for both)',
    `disk:  ${placementText(x.disk)}`,
    `tmpfs: ${placementText(x.tmpfs)}`,
    `GOROOT: ${x.gorootBytes === null ? '?' : formatValue('bytes', x.gorootBytes)}${copy}`,
    t.toString(),
  ];
  for (const r of x.rows) {
    for (const [medium, s] of [
      ['disk', r.disk],
      ['tmpfs', r.tmpfs],
    ] as const) {
      if (s.failures > 0) {
        lines.push(
          `note: ${r.command} on ${medium}: ${s.failures} run(s) failed (${s.firstFailure ?? ''})`,
        );
      }
    }
  }
  for (const n of x.notes) lines.push(`note: ${n}`);
  lines.push(...claimLines(x.claims));
  return lines.join('\n');
}

/** The report as terminal text. */
export function renderGorootReport(r: GorootReport): string {
  const parts = [
    `gobaseline analyze goroot · ${r.go.version} · ${r.go.path}`,
    renderResolution(r.resolution),
  ];
  if (r.symlinks) parts.push(renderSymlinks(r.symlinks));
  if (r.tmpfs) parts.push(renderTmpfs(r.tmpfs));
  const tail = [
    `load average (1 min): ${r.load.start.toFixed(2)} at start, ${r.load.end.toFixed(2)} at end, ${r.load.threads} hardware threads; timed by ${r.measuredBy}`,
  ];
  for (const w of r.warnings) tail.push(`warning: ${w}`);
  parts.push(tail.join('\n'));
  return `${parts.join('\n\n')}\n`;
}

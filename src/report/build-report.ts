// Terminal text of the `analyze build` and `analyze cache` report (analyze/build-report.ts).
// Pure: report in, text out.
import Table from 'cli-table3';
import { median } from '../stats/index.js';
import { formatValue } from '../record/units.js';
import type { CacheStats, TimelineEntry } from '../analyze/build-actions.js';
import { criticalPathRows, type BuildGraphAnalysis } from '../analyze/build-graph.js';
import type { BuildXAgreement } from '../analyze/build-x-agreement.js';
import type {
  BuildAnalysisReport,
  CacheState,
  RelocationResult,
  RelocationRun,
} from '../analyze/build-report.js';
import type { StoragePlace } from '../probe/storage.js';

const ns = (v: number): string => formatValue('ns', v);
const pct = (f: number | null): string => (f === null ? 'n/a' : `${(f * 100).toFixed(1)}%`);

function table(head: string[], align?: ('left' | 'right')[]): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: true },
    ...(align ? { colAligns: align } : {}),
  });
}

function targetLabel(r: BuildAnalysisReport): string {
  if (r.cache.state === 'graph-file') return 'action graph from a file';
  const pkgs = r.target.packages.join(' ');
  return r.target.project ? `${pkgs} in ${r.target.project}` : pkgs;
}

function cacheLabel(c: CacheState): string {
  switch (c.state) {
    case 'cold':
      return 'cold private GOCACHE (empty)';
    case 'warm':
      return 'warm private GOCACHE (primed by one untimed build)';
    case 'primed':
      return `private GOCACHE primed by an untimed build of ${c.primedWith.join(' ')}`;
    default:
      return 'cache state as the file records it';
  }
}

function headerLines(r: BuildAnalysisReport): string[] {
  const a = r.analysis;
  const goVersion = r.go ? r.go.version.replace(/^go version /, '') : null;
  const lines = [
    `gobaseline ${r.command} · ${targetLabel(r)} · ${[goVersion, cacheLabel(r.cache)].filter(Boolean).join(' · ')}`,
  ];
  const parts: string[] = [];
  if (r.build) {
    const b = r.build;
    const cpu = b.userNs === null ? '' : ` (user ${ns(b.userNs)}, sys ${ns(b.sysNs ?? 0)}` + ')';
    parts.push(`build wall ${ns(b.wallNs)}${cpu}`);
    if (b.peakRssBytes !== null) parts.push(`peak RSS ${formatValue('bytes', b.peakRssBytes)}`);
  }
  parts.push(`${a.actions} actions over ${ns(a.spanNs)}`);
  if (a.parallelism !== null) parts.push(`${a.parallelism.toFixed(2)} running at once on average`);
  lines.push(parts.join(' · '));
  if (r.build) lines.push(`command: go ${r.build.args.join(' ')}`);
  return lines;
}

function cacheLine(c: CacheStats): string {
  return `compile actions: ${c.compileActions} · from the cache ${c.cached} · compiled ${c.ran} · hit rate ${pct(c.hitRate)}${c.failed ? ` · failed ${c.failed}` : ''}${c.notStarted ? ` · not started ${c.notStarted}` : ''}`;
}

function offset(t: TimelineEntry): string {
  return t.startOffsetNs === null ? '-' : `+${ns(t.startOffsetNs)}`;
}

function slowestTable(a: BuildGraphAnalysis): string {
  const t = table(
    ['#', 'package', 'action', 'tools (wall)', 'tools (CPU)', 'started'],
    ['right', 'left', 'right', 'right', 'right', 'right'],
  );
  a.slowest.forEach((s, i) => {
    const cpu = s.cmdUserNs === null ? '-' : ns(s.cmdUserNs + (s.cmdSysNs ?? 0));
    t.push([
      String(i + 1),
      s.package,
      ns(s.durationNs),
      s.cmdRealNs === null ? '-' : ns(s.cmdRealNs),
      cpu,
      offset(s),
    ]);
  });
  return t.toString();
}

function criticalPathTable(a: BuildGraphAnalysis): string {
  const t = table(
    ['started', 'package / action', 'cache check', 'build', 'waited for a worker'],
    ['right', 'left', 'right', 'right', 'right'],
  );
  for (const r of criticalPathRows(a.criticalPath.steps)) {
    t.push([
      r.startOffsetNs === null ? '-' : `+${ns(r.startOffsetNs)}`,
      `${r.label}${r.outcome === 'cached' ? ' (cached)' : ''}`,
      r.checkNs === null ? '' : ns(r.checkNs),
      ns(r.durationNs),
      r.waitNs === null ? '-' : ns(r.waitNs),
    ]);
  }
  return t.toString();
}

function modesTable(a: BuildGraphAnalysis): string {
  const t = table(
    ['mode', 'actions', 'ran a tool', 'total', 'longest', 'tools (CPU)'],
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  for (const m of a.modes) {
    t.push([
      m.mode,
      String(m.actions),
      String(m.ran),
      ns(m.totalNs),
      ns(m.maxNs),
      m.cmdCpuNs ? ns(m.cmdCpuNs) : '-',
    ]);
  }
  return t.toString();
}

function criticalPathSummary(r: BuildAnalysisReport): string {
  const cp = r.analysis.criticalPath;
  const wall = r.build?.wallNs ?? null;
  const against =
    wall === null
      ? `${pct(r.analysis.spanNs ? cp.totalNs / r.analysis.spanNs : null)} of the ${ns(r.analysis.spanNs)} graph span`
      : `${pct(cp.totalNs / wall)} of the ${ns(wall)} wall time; the rest is package loading, waiting for a free worker and exit`;
  return `critical path: ${cp.steps.length} actions, ${ns(cp.totalNs)} = ${against}`;
}

/** The `--verify` result: a line, plus the packages compiled per one side only. */
export function verifyLines(v: BuildXAgreement): string[] {
  const lines = [
    `check against \`go build -x\` in a copy of the same cache: ${v.xCompiles} compile commands for ${v.compileActions} compile actions, so ${v.xNotRun} not run; the action graph counts ${v.graphHits} cache hits: ${v.agrees ? 'agrees' : 'DISAGREES'}`,
  ];
  if (v.onlyInGraph.length) lines.push(`  compiled per the graph only: ${v.onlyInGraph.join(' ')}`);
  if (v.onlyInX.length) lines.push(`  compiled per -x only: ${v.onlyInX.join(' ')}`);
  return lines;
}

function runsRow(label: string, runs: RelocationRun[]): string[] {
  const cached = runs.reduce((s, r) => s + r.cached, 0);
  const ran = runs.reduce((s, r) => s + r.ran, 0);
  const rate = cached + ran === 0 ? null : cached / (cached + ran);
  const wall = runs.map((r) => r.wallNs);
  const spread = wall.length > 1 ? ` (${ns(Math.min(...wall))} … ${ns(Math.max(...wall))})` : '';
  const added = runs.reduce((s, r) => s + r.newCacheFiles, 0);
  return [
    label,
    String(runs.length),
    pct(rate),
    String(ran / Math.max(1, runs.length)),
    String(added / Math.max(1, runs.length)),
    `${ns(median(wall))}${spread}`,
  ];
}

/** One place as `ext4 (/dev/vda, virtio disk) mounted at /`. */
export function placeLabel(p: StoragePlace): string {
  if (p.fsType === null) return 'an unknown filesystem';
  const device = p.block ? `, ${p.block.kind} disk ${p.block.name}` : '';
  return `${p.fsType} (${p.source ?? '?'}${device}) mounted at ${p.mountPoint ?? '?'}`;
}

function relocationLines(x: RelocationResult): string[] {
  const t = table(
    [
      'GOROOT',
      'builds',
      'hit rate',
      'compiled per build',
      'new GOCACHE files per build',
      'wall (median, min … max)',
    ],
    ['left', 'right', 'right', 'right', 'right', 'left'],
  );
  t.push(runsRow('copy, package index off', [x.withoutIndex]));
  t.push(runsRow('copy, first build', [x.firstRelocated]));
  t.push(runsRow('original', x.original));
  t.push(runsRow('copy, later builds', x.relocated));
  const c = x.comparison;
  const delta =
    c.deltaFraction === null
      ? 'n/a'
      : `${c.deltaFraction >= 0 ? '+' : ''}${(c.deltaFraction * 100).toFixed(1)}%`;
  const first =
    x.firstDeltaFraction === null
      ? 'n/a'
      : `${x.firstDeltaFraction >= 0 ? '+' : ''}${(x.firstDeltaFraction * 100).toFixed(1)}%`;
  const f = x.firstRelocated;
  const total = f.cached + f.ran;
  const objects =
    f.ran === 0
      ? `compiled packages: the cache survives the move, ${f.cached} of ${total} reused and none recompiled (cmd/go keeps GOROOT's path out of the cache keys of packages in GOROOT)`
      : `compiled packages: ${f.ran} of ${total} recompiled after the move: ${f.ranPackages.slice(0, 12).join(' ')}${f.ran > 12 ? ' …' : ''}`;
  const w = x.withoutIndex;
  const index =
    f.newCacheFiles > f.ran && w.newCacheFiles < f.newCacheFiles
      ? `package index: the first build with the copy added ${f.newCacheFiles} files to GOCACHE for ${f.ran} compiles, the same build with the package index off (GODEBUG=goindex=0) ${w.newCacheFiles}: cmd/go's package index (modindex) keys GOROOT packages by their directory's path, so it is rebuilt for the new location, which costs the first build ${first} wall time`
      : `package index: the first build with the copy added ${f.newCacheFiles} files to GOCACHE (${w.newCacheFiles} with GODEBUG=goindex=0)`;
  const where = x.storage.map((p) => `${p.name} on ${placeLabel(p)}`).join('; ');
  return [
    `GOROOT relocation: the same warm GOCACHE, GOROOT ${x.originalGoroot} (original) and a copy at ${x.relocatedGoroot} (cp -a, ${ns(x.copyNs)}); the copy's first builds, then original and copy alternate`,
    ...(where ? [where] : []),
    t.toString(),
    `wall time change: first build with the copy ${first}; later builds ${c.significant ? delta : '~'} (p=${c.p.toFixed(3)}, n=${c.n1}+${c.n2}${c.significant ? '' : ', not significant'})`,
    objects,
    index,
  ];
}

/** The terminal text of `analyze build`. */
export function renderBuildReport(r: BuildAnalysisReport): string {
  const a = r.analysis;
  const out = [headerLines(r).join('\n'), cacheLine(a.cache)];
  if (a.slowest.length) {
    out.push(
      `slowest compiles (top ${a.slowest.length}; action = TimeDone - TimeStart, tools = compile/asm/pack's own time):\n${slowestTable(a)}`,
    );
  } else if (a.cache.cached === a.cache.compileActions) {
    out.push('no package was compiled: every compile action came from the cache');
  } else {
    out.push(
      `no package was compiled: ${a.cache.cached} from the cache, ${a.cache.failed} failed, ${a.cache.notStarted} not started`,
    );
  }
  out.push(`${criticalPathSummary(r)}:\n${criticalPathTable(a)}`);
  out.push(`time per action mode:\n${modesTable(a)}`);
  if (r.warnings.length) out.push(['warnings:', ...r.warnings.map((w) => `  ${w}`)].join('\n'));
  return `${out.join('\n\n')}\n`;
}

/** The terminal text of `analyze cache`. */
export function renderCacheReport(r: BuildAnalysisReport): string {
  const c = r.analysis.cache;
  const t = table(['compile actions (mode "build", NeedBuild)', 'count'], ['left', 'right']);
  t.push(['served from the cache (no tool ran)', String(c.cached)]);
  t.push(['compiled (cache miss)', String(c.ran)]);
  if (c.failed) t.push(['failed', String(c.failed)]);
  if (c.notStarted) t.push(['not started', String(c.notStarted)]);
  t.push(['hit rate', pct(c.hitRate)]);
  const out = [headerLines(r).join('\n'), t.toString()];
  const notes: string[] = [];
  if (c.cacheChecks) {
    notes.push(
      `cache lookups ("build check cache" actions): ${c.cacheChecks}, ${ns(c.cacheCheckNs)} in total`,
    );
  }
  notes.push(
    c.links
      ? `links: ${c.linksRan} of ${c.links} ran (go build does not cache executables)`
      : 'links: none (not a main package)',
  );
  if (c.ran > 0 && c.cached > 0) {
    const shown = c.ranPackages.slice(0, 20);
    notes.push(`compiled: ${shown.join(' ')}${c.ranPackages.length > shown.length ? ' …' : ''}`);
  }
  out.push(notes.join('\n'));
  if (r.verify) out.push(verifyLines(r.verify).join('\n'));
  if (r.relocation) out.push(relocationLines(r.relocation).join('\n'));
  if (r.warnings.length) out.push(['warnings:', ...r.warnings.map((w) => `  ${w}`)].join('\n'));
  return `${out.join('\n\n')}\n`;
}

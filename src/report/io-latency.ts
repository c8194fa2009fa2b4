// Terminal text of the `analyze latency` report (analyze/latency-report.ts): 4 KiB random-read
// latency per directory's filesystem, beside the source document's table (chapter 2.2).
// Pure: report in, text out.
import Table from 'cli-table3';
import { nearestReference, type LatencyReport } from '../analyze/latency-report.js';
import type { LatencyTargetResult } from '../measure/io-latency.js';
import { formatNumber } from '../record/units.js';

function us(v: number): string {
  return `${formatNumber(v)} µs`;
}

function fsText(r: LatencyTargetResult): string {
  if (!r.filesystem) return '?';
  return `${r.filesystem.fsType} on ${r.filesystem.source} (${r.filesystem.mountPoint})`;
}

/** The report as terminal text. */
export function renderLatencyReport(report: LatencyReport): string {
  const t = new Table({
    head: [
      'directory',
      'filesystem',
      'file read',
      'engine',
      'cache',
      'reads',
      'mean',
      'p50',
      'p99',
      'nearest in the source document',
    ],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
  });
  const notes: string[] = [];
  for (const r of report.results) {
    const file =
      r.probedFileKind === 'test-file'
        ? 'private test file'
        : r.probedFile && r.role === 'GOROOT' && r.probedFile.startsWith(`${r.dir}/`)
          ? `$GOROOT${r.probedFile.slice(r.dir.length)}`
          : (r.probedFile ?? '');
    if (r.skipped) {
      t.push([r.role, fsText(r), '', '', '', '', '', '', '', `not measured: ${r.skipped}`]);
      continue;
    }
    const same = r.sameFilesystemAs ? ` (= ${r.sameFilesystemAs})` : '';
    for (const m of r.measurements) {
      const near = nearestReference(m);
      t.push([
        `${r.role}${same}`,
        fsText(r),
        file,
        m.engine,
        m.cache === 'direct' ? 'O_DIRECT' : 'page cache',
        String(m.reads),
        us(m.meanUs),
        us(m.p50Us),
        us(m.p99Us),
        `${near.medium}: mean ×${formatNumber(near.meanRatio)}, p99 ×${formatNumber(near.p99Ratio)}`,
      ]);
    }
    for (const w of r.warnings) notes.push(`${r.role}: ${w}`);
  }
  const ref = report.reference
    .map((r) => `${r.medium} ${formatNumber(r.meanUs)}/${formatNumber(r.p99Us)} µs`)
    .join(', ');
  const lines = [
    `4 KiB random reads, queue depth 1 (${report.reads} per directory and engine)`,
    t.toString(),
    `source document (ch. 2.2), mean/p99: ${ref}`,
    '',
    'notes:',
    "  O_DIRECT: past this machine's page cache, to the block device (a virtual disk may be cached by its host).",
    "  page cache: the filesystem refused O_DIRECT; the file is cached, so this is memory latency, not the device's.",
    `  GOROOT: an existing file is read (read-only). The temp dir and --dir: a private ${formatNumber(report.testFileBytes / 1024 / 1024)} MiB test file inside;`,
    '  GOCACHE and GOMODCACHE locations: the same next to them, never inside. Test files are removed.',
    '  tmpfs accepts O_DIRECT (Linux 6.6+) but is memory either way.',
    '  built-in probe: one synchronous pread per read, timed in Node; --engine both shows it beside fio.',
    ...notes.map((n) => `  ${n}`),
    ...report.warnings.map((w) => `  warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}

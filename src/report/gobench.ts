// The Go benchmark format writer (golang.org/design/14313-benchmark-format), after
// golang.org/x/perf/benchfmt's Writer: results (parse/bench-result.ts) in, text that the real
// benchstat reads out. `Unit` metadata lines first, then each result line preceded by the
// configuration lines that changed since the previous one. `report --format gobench` writes a
// run this way, converted directly (run-results.ts): one result line per successful sample,
// iteration count 1 (one op is one run of the command). Pure.
import type { BenchResult, BenchResults } from '../parse/bench-result.js';
import type { RunRecord } from '../record/run-record.js';
import type { Reporter } from './reporter.js';
import { runResults } from './run-results.js';
import { describeConfigurations, toolchainsOnly } from './configuration-names.js';
import { comparesConfigurations } from './terminal-table.js';

/** A value as Go's ParseFloat reads it back: shortest round-trip digits, Go's Inf and NaN. */
function valueText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

/** Right-aligns each column of rows (of cells) with tabs between them, as go test lays it out. */
function alignColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('\t'),
  );
}

/** The configuration lines that turn `before` into `after` (`key:` alone deletes a key). */
function configChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  const lines = Object.keys(before)
    .filter((k) => !(k in after))
    .map((k) => `${k}:`);
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) lines.push(`${k}: ${v}`);
  return lines;
}

function resultCells(result: BenchResult): string[] {
  const cells = [`Benchmark${result.name}`, String(result.iterations)];
  for (const v of result.values) cells.push(`${valueText(v.value)} ${v.unit}`);
  return cells;
}

/**
 * Writes results in the Go benchmark format, after `comments` as `#` lines (which readers
 * ignore). Consecutive result lines of one benchmark are aligned as go test aligns them.
 */
export function writeGoBench(data: BenchResults, comments: readonly string[] = []): string {
  const out = comments.map((c) => `# ${c}`);
  for (const { unit, metadata } of data.units.values()) {
    const pairs = Object.entries(metadata).map(([k, v]) => `${k}=${v}`);
    if (pairs.length > 0) out.push(`Unit ${unit} ${pairs.join(' ')}`);
  }
  let config: Record<string, string> = {};
  let block: string[][] = [];
  let blockName: string | null = null;
  const flush = (): void => {
    out.push(...alignColumns(block));
    block = [];
  };
  for (const result of data.results) {
    const changes = configChanges(config, result.config);
    if (changes.length > 0 || result.name !== blockName) flush();
    out.push(...changes);
    config = result.config;
    blockName = result.name;
    block.push(resultCells(result));
  }
  flush();
  return `${out.join('\n')}\n`;
}

/** Renders a run in the Go benchmark format; its id, toolchains, configurations and warnings in comment lines. */
export function renderGoBench(run: RunRecord): string {
  const comments = [
    `gobaseline ${run.tool.version} run ${run.id} (${run.status}), started ${run.startedAt}`,
  ];
  if ((run.config.toolchains?.length ?? 1) > 1) {
    const list = (run.config.toolchains ?? []).map((t) => `${t.label} (${t.goPath})`);
    comments.push(`toolchains: ${list.join(', ')}`);
  }
  if (comparesConfigurations(run) && !toolchainsOnly(run))
    comments.push(`configurations: ${describeConfigurations(run)}`);
  const data = runResults(run);
  comments.push(...data.warnings.map((w) => w.message));
  return writeGoBench(data, comments);
}

/** `report --format gobench`. */
export const goBenchReporter: Reporter = { render: renderGoBench };

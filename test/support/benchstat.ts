// The real benchstat (golang.org/x/perf/cmd/benchstat), installed by .ci/run into .tools/bin,
// and a reader for its `-format csv` output, for the cross-checks.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { skipUnlessCi } from './ci.js';
import { repoRoot } from './paths.js';

export const benchstatPath = path.join(repoRoot, '.tools', 'bin', 'benchstat');

/**
 * The benchstat binary, or null after skipping the test when it is not installed. Under CI a
 * missing benchstat fails the test instead: the cross-check must run there.
 */
export function requireBenchstat(t: TestContext): string | null {
  if (existsSync(benchstatPath)) return benchstatPath;
  skipUnlessCi(
    t,
    `benchstat is not installed at ${benchstatPath}; run .ci/run (or its go install line): cross-check skipped`,
  );
  return null;
}

export interface ProcessOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs benchstat with `args` in `cwd`. */
export function runBenchstat(bin: string, args: string[], cwd: string): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** RFC 4180 lines as Go's encoding/csv writes them (no field spans lines here). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (line[i] === '"') {
          i++;
          break;
        } else field += line[i];
      }
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
    fields.push(field);
    if (line[i] !== ',') return fields;
    i++;
  }
}

/** One cell group of a benchstat CSV row: an input's centre and CI, and its comparison. */
export interface BenchstatCell {
  /** fmt.Sprint of the centre (full precision), in benchstat's tidied unit (sec, not ns). */
  center: string;
  /** Summary.PctRangeString: `4%`, `∞`, `?`. */
  ci: string;
  /** For inputs after the first: `~`, `+1.23%`; and `p=0.012 n=10`. */
  delta?: string;
  test?: string;
  /** Warnings on this input's centre and on its comparison, from stderr. */
  summaryWarnings: string[];
  compareWarnings: string[];
}

export interface BenchstatRow {
  name: string;
  /** One per input column; null where the input lacks the benchmark. */
  cells: (BenchstatCell | null)[];
}

export interface BenchstatTable {
  /** The tidied unit, e.g. `sec/op`. */
  unit: string;
  labels: string[];
  rows: BenchstatRow[];
  /** The summary row: geomean per input (`''` when not computable) and the ratio text. */
  geomean: { center: string; delta: string; warnings: string[] }[];
}

/** Column of input `exp`'s centre in benchstat's CSV layout. */
function startCol(exp: number): number {
  return exp === 0 ? 1 : 1 + 2 + (exp - 1) * 4;
}

function columnIndex(letters: string): number {
  let x = 0;
  for (const ch of letters) x = x * 26 + (ch.charCodeAt(0) - 65);
  return x;
}

/**
 * Parses `benchstat -format csv` output into tables (one per unit), attaching the warnings
 * benchstat writes to stderr as `<column><line>: <message>` to their cells.
 */
export function parseBenchstatCsv(stdout: string, stderr: string): BenchstatTable[] {
  const warnings = new Map<string, string[]>();
  for (const line of stderr.split('\n')) {
    const m = /^([A-Z]+)(\d+): (.*)$/.exec(line);
    if (!m) continue;
    const key = `${m[2]}:${columnIndex(m[1] ?? 'A')}`;
    warnings.set(key, [...(warnings.get(key) ?? []), m[3] ?? '']);
  }
  const warn = (line: number, col: number): string[] => warnings.get(`${line}:${col}`) ?? [];

  const lines = stdout.split('\n');
  const tables: BenchstatTable[] = [];
  let table: BenchstatTable | null = null;
  let labels: string[] | null = null;
  lines.forEach((text, index) => {
    const lineNo = index + 1;
    const cells = parseCsvLine(text);
    if (text === '') {
      table = null;
      labels = null;
      return;
    }
    if (cells.length === 1) return; // a configuration header such as "goos: linux"
    if (!labels) {
      labels = cells.filter((_, i) => i > 0 && cells[i] !== '');
      return;
    }
    if (!table) {
      table = { unit: cells[1] ?? '', labels, rows: [], geomean: [] };
      tables.push(table);
      return;
    }
    const name = cells[0] ?? '';
    const n = labels.length;
    if (name === 'geomean') {
      for (let exp = 0; exp < n; exp++) {
        const c = startCol(exp);
        table.geomean.push({
          center: cells[c] ?? '',
          delta: exp > 0 ? (cells[c + 2] ?? '') : '',
          warnings: warn(lineNo, c),
        });
      }
      return;
    }
    const row: BenchstatRow = { name, cells: [] };
    for (let exp = 0; exp < n; exp++) {
      const c = startCol(exp);
      if ((cells[c] ?? '') === '') {
        row.cells.push(null);
        continue;
      }
      row.cells.push({
        center: cells[c] ?? '',
        ci: cells[c + 1] ?? '',
        ...(exp > 0 ? { delta: cells[c + 2] ?? '', test: cells[c + 3] ?? '' } : {}),
        summaryWarnings: warn(lineNo, c),
        compareWarnings: exp > 0 ? warn(lineNo, c + 2) : [],
      });
    }
    table.rows.push(row);
  });
  return tables;
}

// Reads the Go benchmark format (golang.org/design/14313-benchmark-format): `go test -bench`
// output, benchstat inputs, gobaseline's own `report --format gobench`. Follows
// golang.org/x/perf/benchfmt: configuration lines `key: value`, result lines
// `BenchmarkName[-N] <iterations> <value> <unit> [<value> <unit> ...]`, `Unit <unit> key=value`
// metadata lines; every other line is ignored. Results are the shared model (bench-result.ts),
// not grouped: grouping is a projection (bench-projection.ts). A malformed result line is a
// UsageError naming the file and line (benchstat warns and skips it). Pure: text in, data out.
import { UsageError } from '../errors.js';
import {
  setUnitMetadata,
  tidyUnit,
  type BenchResult,
  type BenchResults,
  type BenchValue,
} from '../parse/bench-result.js';

export { tidyUnit };

/** One result line. */
export interface GoBenchResult extends BenchResult {
  /** 1-based line number in the input. */
  line: number;
  /** GOMAXPROCS from the name's `-N` suffix; null without one (go test omits it for 1). */
  procs: number | null;
}

/** A parsed file: its results (each with the file configuration in effect) and unit metadata. */
export interface GoBenchFile extends BenchResults {
  results: GoBenchResult[];
  /** The configuration in effect at the end of the file. */
  config: Record<string, string>;
}

/** Splits off the first whitespace-separated field, as benchfmt's splitField. */
function splitField(text: string): [string, string] {
  const m = /^(\S*)\s*([\s\S]*)$/.exec(text);
  return [m?.[1] ?? '', m?.[2] ?? ''];
}

/**
 * A configuration line per the format: the key starts with a lower-case letter and has no space
 * or upper-case letter up to the colon; one or more spaces or tabs separate `key:` and the value,
 * which may be empty (meaning: delete the key). Returns null for any other line.
 */
export function parseConfigLine(line: string): [string, string] | null {
  const m = /^(\p{Ll}[^\s\p{Lu}:]*):(?:([ \t]+)(.*))?$/u.exec(line);
  if (!m?.[1]) return null;
  return [m[1], m[3] ?? ''];
}

const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** A measurement as Go's strconv.ParseFloat reads it (decimal, exponent, Inf, NaN); null if not. */
function parseNumber(text: string): number | null {
  // ParseFloat refuses a decimal out of a double's range (ErrRange); "Inf" is written as such.
  if (FLOAT.test(text)) return Number.isFinite(Number(text)) ? Number(text) : null;
  if (SPECIAL.test(text)) {
    if (/nan/i.test(text)) return NaN;
    return text.startsWith('-') ? -Infinity : Infinity;
  }
  return null;
}

/** The `-N` GOMAXPROCS suffix of a benchmark name, or null. */
export function procsOf(name: string): number | null {
  const m = /-(\d+)$/.exec(name);
  // As benchfmt: a suffix too large for an integer is part of the name, not a GOMAXPROCS.
  const n = Number(m?.[1]);
  return m && Number.isSafeInteger(n) ? n : null;
}

/**
 * Parses Go benchmark format text. `file` names the input in error messages. Throws UsageError
 * `FILE:LINE: malformed benchmark result: ...` for a result line that cannot be read, and for a
 * `Unit` line that is not `Unit <unit> key=value ...` or contradicts an earlier one.
 */
export function parseGoBench(text: string, file: string): GoBenchFile {
  const results: GoBenchResult[] = [];
  const units: GoBenchFile['units'] = new Map();
  const config: Record<string, string> = {};
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineNo = index + 1;
    const fail = (what: string): never => {
      const shown = line.length > 80 ? `${line.slice(0, 77)}...` : line;
      throw new UsageError(`${file}:${lineNo}: ${what}: ${JSON.stringify(shown)}`);
    };
    if (line.startsWith('Benchmark')) {
      const [name, rest] = splitField(line.slice('Benchmark'.length));
      // `go test -v` prints the bare name when a benchmark starts: not a result.
      if (rest === '' && name.length === line.length - 'Benchmark'.length) return;
      const bad = (why: string): never => fail(`malformed benchmark result (${why})`);
      let [field, tail] = splitField(rest);
      if (field === '') bad('missing iteration count');
      if (!/^[+-]?\d+$/.test(field)) bad(`iteration count "${field}" is not an integer`);
      const iterations = Number(field);
      // benchfmt reads it with strconv.Atoi, which refuses what does not fit.
      if (!Number.isSafeInteger(iterations)) bad(`iteration count "${field}" is too large`);
      const values: BenchValue[] = [];
      for (;;) {
        [field, tail] = splitField(tail);
        if (field === '') {
          if (values.length === 0) bad('missing measurements');
          break;
        }
        const value = parseNumber(field);
        if (value === null) bad(`"${field}" is not a number`);
        let unit: string;
        [unit, tail] = splitField(tail);
        if (unit === '') bad(`missing unit after ${field}`);
        values.push({ value: value as number, unit });
      }
      results.push({
        line: lineNo,
        name,
        procs: procsOf(name),
        iterations,
        values,
        config: { ...config },
        labels: {},
      });
      return;
    }
    const [first, after] = splitField(line);
    if (first === 'Unit') {
      const [unit, rest] = splitField(after);
      let tail = rest;
      if (unit === '') fail('malformed Unit line (missing unit)');
      for (;;) {
        let pair: string;
        [pair, tail] = splitField(tail);
        if (pair === '') break;
        const eq = pair.indexOf('=');
        if (eq <= 0) fail(`malformed Unit line (expected key=value, got "${pair}")`);
        const k = pair.slice(0, eq);
        const had = setUnitMetadata(units, unit, k, pair.slice(eq + 1));
        if (had !== null) fail(`Unit line: metadata ${k} of unit ${unit} already set to ${had}`);
      }
      return;
    }
    const kv = parseConfigLine(line);
    if (kv) {
      if (kv[1] === '') delete config[kv[0]];
      else config[kv[0]] = kv[1];
    }
    // Anything else (PASS, ok ..., blank lines, # comments) is ignored.
  });
  return { results, units, config, warnings: [] };
}

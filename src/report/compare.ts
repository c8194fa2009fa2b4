// benchstat's comparison, as data: per metric and benchmark, each input's centre with the
// confidence interval of the median, and each later input against the first (the base): the
// change in centres, the Mann-Whitney p-value and whether it is significant at alpha; a geomean
// row per metric. Semantics (and warning texts) follow golang.org/x/perf/cmd/benchstat: a
// change with p > alpha prints as `~`. Pure: samples in, a report out.
import type { ResultWarning } from '../parse/bench-result.js';
import {
  canaryFactor,
  geomean,
  MIN_PAIRED_ROUNDS,
  type Assumption,
  type CanaryFactor,
  type CanarySamples,
} from '../stats/index.js';
import { belowCpuResolution } from '../stats/cpu-resolution.js';
import { formatGoFixed, formatGoSigned } from './go-format.js';

/** How values of a metric are read. */
export interface CompareMetric {
  /** Identifies the metric across inputs: a run record key (`wallNs`) or a Go benchmark unit. */
  id: string;
  /** For people: the run record's label (`wall`) or the unit (`sec/op`). */
  label: string;
  /** What the values measure: `ns` or `sec` (time), `bytes`, or a plain number `count`. */
  kind: 'ns' | 'sec' | 'bytes' | 'count' | 'percent';
  /** What is known about the values (benchstat's `assume=`): picks the summary and the test. */
  assumption: Assumption;
  /** Which direction is an improvement, when known. */
  better: 'lower' | 'higher' | null;
}

/** All values of one benchmark and metric in one input. */
export interface CompareSample {
  benchmark: string;
  metric: string;
  values: number[];
  /**
   * Each value's round, parallel to `values`, for configurations interleaved in one run: they
   * are then compared pair by pair (Wilcoxon signed-rank) when enough rounds pair up.
   */
  pairs?: string[];
}

/** One input (a run file or a Go benchmark file). */
export interface CompareInput {
  /** Column heading: the file name, made unique. */
  label: string;
  /** The path as given. */
  path: string;
  kind: 'run' | 'gobench';
  /** The run id for run files. */
  runId?: string;
  /** What the source left out (failed samples, scenarios not measured), as data. */
  warnings: ResultWarning[];
  samples: CompareSample[];
  /** A run's drift canaries (run-record.ts), when it measured them. */
  canary?: CanarySamples[];
}

/** One input's summary of one benchmark and metric. */
export interface CellSummary {
  n: number;
  /** The median (the mode for exact metrics), in the metric's units. */
  center: number;
  /** Bounds of the median's confidence interval (min and max for exact metrics); null: unbounded. */
  ciLo: number | null;
  ciHi: number | null;
  /** Achieved confidence of [ciLo, ciHi], 0-1. */
  ciConfidence: number;
  /** The half-width as benchstat prints it after `±`: `4%`, `∞`, `?`. */
  ciPercent: string;
  /** benchstat's warnings about this cell. */
  warnings: string[];
  /**
   * Set (true) on a user or system CPU time whose centre is below the kernel's accounting
   * resolution (stats/cpu-resolution.ts): noise, not a measurement. Absent otherwise.
   */
  belowResolution?: true;
}

/** One later input against the base, for one benchmark and metric. */
export interface CellComparison {
  /** Two-sided Mann-Whitney U p-value (0 for exact metrics, as benchstat). */
  p: number;
  n1: number;
  n2: number;
  /** p <= alpha (always for exact metrics). */
  significant: boolean;
  /** centre/baseCentre - 1; 0 when equal; null when the base centre is 0. */
  deltaFraction: number | null;
  /** As benchstat prints it: `~`, `+1.23%`, `0.00%`, `?`. */
  delta: string;
  /** As benchstat prints it: `p=0.002 n=10`, `n=10+8`. */
  test: string;
  warnings: string[];
  /** Set (true) when compared round by round (Wilcoxon signed-rank); absent for Mann-Whitney U. */
  paired?: true;
}

export interface CompareCell {
  summary: CellSummary;
  /** Against the base input's cell; null for the base itself or when the base lacks the row. */
  vsBase: CellComparison | null;
}

export interface CompareRow {
  benchmark: string;
  /** One entry per input; null when that input lacks this benchmark and metric. */
  cells: (CompareCell | null)[];
}

/** The geomean row of one metric, per input. */
export interface GeomeanCell {
  /** Geometric mean of the centres; null when benchstat cannot compute it (a centre <= 0). */
  center: number | null;
  /** Geometric mean of the centre ratios against the base; null for the base or when undefined. */
  ratio: number | null;
  /** As benchstat prints it: `-1.23%`, `?` (empty for the base). */
  delta: string;
  warnings: string[];
}

export interface MetricComparison {
  metric: CompareMetric;
  rows: CompareRow[];
  geomean: GeomeanCell[];
}

export interface CompareReport {
  alpha: number;
  confidence: number;
  inputs: Omit<CompareInput, 'samples' | 'canary'>[];
  metrics: MetricComparison[];
  /**
   * Per input, how far the machine moved against the base by the drift canaries; null for the
   * base and where either run has no canary. Absent when no input has one.
   */
  canary?: (CanaryFactor | null)[];
}

export interface CompareOptions {
  /** Significance level in (0, 1); default 0.05. */
  alpha?: number;
  /** Confidence level of the median intervals in (0, 1); default 0.95. */
  confidence?: number;
}

/** benchstat's Summary.PctRangeString: the larger relative distance from centre to a bound. */
export function pctRange(center: number, lo: number | null, hi: number | null): string {
  if (lo === null || hi === null) return '∞';
  if (Math.sign(center) !== Math.sign(lo) || Math.sign(center) !== Math.sign(hi)) return '?';
  if (center === 0) return '0%';
  return `${formatGoFixed(100 * Math.max(hi / center - 1, 1 - lo / center), 0)}%`;
}

/** benchstat's Comparison.String: `p=0.123 n=10` or `n=10+8` (no p when it is 0). */
function testText(p: number, n1: number, n2: number): string {
  const pText = p !== 0 ? `p=${formatGoFixed(p, 3)} ` : '';
  return pText + (n1 === n2 ? `n=${n1}` : `n=${n1}+${n2}`);
}

/** User and system CPU times, as run keys and in Go benchmark terms: split by clock ticks. */
const TICK_SAMPLED_CPU = new Set(['userNs', 'sysNs', 'user-sec/op', 'sys-sec/op']);

/** True when `center` is a user or system CPU time below the accounting resolution. */
function belowResolution(metric: CompareMetric, center: number): boolean {
  if (!TICK_SAMPLED_CPU.has(metric.id)) return false;
  return belowCpuResolution(metric.kind === 'sec' ? center * 1e9 : center);
}

/** One input's cell: the metric's assumption summarizes, benchstat's texts beside it. */
function summarizeCell(
  values: readonly number[],
  metric: CompareMetric,
  confidence: number,
): CellSummary {
  const s = metric.assumption.summary(values, confidence);
  return {
    n: s.n,
    center: s.center,
    ciLo: s.lo,
    ciHi: s.hi,
    ciConfidence: s.confidence,
    ciPercent: pctRange(s.center, s.lo, s.hi),
    warnings: s.warnings.map((w) => w.message),
    ...(belowResolution(metric, s.center) ? { belowResolution: true as const } : {}),
  };
}

/** benchstat's Comparison.FormatDelta: `~` when not significant, else the change in centres. */
export function deltaText(significant: boolean, base: number, center: number): string {
  if (!significant) return '~';
  if (base === center) return '0.00%';
  if (base === 0) return '?';
  return `${formatGoSigned((center / base - 1) * 100, 2)}%`;
}

/** Values of one cell with their round names, when the input carries them. */
interface CellValues {
  values: number[];
  pairs: string[] | null;
}

/** The two cells' values matched by round; null unless both have rounds and enough match. */
function matchedPairs(base: CellValues, other: CellValues): { a: number[]; b: number[] } | null {
  if (!base.pairs || !other.pairs) return null;
  const byRound = new Map(base.pairs.map((r, i) => [r, base.values[i] as number]));
  const a: number[] = [];
  const b: number[] = [];
  other.pairs.forEach((r, i) => {
    const x = byRound.get(r);
    if (x === undefined) return;
    a.push(x);
    b.push(other.values[i] as number);
  });
  return a.length >= MIN_PAIRED_ROUNDS ? { a, b } : null;
}

function compareCell(
  baseCell: CellValues,
  baseSummary: CellSummary,
  cell: CellValues,
  summary: CellSummary,
  metric: CompareMetric,
  alpha: number,
): CellComparison {
  const pairs = metric.assumption.name === 'nothing' ? matchedPairs(baseCell, cell) : null;
  const { p, significant, warnings } = pairs
    ? metric.assumption.comparePaired(pairs.a, pairs.b, alpha)
    : metric.assumption.compare(baseCell.values, cell.values, alpha);
  const b = baseSummary.center;
  const deltaFraction = b === summary.center ? 0 : b === 0 ? null : summary.center / b - 1;
  return {
    p,
    n1: baseSummary.n,
    n2: summary.n,
    significant,
    deltaFraction,
    delta: deltaText(significant, b, summary.center),
    test: testText(p, baseSummary.n, summary.n),
    warnings: warnings.map((w) => w.message),
    ...(pairs ? { paired: true as const } : {}),
  };
}

/** benchstat's summary column: geomean of the centres and of the ratios to the base. */
function geomeanCell(rows: readonly CompareRow[], input: number): GeomeanCell {
  const warnings: string[] = [];
  const centers: number[] = [];
  const ratios: number[] = [];
  let badRatios = 0;
  let withBase = 0;
  for (const row of rows) {
    if (row.cells[0]) withBase++;
    const cell = row.cells[input];
    if (!cell) continue;
    centers.push(cell.summary.center);
    const base = row.cells[0];
    if (input > 0 && base) {
      const [a, b] = [cell.summary.center, base.summary.center];
      if (a === b) ratios.push(1);
      else if (b === 0) badRatios++;
      else ratios.push(a / b);
    }
  }
  // benchstat counts a ratio to a zero base too (one it cannot use).
  if (input > 0 && withBase !== ratios.length + badRatios)
    warnings.push('benchmark set differs from baseline; geomeans may not be comparable');
  const gm = geomean(centers);
  const center = gm.ignored === 0 ? gm.value : null;
  if (center === null) warnings.push('summaries must be >0 to compute geomean');
  let ratio: number | null = null;
  if (input > 0 && badRatios === 0) {
    const gr = geomean(ratios);
    ratio = gr.ignored === 0 ? gr.value : null;
    if (ratio === null) warnings.push('ratios must be >0 to compute geomean');
  }
  const delta =
    input === 0 ? '' : ratio === null ? '?' : `${formatGoSigned((ratio - 1) * 100, 2)}%`;
  return { center, ratio, delta, warnings };
}

/**
 * Compares the inputs benchstat-style. Metrics and benchmarks appear in the order first seen
 * (input by input). Every input is compared with the first.
 */
export function compareInputs(
  inputs: readonly CompareInput[],
  metrics: readonly CompareMetric[],
  options: CompareOptions = {},
): CompareReport {
  const alpha = options.alpha ?? 0.05;
  const confidence = options.confidence ?? 0.95;
  const out: MetricComparison[] = [];
  for (const metric of metrics) {
    const benchmarks: string[] = [];
    const values = inputs.map(() => new Map<string, CellValues>());
    inputs.forEach((input, i) => {
      for (const s of input.samples) {
        if (s.metric !== metric.id) continue;
        if (!benchmarks.includes(s.benchmark)) benchmarks.push(s.benchmark);
        const had = values[i]?.get(s.benchmark);
        const pairs = s.pairs && (!had || had.pairs) ? [...(had?.pairs ?? []), ...s.pairs] : null;
        values[i]?.set(s.benchmark, { values: [...(had?.values ?? []), ...s.values], pairs });
      }
    });
    if (benchmarks.length === 0) continue;
    const rows = benchmarks.map((benchmark): CompareRow => {
      const samples = values.map((m) => m.get(benchmark) ?? null);
      const summaries = samples.map((v) =>
        v ? summarizeCell(v.values, metric, confidence) : null,
      );
      const base = samples[0];
      const baseSummary = summaries[0];
      return {
        benchmark,
        cells: samples.map((v, i) => {
          const summary = summaries[i];
          if (!v || !summary) return null;
          const vsBase =
            i > 0 && base && baseSummary
              ? compareCell(base, baseSummary, v, summary, metric, alpha)
              : null;
          return { summary, vsBase };
        }),
      };
    });
    out.push({ metric, rows, geomean: inputs.map((_, i) => geomeanCell(rows, i)) });
  }
  const base = inputs[0]?.canary;
  const canary = inputs.map((input, i) =>
    i === 0 ? null : canaryFactor(base, input.canary, alpha),
  );
  return {
    alpha,
    confidence,
    inputs: inputs.map(({ samples: _samples, canary: _canary, ...rest }) => rest),
    metrics: out,
    ...(canary.some((c) => c !== null) ? { canary } : {}),
  };
}

/** The test a legend names: round by round where every compared cell was paired. */
export function comparisonTest(report: CompareReport): string {
  const cells = report.metrics.flatMap((m) =>
    m.rows.flatMap((r) => r.cells.flatMap((c) => (c?.vsBase ? [c.vsBase] : []))),
  );
  const paired = cells.filter((c) => c.paired).length;
  if (paired === 0) return 'Mann-Whitney U test';
  if (paired === cells.length) return 'Wilcoxon signed-rank test of the runs paired by round';
  return `Wilcoxon signed-rank test of the runs paired by round where ${MIN_PAIRED_ROUNDS} or more rounds pair up, else Mann-Whitney U test`;
}

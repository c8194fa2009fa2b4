// Warnings returned as data by the statistics functions (never thrown or printed).

/**
 * Machine-readable warning codes. Messages for the benchstat-derived codes use benchstat's
 * wording; the outlier codes follow hyperfine's warnings.
 */
export type StatsWarningCode =
  /** A sample has no (finite) values; benchstat's "sample is too small". */
  | 'empty-sample'
  /** NaN or ±Infinity values were dropped before computing statistics. */
  | 'non-finite-values'
  /** Too few samples for a finite median confidence interval (benchstat). */
  | 'ci-too-few-samples'
  /** The first value is a high outlier (hyperfine's "first run was significantly slower"). */
  | 'slow-first-run'
  /** At least one value is a modified z-score outlier (hyperfine's "statistical outliers"). */
  | 'outliers'
  /** Samples too small for the U-test to ever reach significance at alpha (benchstat). */
  | 'compare-too-few-samples'
  /** Every value in both samples is identical, so the U-test is undefined (benchstat). */
  | 'all-equal'
  /** Values <= 0 were left out of a geometric mean. */
  | 'non-positive-values'
  /** Values assumed exact differ from each other (benchstat, under assume=exact). */
  | 'not-exact';

/**
 * A warning: a stable `code` for programs plus a one-line `message` for people. The message
 * holds no raw values: the values it is about are data (`value`), in the sample's own units,
 * which only the caller knows how to print (ns, bytes, ...).
 */
export interface StatsWarning {
  code: StatsWarningCode;
  message: string;
  /** The value the warning is about, in the sample's units: the first run for `slow-first-run`. */
  value?: number;
}

/**
 * Formats a number the way Go's `%v` verb prints a float64 (shortest round-trip digits, with
 * exponent form when the decimal exponent is < -4 or >= 6), e.g. 0.95 → "0.95", 1e-5 → "1e-05".
 */
export function formatGoFloat(x: number): string {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x)) return 'NaN';
    return x > 0 ? '+Inf' : '-Inf';
  }
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(x);
}

// Geometric mean, as benchstat computes it for its "geomean" rows.

import type { StatsWarning } from './warnings.js';

/** A geometric mean and what was left out of it. */
export interface GeomeanResult {
  /** Geometric mean of the positive finite values, in their units; null if there are none. */
  value: number | null;
  /** Number of values that went into `value`. */
  n: number;
  /** Number of values left out because they were <= 0 or not finite. */
  ignored: number;
  /** `non-positive-values` and/or `non-finite-values` when anything was left out. */
  warnings: StatsWarning[];
}

/**
 * Geometric mean exp(mean(log x)) of `values`, using benchstat's running mean of logs. Values
 * <= 0 (where benchstat gives up with "summaries must be >0") and non-finite ones are ignored
 * and reported in `warnings`.
 */
export function geomean(values: readonly number[]): GeomeanResult {
  let meanLog = 0;
  let n = 0;
  let nonPositive = 0;
  let nonFinite = 0;
  for (const x of values) {
    if (!Number.isFinite(x)) {
      nonFinite++;
    } else if (x <= 0) {
      nonPositive++;
    } else {
      n++;
      meanLog += (Math.log(x) - meanLog) / n;
    }
  }
  const warnings: StatsWarning[] = [];
  if (nonPositive > 0) {
    warnings.push({
      code: 'non-positive-values',
      message: `values must be >0 to compute geomean; ignored ${nonPositive} of ${values.length}`,
    });
  }
  if (nonFinite > 0) {
    warnings.push({
      code: 'non-finite-values',
      message: `ignored ${nonFinite} non-finite value${nonFinite === 1 ? '' : 's'} (NaN or Infinity) in geomean`,
    });
  }
  return { value: n > 0 ? Math.exp(meanLog) : null, n, ignored: nonPositive + nonFinite, warnings };
}

// Pure statistics for benchmark samples, following benchstat (golang.org/x/perf/benchmath)
// for medians, confidence intervals and comparisons, and hyperfine for outlier warnings; and for
// histories of runs, change points (robust STL, then windowed E-divisive as Apache Otava does).

export {
  assumeExact,
  assumeNothing,
  assumptionNamed,
  MIN_PAIRED_ROUNDS,
  type Assumption,
  type Comparison,
  type Summary,
} from './assumption.js';
export { compareSamples, minUTestP, uTestSamplesNeeded, type ComparisonResult } from './compare.js';
export { geomean, type GeomeanResult } from './geomean.js';
export { holmAdjust } from './holm.js';
export { signedRank, type SignedRankResult } from './signed-rank.js';
export {
  MANN_WHITNEY_EXACT_LIMIT,
  MANN_WHITNEY_TIES_EXACT_LIMIT,
  mannWhitneyU,
  type MannWhitneyMethod,
  type MannWhitneyResult,
} from './mann-whitney.js';
export {
  medianCI,
  medianSamplesNeeded,
  quantileCI,
  sortedMedianCI,
  type MedianWithCI,
  type OrderStatisticCI,
} from './median-ci.js';
export { erfc, normalCdf, normalInvCdf } from './normal.js';
export {
  DEFAULT_OUTLIER_THRESHOLD,
  HYPERFINE_OUTLIER_THRESHOLD,
  MODIFIED_Z_SCALE,
  detectOutliers,
  medianAbsoluteDeviation,
  modifiedZScores,
  type OutlierReport,
} from './outliers.js';
export { ascending, median, quantile, quantileSorted, sortedCopy } from './quantile.js';
export { summarize, type SampleSummary, type SummarizeOptions } from './summary.js';
export { formatGoFloat, type StatsWarning, type StatsWarningCode } from './warnings.js';
export {
  detectChangePoints,
  type ChangeKind,
  type ChangePointAnalysis,
  type ChangePointFinding,
  type ChangePointOptions,
  type ChangePointState,
} from './change-points.js';
export { choosePeriod, type PeriodChoice } from './seasonal-period.js';
export { stl, type StlOptions, type StlResult } from './stl.js';
export {
  canaryFactor,
  canarySpeed,
  relativeToCanary,
  type CanaryChange,
  type CanaryFactor,
  type CanarySamples,
} from './canary-factor.js';
export { mulberry32 } from './random.js';

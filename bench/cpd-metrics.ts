// The change-point metrics of TCPDBench (van den Burg & Williams, "An Evaluation of Change Point
// Detection Algorithms", 2020; analysis/scripts/metrics.py): the F-measure with a margin and
// one-to-one matching, and the segmentation covering of Arbelaez et al. Locations are 0-based
// indices of the first point of a new segment; as in TCPDBench, 0 counts as a change point of
// every annotation and every prediction, so a series with none scores F1 = 1 when none is found.

/**
 * The annotated locations that a prediction matches within `margin` points, each prediction used
 * at most once: annotations are visited in ascending order and take their nearest free prediction
 * (the smaller location on a tie).
 */
export function truePositives(
  annotated: Iterable<number>,
  predicted: Iterable<number>,
  margin = 5,
): Set<number> {
  const free = new Set(predicted);
  const matched = new Set<number>();
  for (const tau of [...new Set(annotated)].sort((a, b) => a - b)) {
    let best: number | undefined;
    for (const x of free) {
      const dist = Math.abs(tau - x);
      if (dist > margin) continue;
      if (
        best === undefined ||
        dist < Math.abs(tau - best) ||
        (dist === Math.abs(tau - best) && x < best)
      )
        best = x;
    }
    if (best === undefined) continue;
    matched.add(tau);
    free.delete(best);
  }
  return matched;
}

/** F-measure with its precision and recall, each in [0, 1]. */
export interface FMeasure {
  f: number;
  precision: number;
  recall: number;
}

/**
 * TCPDBench's F-measure against one or more annotators: precision against the union of all
 * annotations, recall averaged over annotators; alpha = 0.5 gives F1.
 */
export function fMeasure(
  annotations: readonly (readonly number[])[],
  predictions: readonly number[],
  margin = 5,
  alpha = 0.5,
): FMeasure {
  const sets = annotations.map((a) => new Set([0, ...a]));
  const predicted = new Set([0, ...predictions]);
  const union = new Set(sets.flatMap((s) => [...s]));
  const precision = truePositives(union, predicted, margin).size / predicted.size;
  let recall = 0;
  for (const s of sets) recall += truePositives(s, predicted, margin).size / s.size;
  recall /= sets.length;
  const denominator = alpha * recall + (1 - alpha) * precision;
  return { f: denominator === 0 ? 0 : (precision * recall) / denominator, precision, recall };
}

/** A segment [start, end) of 0..n−1. */
type Segment = readonly [number, number];

/** The segments of 0..n−1 that change points cut out (locations ≤ 0 or ≥ n ignored). */
export function partitionFromChangePoints(locations: readonly number[], n: number): Segment[] {
  const cuts = [...new Set(locations)].filter((x) => x > 0 && x < n).sort((a, b) => a - b);
  const bounds = [0, ...cuts, n];
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++)
    segments.push([bounds[i] as number, bounds[i + 1] as number]);
  return segments;
}

/** Jaccard index of two segments. */
function overlap(a: Segment, b: Segment): number {
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  return inter / (a[1] - a[0] + (b[1] - b[0]) - inter);
}

/** Covering of segmentation `truth` by `predicted` (Arbelaez et al. 2010, eq. 8); in [0, 1]. */
export function coverSingle(predicted: readonly Segment[], truth: readonly Segment[]): number {
  let total = 0;
  let sum = 0;
  for (const r of truth) {
    const len = r[1] - r[0];
    total += len;
    sum += len * Math.max(...predicted.map((p) => overlap(r, p)));
  }
  return sum / total;
}

/** Segmentation covering of the predictions averaged over annotators, for a series of n points. */
export function covering(
  annotations: readonly (readonly number[])[],
  predictions: readonly number[],
  n: number,
): number {
  const predicted = partitionFromChangePoints(predictions, n);
  let sum = 0;
  for (const a of annotations) sum += coverSingle(predicted, partitionFromChangePoints(a, n));
  return sum / annotations.length;
}

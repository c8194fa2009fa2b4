// Holm–Bonferroni correction for multiple comparisons (Holm 1979): a sweep compares many
// configurations with one default at once, so some uncorrected p-values fall below alpha by
// chance alone. Holm controls the family-wise error rate like Bonferroni but rejects more.
// Pure.

/**
 * Holm-adjusted p-values, in the order given: with m p-values sorted ascending p(1) <= ... <=
 * p(m), the adjusted p(i) is max over j <= i of min(1, (m - j + 1) · p(j)), so the adjusted
 * values keep the order of the raw ones and never exceed 1. A hypothesis is rejected at level
 * alpha when its adjusted p <= alpha: the same decisions as Holm's step-down procedure.
 * NaN stays NaN and takes no part (it is not a comparison that was made).
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((a, b) => a.p - b.p || a.i - b.i);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

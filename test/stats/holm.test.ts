// The Holm–Bonferroni correction, against a worked example and the procedure's properties.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { holmAdjust } from '../../src/stats/index.js';
import { assertClose } from './helpers.js';

test('the textbook example: p = 0.01, 0.04, 0.03, 0.005 at alpha 0.05', () => {
  // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04).
  const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
  [0.03, 0.06, 0.06, 0.02].forEach((want, i) => assertClose(adjusted[i] ?? NaN, want));
  // Holm rejects the two smallest; unadjusted, all four would be "significant".
  assert.deepEqual(
    adjusted.map((p) => p <= 0.05),
    [true, false, false, true],
  );
});

test('edge cases: empty, one p-value, ties, capping at 1, zeros and NaN', () => {
  assert.deepEqual(holmAdjust([]), []);
  assert.deepEqual(holmAdjust([0.03]), [0.03]);
  assert.deepEqual(holmAdjust([0.02, 0.02]), [0.04, 0.04]);
  assert.deepEqual(holmAdjust([0.5, 0.9, 0.4]), [1, 1, 1]);
  assert.deepEqual(holmAdjust([0, 0.01]), [0, 0.01]);
  // An undefined comparison is not part of the family: m counts the other two.
  const withNaN = holmAdjust([0.01, NaN, 0.02]);
  assert.ok(Number.isNaN(withNaN[1]));
  assertClose(withNaN[0] ?? NaN, 0.02);
  assertClose(withNaN[2] ?? NaN, 0.02);
});

/** Holm's step-down procedure as written: reject until the first p(i) > alpha / (m - i + 1). */
function stepDownRejects(p: readonly number[], alpha: number): boolean[] {
  const order = p.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = p.map(() => false);
  for (const [rank, { v, i }] of order.entries()) {
    if (v > alpha / (p.length - rank)) break;
    out[i] = true;
  }
  return out;
}

const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 });

test('properties: order kept, never below p or above 1 or Bonferroni, same decisions as step-down', () => {
  fc.assert(
    fc.property(pValues, fc.constantFrom(0.01, 0.05, 0.1), (p, alpha) => {
      const adj = holmAdjust(p);
      const m = p.length;
      p.forEach((pi, i) => {
        const ai = adj[i] as number;
        assert.ok(ai >= pi && ai <= 1);
        assert.ok(ai <= Math.min(1, m * pi) + 1e-15);
        p.forEach((pj, j) => {
          if (pi <= pj) assert.ok(ai <= (adj[j] as number));
        });
      });
      // Multiplying by (m - rank) can round where dividing alpha does not: compare away from ties.
      const decisions = stepDownRejects(p, alpha);
      adj.forEach((a, i) => {
        if (Math.abs(a - alpha) > 1e-12) assert.equal(a <= alpha, decisions[i]);
      });
    }),
  );
});

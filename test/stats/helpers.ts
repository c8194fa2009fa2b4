// Shared assertions and data generators for the stats tests.
import assert from 'node:assert/strict';

/** Asserts |actual - expected| <= tol * max(1, |expected|). */
export function assertClose(actual: number | null, expected: number, tol = 1e-12): void {
  assert.ok(actual !== null, `expected ${expected}, got null`);
  const err = Math.abs(actual - expected);
  assert.ok(
    err <= tol * Math.max(1, Math.abs(expected)),
    `expected ${expected}, got ${actual} (diff ${err})`,
  );
}

/**
 * [off + (i*mul) mod m for i in 0..n-1]: integer-valued data that the Go reference program
 * regenerates identically (math.Mod on exact integers).
 */
export function seq(n: number, off: number, mul: number, m: number): number[] {
  return Array.from({ length: n }, (_, i) => off + ((i * mul) % m));
}

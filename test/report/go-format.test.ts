// Go's %.Nf: ties to even on the exact binary value, unlike toFixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoFixed, formatGoSigned } from '../../src/report/go-format.js';

test('exact ties round to even, as Go prints them', () => {
  // Each value is exactly representable, so the tie is real (toFixed rounds them up).
  assert.equal(formatGoFixed(12.5, 0), '12');
  assert.equal(formatGoFixed(13.5, 0), '14');
  assert.equal(formatGoFixed(0.5, 0), '0');
  assert.equal(formatGoFixed(-2.5, 0), '-2');
  assert.equal(formatGoFixed(12.125, 2), '12.12');
  assert.equal(formatGoFixed(12.375, 2), '12.38');
  assert.equal(formatGoFixed(0.0625, 3), '0.062');
});

test('non-ties round to nearest; specials as Go', () => {
  assert.equal(formatGoFixed(0.1 + 0.2, 3), '0.300');
  assert.equal(formatGoFixed(2.675, 2), '2.67'); // 2.675 is just below 2.675 in binary
  assert.equal(formatGoFixed(1e-7, 3), '0.000');
  assert.equal(formatGoFixed(42, 2), '42.00');
  assert.equal(formatGoFixed(Infinity, 2), '+Inf');
  assert.equal(formatGoFixed(NaN, 2), 'NaN');
  assert.equal(formatGoSigned(1.234, 2), '+1.23');
  assert.equal(formatGoSigned(-1.234, 2), '-1.23');
  assert.equal(formatGoSigned(0, 2), '+0.00');
});

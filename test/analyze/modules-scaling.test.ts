// The knee of a scaling curve and the curves built from per-size analyses (no go run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kneeOf } from '../../src/analyze/modules-scaling.js';

const ms = 1e6;
const point = (modules: number, centerMs: number) => ({
  modules,
  center: centerMs * ms,
  ciLo: null,
  ciHi: null,
});

test('knee: a fixed 100 ms and 1 ms per module double at 100 modules', () => {
  const k = kneeOf([point(10, 110), point(100, 200), point(1000, 1100)]);
  assert.ok(k);
  assert.ok(Math.abs(k.modules - 100) < 1e-6, String(k.modules));
  assert.ok(Math.abs(k.fixedNs - 100 * ms) < 1);
  assert.ok(Math.abs(k.perModuleNs - 1 * ms) < 1e-3);
  assert.equal(k.inRange, true);
});

test('knee outside the sizes measured is marked so', () => {
  const k = kneeOf([point(10, 101), point(20, 102)]);
  assert.ok(k);
  assert.equal(k.inRange, false);
  assert.ok(k.modules > 20);
});

test('no knee: one size, a flat curve, or no fixed part', () => {
  assert.equal(kneeOf([point(10, 5)]), null);
  assert.equal(kneeOf([point(10, 50), point(100, 50)]), null);
  assert.equal(kneeOf([point(10, 10), point(100, 100)]), null);
});

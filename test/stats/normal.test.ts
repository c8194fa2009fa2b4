import assert from 'node:assert/strict';
import { test } from 'node:test';

import { erfc, normalCdf, normalInvCdf } from '../../src/stats/index.js';
import { assertClose } from './helpers.js';

// Reference values from Go 1.26.8 math.Erfc and go-moremath
// v0.0.0-20210112150236-f10218a38794 StdNormal.InvCDF (the versions x/perf benchmath uses).
const GO_ERFC: Array<[number, number]> = [
  [-1, 1.8427007929497148],
  [0, 1],
  [0.3, 0.6713732405408726],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [1.5, 0.033894853524689274],
  [2, 0.004677734981047265],
  [3, 2.2090496998585438e-5],
  [5, 1.5374597944280351e-12],
  [10, 2.0884875837625446e-45],
];

test('erfc agrees with Go math.Erfc to a few ulps', () => {
  for (const [x, want] of GO_ERFC) {
    const got = erfc(x);
    assert.ok(Math.abs(got - want) <= 4e-16 * want, `erfc(${x}) = ${got}, Go ${want}`);
  }
  assert.equal(erfc(Infinity), 0);
  assert.equal(erfc(-Infinity), 2);
  assert.ok(Number.isNaN(erfc(NaN)));
});

test('normalInvCdf matches go-moremath InvCDF', () => {
  assertClose(normalInvCdf(0.025), -1.9599639845400545, 1e-15);
  assertClose(normalInvCdf(0.005), -2.5758293035489013, 1e-15);
  assert.equal(normalInvCdf(0.5), 0);
  assertClose(normalInvCdf(0.9), 1.2815515655446004, 1e-15);
  assert.equal(normalInvCdf(0), -Infinity);
  assert.equal(normalInvCdf(1), Infinity);
  assert.ok(Number.isNaN(normalInvCdf(1.5)));
});

test('normalCdf with location and scale', () => {
  assertClose(normalCdf(-1.959963984540054), 0.02500000000000002, 1e-14);
  assert.equal(normalCdf(3, 3, 2), 0.5);
  assertClose(normalCdf(5, 3, 2), 1 - erfc(1 / Math.SQRT2) / 2, 1e-15);
});

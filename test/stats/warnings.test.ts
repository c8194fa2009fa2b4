import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatGoFloat } from '../../src/stats/index.js';

test("formatGoFloat prints like Go's %v (checked against go1.26.8 fmt)", () => {
  const cases: Array<[number, string]> = [
    [0.95, '0.95'],
    [0.05, '0.05'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [0.00012345, '0.00012345'],
    [1.5e-7, '1.5e-07'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [1e21, '1e+21'],
    [0.999, '0.999'],
    [1, '1'],
    [0, '0'],
    [123456789.123, '1.23456789123e+08'],
  ];
  for (const [x, want] of cases) assert.equal(formatGoFloat(x), want, String(x));
  assert.equal(formatGoFloat(Infinity), '+Inf');
  assert.equal(formatGoFloat(NaN), 'NaN');
});

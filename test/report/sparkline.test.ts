import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sparkMarks, sparkline } from '../../src/report/sparkline.js';

test('one block per value from lowest to highest; gaps stay blank', () => {
  assert.equal(sparkline([1, 2, 3, 4, 5, 6, 7, 8]), '▁▂▃▄▅▆▇█');
  assert.equal(sparkline([1, null, 8]), '▁ █');
  assert.equal(sparkline([5, 5, 5]), '▄▄▄');
  assert.equal(sparkline([]), '');
});

test('long series are averaged into the width; marks fall under their value', () => {
  const values = [...Array(100).fill(1), ...Array(100).fill(2)];
  const line = sparkline(values, 20);
  assert.equal(line, '▁'.repeat(10) + '█'.repeat(10));
  assert.equal(sparkMarks(200, [100], 20), ' '.repeat(10) + '^');
  assert.equal(sparkMarks(8, [0, 7]), '^      ^');
});

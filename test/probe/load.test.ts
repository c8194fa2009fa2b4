import { test } from 'node:test';
import assert from 'node:assert/strict';
import { busyThreshold, busyWarning } from '../../src/probe/load.js';

test('busy threshold: at least 1.0, else 0.1 per hardware thread', () => {
  assert.equal(busyThreshold(1), 1);
  assert.equal(busyThreshold(2), 1);
  assert.equal(busyThreshold(10), 1);
  assert.equal(busyThreshold(64), 6.4);
  assert.equal(busyThreshold(0), 1);
});

test('busyWarning: null when idle, one line with the numbers when busy', () => {
  assert.equal(busyWarning({ loadAvg1: 0.49 }, 2), null);
  assert.equal(busyWarning({ loadAvg1: 1.0 }, 2), null, 'equal to the threshold is not busy');
  assert.equal(busyWarning({ loadAvg1: 5 }, 64), null);
  const w = busyWarning({ loadAvg1: 3.2 }, 8);
  assert.equal(
    w,
    'the machine is not idle: 1-minute load average 3.20 exceeds 1.00 for 8 hardware threads; ' +
      'results may be noisy, stop other work and retry',
  );
  assert.match(busyWarning({ loadAvg1: 7 }, 64) ?? '', /exceeds 6\.40 for 64 hardware threads/);
  assert.match(busyWarning({ loadAvg1: 2 }, 1) ?? '', /for 1 hardware thread;/);
});

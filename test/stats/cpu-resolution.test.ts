import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CPU_TICK_NS,
  MIN_RESOLVED_TICKS,
  belowCpuResolution,
  cpuResolutionNs,
  totalCpuNs,
} from '../../src/stats/cpu-resolution.js';

test('the resolution is a few accounting ticks', () => {
  assert.equal(cpuResolutionNs(), MIN_RESOLVED_TICKS * CPU_TICK_NS);
  assert.equal(cpuResolutionNs(1_000_000), MIN_RESOLVED_TICKS * 1_000_000);
});

test('a median under the resolution is noise, at or above it a measurement', () => {
  // go version on a 2-core VM: 2.2 ms of CPU, split 0 / 2.2 ms by the tick that sampled it.
  assert.equal(belowCpuResolution(0), true);
  assert.equal(belowCpuResolution(2_200_000), true);
  assert.equal(belowCpuResolution(cpuResolutionNs() - 1), true);
  assert.equal(belowCpuResolution(cpuResolutionNs()), false);
  assert.equal(belowCpuResolution(33.6e9), false);
  // With a 1 ms tick (HZ=1000) 10 ms would be resolved.
  assert.equal(belowCpuResolution(10_000_000, 1_000_000), false);
});

test('user + system per run is the exact total; lengths must agree', () => {
  assert.deepEqual(
    totalCpuNs([2_247_000, 0, 2_410_000], [0, 2_909_000, 2_410_000]),
    [2_247_000, 2_909_000, 4_820_000],
  );
  assert.throws(() => totalCpuNs([1], []), RangeError);
});

// The machine-speed factor `check` and `history` divide by, on captured real run records.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { machineSpeed } from '../../src/measure/canary.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { fixturePath } from '../support/paths.js';

const read = (name: string): RunRecord =>
  JSON.parse(readFileSync(fixturePath(`runs/${name}`), 'utf8')) as RunRecord;

test('machineSpeed: the geometric mean of the kept canaries medians of a real run', () => {
  const run = read('startup-canary.json');
  const medians = ['go-start', 'cpu'].map(
    (n) => run.canary?.canaries.find((c) => c.name === n)?.median ?? NaN,
  );
  const speed = machineSpeed(run);
  assert.ok(speed !== null);
  assert.ok(Math.abs(speed - Math.sqrt(medians[0]! * medians[1]!)) / speed < 1e-9);
});

test('machineSpeed: null for an older record or a run made with --no-canary', () => {
  assert.equal(machineSpeed(read('startup-a.json')), null);
  const partial = read('startup-canary.json');
  partial.canary = { canaries: partial.canary!.canaries.filter((c) => c.name !== 'cpu') };
  assert.equal(machineSpeed(partial), null);
});

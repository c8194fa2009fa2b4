import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAgainstHistory, type EarlierPoint } from '../../src/analyze/check-history.js';

const points = (
  values: number[],
  speed: (i: number) => number | null = () => null,
): EarlierPoint[] =>
  values.map((median, i) => ({ runId: `r${i}`, startedAt: `t${i}`, median, speed: speed(i) }));

const input = (value: number, earlier: EarlierPoint[], speed: number | null = null) => ({
  scenarioId: 's',
  configuration: 'default',
  metric: 'wallNs',
  unit: 'ns',
  value,
  speed,
  earlier,
});

test('after an accepted level change the baseline is the new level, not a mix of both', () => {
  const values = Array.from(
    { length: 30 },
    (_, i) => (i >= 15 ? 112 : 100) * (1 + 0.01 * Math.sin(i * 1.7)),
  );
  const [item] = checkAgainstHistory([input(125, points(values))]).items;
  assert.equal(item?.status, 'regression');
  assert.ok(Math.abs((item?.raw.baseline ?? 0) - 112) < 2);
});

test('a slowdown the canary shares is the machine; one it does not share fails; --strict fails a short baseline', () => {
  const earlier = points([100, 101, 99, 100.5, 99.5], () => 1);
  const machine = checkAgainstHistory([input(112, earlier, 1.12)]);
  assert.equal(machine.items[0]?.status, 'machine');
  assert.equal(machine.failed, false);
  const go = checkAgainstHistory([input(112, earlier, 1.0)]);
  assert.equal(go.items[0]?.status, 'regression');
  assert.equal(go.failed, true);
  const short = input(150, points([100, 100]));
  assert.equal(checkAgainstHistory([short]).failed, false);
  assert.equal(checkAgainstHistory([short], { strict: true }).failed, true);
});

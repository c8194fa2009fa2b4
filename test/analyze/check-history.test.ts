import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  baselineBands,
  checkAgainstHistory,
  type EarlierPoint,
} from '../../src/analyze/check-history.js';
import { judgeAgainstHistory } from '../../src/stats/history-baseline.js';

const points = (
  values: number[],
  speed: (i: number) => number | null = () => null,
): EarlierPoint[] =>
  values.map((value, i) => ({ runId: `r${i}`, startedAt: `t${i}`, value, speed: speed(i) }));

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

test('the canary counts where it helps: it narrows the band, or the machine moved', () => {
  // A noisy canary that held steady: the relative band is wider than the raw one; raw stands.
  const noisy = points([100, 101, 99, 100.5, 99.5], (i) => [1, 1.1, 0.9, 1.05, 0.95][i] ?? 1);
  const steady = checkAgainstHistory([input(112, noisy, 1.0)]).items[0];
  assert.equal(steady?.machine?.verdict, 'ok');
  assert.equal(steady?.relative?.verdict, 'ok');
  assert.equal(steady?.status, 'regression');
  // Unchanged raw, the relative figure a little worse, the machine steady: raw stands.
  const calm = checkAgainstHistory([
    input(
      100,
      points([100, 101, 99, 100.5, 99.5], () => 1),
      0.97,
    ),
  ]);
  assert.equal(calm.items[0]?.status, 'ok');
  // A canary that followed the earlier runs' drift narrows the band: a slowdown inside the raw
  // band but outside the relative one is Go's.
  const drift = [1, 1.1, 0.92, 1.06, 0.95];
  const followed = points(
    drift.map((d) => 100 * d),
    (i) => drift[i] ?? 1,
  );
  const seen = checkAgainstHistory([input(111, followed, 1.0)]).items[0];
  assert.equal(seen?.raw.verdict, 'ok');
  assert.equal(seen?.relative?.verdict, 'regression');
  assert.equal(seen?.status, 'regression');
  // Unchanged raw on a machine 15% faster: Go got slower relative to it.
  const hidden = checkAgainstHistory([
    input(
      100,
      points([100, 101, 99, 100.5, 99.5], () => 1),
      0.85,
    ),
  ]);
  assert.equal(hidden.items[0]?.machine?.verdict, 'improvement');
  assert.equal(hidden.items[0]?.status, 'regression');
});

test('the baseline band at each point is the one check judges that point against', () => {
  const values: (number | null)[] = Array.from(
    { length: 40 },
    (_, i) => (i >= 20 ? 120 : 100) * (1 + 0.01 * Math.sin(i * 1.7)),
  );
  values[8] = null; // a run without the figure
  const bands = baselineBands(values, [20]);
  assert.deepEqual(
    bands.slice(0, 6).map((b) => b === null),
    [true, true, true, true, true, false],
  );
  assert.equal(bands[8] !== null, true);
  // Right after the change too few runs are at the new level: the old level stands...
  assert.ok(Math.abs(bands[22]!.baseline - 100) < 2);
  // ...five runs after it, the new level is the baseline.
  assert.ok(Math.abs(bands[25]!.baseline - 120) < 3);
  // The band is the judgement's: check's baseline and band for the same earlier values.
  const earlier = values.slice(20, 35).filter((v): v is number => v !== null);
  const judged = judgeAgainstHistory(values[35]!, earlier);
  assert.ok(Math.abs(bands[35]!.baseline - judged.baseline!) < 1e-9);
  assert.ok(Math.abs(bands[35]!.hi / bands[35]!.baseline - 1 - judged.band!) < 1e-9);
  assert.ok(bands[35]!.lo < bands[35]!.baseline && bands[35]!.baseline < bands[35]!.hi);
});

test('the relative band widens by the share of a large machine move the canary leaves unexplained', () => {
  const earlier = points([100, 101, 99, 100.5, 99.5], (i) => [1, 1.01, 0.99, 1.005, 0.995][i] ?? 1);
  // The machine three times slower, the go 3.3 times: +10% relative to the canary, within a
  // third of the machine's move: the machine, not Go.
  const loaded = checkAgainstHistory([input(330, earlier, 3.0)]).items[0];
  assert.equal(loaded?.machine?.verdict, 'regression');
  assert.ok((loaded?.relative?.change ?? 0) > 0.09);
  assert.equal(loaded?.relative?.verdict, 'ok');
  assert.equal(loaded?.status, 'machine');
  // The same +10% on a steady machine is Go's.
  const go = checkAgainstHistory([input(110, earlier, 1.0)]).items[0];
  assert.equal(go?.status, 'regression');
});

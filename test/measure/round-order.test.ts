// The order of configurations inside each round: balanced ABBA by default, or a seeded shuffle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InterleaveOrder } from '../../src/record/run-record.js';
import { cycleLength, roundOrder } from '../../src/measure/round-order.js';

/** counts[c][p]: how often configuration c ran at place p over `rounds` rounds. */
function placeCounts(order: InterleaveOrder, n: number, rounds: number, from = 0): number[][] {
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let r = from; r < from + rounds; r++) {
    const o = roundOrder(order, n, r);
    assert.deepEqual(
      [...o].sort((a, b) => a - b),
      Array.from({ length: n }, (_, i) => i),
      'every round runs each configuration once',
    );
    o.forEach((c, p) => {
      const row = counts[c] as number[];
      row[p] = (row[p] ?? 0) + 1;
    });
  }
  return counts;
}

test('ABBA with two configurations alternates A B, B A as before', () => {
  const order = { kind: 'abba' } as const;
  const rounds = [0, 1, 2, 3].map((r) => roundOrder(order, 2, r).join(''));
  assert.deepEqual(rounds, ['01', '10', '01', '10']);
  assert.deepEqual(roundOrder(order, 1, 5), [0]);
});

test('ABBA: every configuration takes every place equally often over each complete cycle', () => {
  const order = { kind: 'abba' } as const;
  for (let n = 1; n <= 7; n++) {
    const cycle = cycleLength(order, n);
    for (const from of [0, cycle, 3 * cycle]) {
      const counts = placeCounts(order, n, 2 * cycle, from);
      const each = (2 * cycle) / n;
      for (const row of counts) assert.deepEqual(row, new Array<number>(n).fill(each), `n=${n}`);
    }
  }
});

test('shuffle: the same seed gives the same order, another seed another; balanced on average', () => {
  const a = { kind: 'shuffle', seed: 7 } as const;
  const rounds = (o: InterleaveOrder) =>
    Array.from({ length: 20 }, (_, r) => roundOrder(o, 4, r).join('')).join(' ');
  assert.equal(rounds(a), rounds({ kind: 'shuffle', seed: 7 }));
  assert.notEqual(rounds(a), rounds({ kind: 'shuffle', seed: 8 }));
  // 4000 rounds of 4: each place is expected 1000 times per configuration; allow ±10%.
  for (const row of placeCounts(a, 4, 4000))
    for (const count of row) assert.ok(count > 900 && count < 1100, `${count}`);
});

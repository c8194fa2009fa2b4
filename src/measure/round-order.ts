// The order in which the configurations of a scenario run inside each round, so that drift in
// the machine (warming up, a neighbour's load) hits every configuration equally. Pure.
//
// `abba`: round r runs the configurations rotated by 2*floor(r/2) places, reversed in odd
// rounds. With two configurations this is A B, B A, A B, B A; with n, every configuration takes
// every place equally often over each complete cycle (n rounds for even n, 2n for odd n).
// `shuffle`: an independent seeded permutation of each round (same seed, same order).
import type { InterleaveOrder } from '../record/run-record.js';
import { mulberry32 } from '../stats/random.js';

/** Rounds after which every configuration has taken every place equally often. */
export function cycleLength(order: InterleaveOrder, n: number): number {
  if (order.kind === 'shuffle') return 1;
  return n % 2 === 0 ? Math.max(n, 2) : 2 * n;
}

/** Indices 0..n-1 in the order round `round` (from 0, warm-ups included) runs them. */
export function roundOrder(order: InterleaveOrder, n: number, round: number): number[] {
  const ids = Array.from({ length: n }, (_, i) => i);
  if (order.kind === 'shuffle') return shuffled(ids, order.seed, round);
  // Reversal mirrors every place, so for even n rotations by even steps already cover them all.
  const k = (2 * Math.floor(round / 2)) % Math.max(n, 1);
  const rotated = [...ids.slice(k), ...ids.slice(0, k)];
  return round % 2 === 0 ? rotated : rotated.reverse();
}

/** Fisher-Yates with a generator seeded by seed and round. */
function shuffled(ids: number[], seed: number, round: number): number[] {
  const next = mulberry32(hash(seed, round));
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

function hash(seed: number, round: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (round + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

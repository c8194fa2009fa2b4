// Seeded pseudo-random numbers: the same seed gives the same sequence on every machine, so
// bootstraps, shuffled run orders and generated workspaces repeat. Pure.

/** A seeded uniform [0, 1) generator (mulberry32): small, fast and repeatable. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed for one part of a seeded whole (e.g. module 3, package 1 of a workspace), so each part
 * is the same however many parts come before it. FNV-1a over the numbers, then an avalanche.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const n of [seed, ...parts]) {
    h = Math.imul(h ^ (n >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  }
  return (h ^ (h >>> 13)) >>> 0;
}

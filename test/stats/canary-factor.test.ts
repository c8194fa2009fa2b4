import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canaryFactor, canarySpeed, relativeToCanary } from '../../src/stats/index.js';

const steady = (base: number): number[] => Array.from({ length: 15 }, (_, i) => base + (i % 5));

test('canaryFactor: no shared canary (old record, --no-canary) gives null', () => {
  assert.equal(canaryFactor(undefined, [{ name: 'go-start', samples: steady(100) }]), null);
  assert.equal(canaryFactor([{ name: 'go-start', samples: steady(100) }], undefined), null);
  assert.equal(
    canaryFactor([{ name: 'go-start', samples: steady(100) }], [{ name: 'c-start', samples: [1] }]),
    null,
  );
});

test('canaryFactor: the same machine holds steady, factor 1', () => {
  const base = [
    { name: 'go-start', samples: steady(1000) },
    { name: 'c-start', samples: steady(400) },
  ];
  const f = canaryFactor(base, base);
  assert.ok(f);
  assert.equal(f.moved, false);
  assert.equal(f.factor, 1);
  assert.deepEqual(
    f.canaries.map((c) => c.name),
    ['go-start', 'c-start'],
  );
});

test('canaryFactor: a slower machine moves the canaries; the factor is the geometric mean of the ratios', () => {
  const base = [
    { name: 'go-start', samples: steady(1000) },
    { name: 'c-start', samples: steady(400) },
  ];
  const now = [
    { name: 'go-start', samples: steady(1000).map((x) => x * 1.21) },
    { name: 'c-start', samples: steady(400) },
  ];
  const f = canaryFactor(base, now);
  assert.ok(f);
  assert.equal(f.moved, true);
  assert.equal(f.canaries[0]?.significant, true);
  assert.equal(f.canaries[1]?.significant, false);
  assert.ok(Math.abs(f.factor - 1.1) < 1e-9, String(f.factor));
  // Go 21% slower on a machine 10% slower: 10% relative to the canary.
  assert.ok(Math.abs(relativeToCanary(0.21, f.factor) - 0.1) < 1e-9);
});

test('canaryFactor: the p-values are Holm-adjusted over the canaries', () => {
  const base = [
    { name: 'a', samples: steady(1000) },
    { name: 'b', samples: steady(1000) },
  ];
  const now = [
    { name: 'a', samples: steady(1000).map((x) => x * 2) },
    { name: 'b', samples: steady(1000).map((x) => x * 2) },
  ];
  const f = canaryFactor(base, now);
  assert.ok(f);
  const raw = canaryFactor([base[0]!], [now[0]!]);
  assert.ok(raw);
  assert.ok((f.canaries[0]?.p ?? 0) >= (raw.canaries[0]?.p ?? 1));
});

test('canarySpeed: the geometric mean of the named canaries medians; null when one is missing', () => {
  const canaries = [
    { name: 'go-start', samples: [1000, 900, 1100] },
    { name: 'cpu', samples: [4000, 4000, 3000, 5000] },
    { name: 'c-start', samples: [1] },
  ];
  const speed = canarySpeed(canaries, ['go-start', 'cpu']) ?? NaN;
  assert.ok(Math.abs(speed - 2000) < 1e-9); // √(1000 × 4000)
  assert.equal(canarySpeed(canaries, ['go-start', 'fsmeta']), null);
  assert.equal(canarySpeed(undefined, ['go-start']), null);
  assert.equal(canarySpeed([{ name: 'go-start', samples: [] }], ['go-start']), null);
  // The ratio of two runs' speeds is canaryFactor's factor over the same canaries.
  const slower = canaries.map((c) => ({ ...c, samples: c.samples.map((x) => x * 1.2) }));
  const factor = canaryFactor(canaries.slice(0, 2), slower.slice(0, 2))?.factor ?? NaN;
  const ratio =
    (canarySpeed(slower, ['go-start', 'cpu']) ?? NaN) /
    (canarySpeed(canaries, ['go-start', 'cpu']) ?? NaN);
  assert.ok(Math.abs(ratio - factor) < 1e-12 && Math.abs(ratio - 1.2) < 1e-12);
});

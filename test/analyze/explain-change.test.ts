import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envSnapshot, explainChange, type EnvSnapshot } from '../../src/analyze/explain-change.js';
import { tinyRun } from '../support/tiny-runs.js';

/** Twenty runs; the level changes at index 10. */
function snapshots(edit: (s: EnvSnapshot, i: number) => void): EnvSnapshot[] {
  return Array.from({ length: 20 }, (_, i) => {
    const s = envSnapshot(tinyRun(`r${i}`, new Date(Date.UTC(2026, 10, 1, i)).toISOString()));
    edit(s, i);
    return s;
  });
}

test('a field that changed exactly at the change point ranks above one that changed elsewhere', () => {
  const snaps = snapshots((s, i) => {
    if (i >= 8) s['os.kernel'] = '6.9.0'; // changed two runs early
    if (i >= 10) s['go.env.GOFLAGS'] = '-race';
    if (i >= 14) s['cpu.governor'] = 'powersave'; // changed four runs later
  });
  const causes = explainChange(snaps, 10);
  assert.deepEqual(
    causes.map((c) => [c.field, c.rank]),
    [
      ['go.env.GOFLAGS', 'at-change'],
      ['os.kernel', 'near-change'],
      ['cpu.governor', 'elsewhere'],
    ],
  );
  assert.equal(causes[0]?.after, '-race');
});

test('numbers: small drift is no cause; a canary or bandwidth step is, larger changes first', () => {
  const snaps = snapshots((s, i) => {
    s['memoryBandwidth.copyGBps'] = i >= 10 ? 7 : 10 + (i % 2) * 0.1;
    s['canary.speed'] = i >= 10 ? 1.12 : 1.0;
    s['load.loadAvg1'] = 0.2 + (i % 2) * 0.05;
  });
  const causes = explainChange(snaps, 10);
  assert.deepEqual(
    causes.map((c) => c.field),
    ['memoryBandwidth.copyGBps', 'canary.speed'],
  );
  assert.ok(Math.abs((causes[1]?.change ?? 0) - 0.12) < 1e-9);
});

test('the snapshot holds Go version, storage, topology and build figures; nothing differs: no cause', () => {
  const s = envSnapshot(tinyRun('x', '2026-11-01T00:00:00Z'), { build: { hitRate: 0.9 } });
  assert.equal(s['go.version'], 'go version go1.26.8 linux/amd64');
  assert.equal(s['build.hitRate'], 0.9);
  assert.deepEqual(
    explainChange(
      snapshots(() => {}),
      10,
    ),
    [],
  );
});

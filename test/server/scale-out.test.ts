// Scale-out: two `serve` processes on one PostgreSQL, clients pushing every run to both at
// once. Each run is stored exactly once (one instance answers 201, the other 200), and both
// instances serve the same series and regressions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startServe, type ServeProcess } from '../../bench/serve-process.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { skipUnlessCi } from '../support/ci.js';
import { freshDatabase, NO_SERVER, testServer } from '../support/postgres.js';
import { tinyRun } from '../support/tiny-runs.js';
import { seededRuns, storeWithTokens, WRITE } from './api-suite.js';

async function post(base: string, run: RunRecord): Promise<number> {
  const res = await fetch(`${base}/api/v1/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${WRITE}`, 'content-type': 'application/json' },
    body: JSON.stringify(run),
  });
  await res.text();
  return res.status;
}

const getJson = async (base: string, path: string): Promise<unknown> =>
  (await fetch(`${base}${path}`)).json();

describe('serve: two instances on one PostgreSQL', () => {
  it('stores every run exactly once when clients push each to both, and both serve the same series and regressions', async (t) => {
    const pg = await testServer();
    if (!pg) return skipUnlessCi(t, NO_SERVER);
    const db = await freshDatabase(pg);
    await (await storeWithTokens(db)).close();
    const runs: RunRecord[] = [...seededRuns('a')];
    for (let i = 0; i < 90; i++) {
      const run = tinyRun(`b${i}`, new Date(Date.UTC(2026, 1, 1, i)).toISOString());
      run.fingerprint.cpu.model = 'another machine';
      runs.push(run);
    }
    const servers: ServeProcess[] = [];
    try {
      servers.push(await startServe(db), await startServe(db));
      const [a, b] = servers.map((s) => s.url) as [string, string];
      // 12 clients; each pushes its runs to both instances at the same time.
      const statuses: number[][] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 12 }, async () => {
          while (next < runs.length) {
            const run = runs[next++]!;
            statuses.push(await Promise.all([post(a, run), post(b, run)]));
          }
        }),
      );
      assert.equal(statuses.length, runs.length);
      for (const pair of statuses) assert.deepEqual([...pair].sort(), [200, 201]);
      const listed = (await getJson(a, '/api/v1/runs')) as { runs: { runId: string }[] };
      assert.equal(listed.runs.length, runs.length);
      assert.equal(new Set(listed.runs.map((r) => r.runId)).size, runs.length);

      const series = '/api/v1/series?scenario=startup/go-version&metric=wallNs';
      const [sa, sb] = [await getJson(a, series), await getJson(b, series)];
      assert.deepEqual(sa, sb);
      const [ra, rb] = [
        await getJson(a, '/api/v1/regressions'),
        await getJson(b, '/api/v1/regressions'),
      ];
      assert.deepEqual(ra, rb);
      const found = (
        ra as { regressions: { runId: string; scenarioId: string; metric: string }[] }
      ).regressions.filter((r) => r.scenarioId === 'startup/go-version' && r.metric === 'wallNs');
      assert.deepEqual(
        found.map((r) => r.runId),
        ['a20'],
      );
    } finally {
      for (const s of servers) assert.equal(await s.stop(), 0);
    }
  });
});

// serve's API over one database kind (api-sqlite.test.ts, api-postgres.test.ts): every answer
// checked against docs/openapi.json, each bad request class, idempotent pushes, series with
// bands and an explained change point, regressions, /metrics through promtool.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it, type TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { checkRunRecord } from '../../src/parse/run-file.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import { tokenHash } from '../../src/server/tokens.js';
import { openStore } from '../../src/store/open-store.js';
import { machineRow } from '../../src/store/run-rows.js';
import type { ApiRegression, ApiSeries } from '../../src/server/series-view.js';
import type { RunStore, SeriesInfo, StoredMachine, StoredRun } from '../../src/store/store.js';
import { skipUnlessCi } from '../support/ci.js';
import { assertDocumented } from '../support/openapi.js';
import { tinyRun } from '../support/tiny-runs.js';

export const WRITE = 'gbt_test-write-token';
export const READ = 'gbt_test-read-token';

/** A store with the two tokens above. */
export async function storeWithTokens(db: string): Promise<RunStore> {
  const store = await openStore(db, {}, { importRuns: false });
  const createdAt = new Date().toISOString();
  await store.saveToken({ hash: tokenHash(WRITE), scope: 'write', name: 'w', createdAt });
  await store.saveToken({ hash: tokenHash(READ), scope: 'read', name: 'r', createdAt });
  return store;
}

/**
 * 30 runs of one machine: wall times with a little noise, 30% slower from run 20 on, where
 * GOGC=50 was also set (the likely cause).
 */
export function seededRuns(prefix = 's'): RunRecord[] {
  return Array.from({ length: 30 }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1, i)).toISOString();
    const run = tinyRun(`${prefix}${String(i).padStart(2, '0')}`, at, {
      scaleWall: (i >= 20 ? 1.3 : 1) * (1 + 0.01 * Math.sin(i * 1.7)),
    });
    if (i >= 20) run.config.userEnv = { ...run.config.userEnv, GOGC: '50' };
    return run;
  });
}

type Inject = (opts: {
  method: 'GET' | 'POST';
  url: string;
  token?: string;
  body?: string;
  contentType?: string;
}) => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;

function injector(app: FastifyInstance): Inject {
  return async ({ method, url, token, body, contentType }) => {
    const res = await app.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': contentType ?? 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: body } : {}),
    });
    return { statusCode: res.statusCode, headers: res.headers, body: res.body };
  };
}

/** The OpenAPI path of a request URL. */
function apiPath(url: string): string {
  const p = url.split('?')[0]!;
  if (/^\/api\/v1\/runs\/[^/]+$/.test(p)) return '/api/v1/runs/{runId}';
  if (/^\/api\/v1\/analyses\/[^/]+$/.test(p)) return '/api/v1/analyses/{id}';
  return p;
}

/** Sends a request and checks the answer is documented; returns status and parsed body. */
async function call<T = { message: string }>(
  inject: Inject,
  req: Parameters<Inject>[0],
): Promise<{ status: number; body: T }> {
  const res = await inject(req);
  const body = assertDocumented(apiPath(req.url), req.method, res) as T;
  return { status: res.statusCode, body };
}

const push = (inject: Inject, run: unknown, token = WRITE, query = '') =>
  call<{ runId: string; stored: boolean }>(inject, {
    method: 'POST',
    url: `/api/v1/runs${query}`,
    token,
    body: JSON.stringify(run),
  });

/** `promtool check metrics` on the text; null when promtool is not installed. */
export function promtoolProblems(text: string): string | null {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (r.error) return null;
  return r.status === 0 && !r.stdout.trim() && !r.stderr.trim()
    ? ''
    : `exit ${r.status}: ${r.stdout}${r.stderr}`;
}

export function apiSuite(kind: string, fresh: (t: TestContext) => Promise<string | null>): void {
  const withServer = async (
    t: TestContext,
    opts: Partial<ServerOptions>,
    fn: (inject: Inject, store: RunStore) => Promise<void>,
  ): Promise<void> => {
    const db = await fresh(t);
    if (!db) return;
    const store = await storeWithTokens(db);
    const app = await buildServer({ store, ...opts });
    try {
      await fn(injector(app), store);
    } finally {
      await app.close();
      await store.close();
    }
  };

  describe(`serve API on ${kind}`, () => {
    it('stores a pushed run once, with its labels, and answers every read as documented', async (t) => {
      await withServer(t, {}, async (inject, store) => {
        const runs = seededRuns();
        for (const run of runs) {
          const r = await push(inject, run, WRITE, '?label=commit=abc&label=ci=job%3D7');
          assert.deepEqual([r.status, r.body], [201, { runId: run.id, stored: true }]);
        }
        // The same run again: 200, stored before, nothing changed.
        const again = await push(inject, runs[0], WRITE, '?label=commit=other');
        assert.deepEqual([again.status, again.body], [200, { runId: runs[0]!.id, stored: false }]);
        assert.equal((await store.listRuns()).length, 30);
        // Kept as pushed, a version-1 record upgraded as a run file is on reading.
        const asRead = (run: RunRecord): RunRecord => checkRunRecord(structuredClone(run), 'run');
        assert.deepEqual(await store.getRun(runs[0]!.id), asRead(runs[0]!));

        const listed = await call<{ runs: StoredRun[] }>(inject, {
          method: 'GET',
          url: '/api/v1/runs?limit=2',
        });
        assert.deepEqual(
          listed.body.runs.map((r: { runId: string }) => r.runId),
          ['s29', 's28'],
        );
        assert.deepEqual(listed.body.runs[0]!.labels, { ci: 'job=7', commit: 'abc' });
        const machines = await call<{ machines: StoredMachine[] }>(inject, {
          method: 'GET',
          url: '/api/v1/machines',
        });
        assert.equal(machines.body.machines.length, 1);
        assert.equal(machines.body.machines[0]!.runs, 30);
        const one = await call<RunRecord>(inject, { method: 'GET', url: '/api/v1/runs/s03' });
        assert.deepEqual(one.body, asRead(runs[3]!));
        const none = await call(inject, { method: 'GET', url: '/api/v1/runs/nope' });
        assert.equal(none.status, 404);
        const index = await call<{ series: SeriesInfo[] }>(inject, {
          method: 'GET',
          url: '/api/v1/series-index',
        });
        assert.ok(
          index.body.series.some(
            (s: { scenarioId: string; metric: string; points: number }) =>
              s.scenarioId === 'startup/go-version' && s.metric === 'wallNs' && s.points === 30,
          ),
        );
      });
    });

    it('gives a series with its baseline band and the change point explained, and lists it as a regression', async (t) => {
      await withServer(t, {}, async (inject, store) => {
        await store.saveRuns(seededRuns().map((run) => ({ run })));
        const q = 'scenario=startup/go-version&metric=wall&toolchain=go1.26.8';
        const { status, body } = await call<ApiSeries>(inject, {
          method: 'GET',
          url: `/api/v1/series?${q}`,
        });
        assert.equal(status, 200);
        assert.equal(body.metric, 'wallNs');
        assert.equal(body.groups.length, 1);
        const group = body.groups[0]!;
        assert.equal(group.points.length, 30);
        assert.equal(group.points[4]!.band, null); // five earlier runs are needed
        const band = group.points[10]!.band!;
        assert.ok(band.lo < band.baseline && band.baseline < band.hi);
        assert.ok(Math.abs(band.baseline / group.points[10]!.median! - 1) < 0.03);
        assert.equal(group.changePoints.length, 1);
        const cp = group.changePoints[0]!;
        assert.equal(cp.index, 20);
        assert.equal(cp.runId, 's20');
        assert.equal(cp.kind, 'regression');
        assert.ok(cp.sizePct > 25 && cp.sizePct < 35, String(cp.sizePct));
        assert.equal(cp.causes[0]!.field, 'env.GOGC');
        assert.equal(cp.causes[0]!.rank, 'at-change');

        const regressions = await call<{ regressions: ApiRegression[] }>(inject, {
          method: 'GET',
          url: '/api/v1/regressions?active=true',
        });
        const wall = regressions.body.regressions.filter(
          (r: { scenarioId: string; metric: string }) =>
            r.scenarioId === 'startup/go-version' && r.metric === 'wallNs',
        );
        assert.equal(wall.length, 1);
        assert.equal(wall[0]!.runId, 's20');
        assert.equal(wall[0]!.active, true);
        assert.equal(wall[0]!.causes[0]!.field, 'env.GOGC');
        const elsewhere = await call<{ regressions: ApiRegression[] }>(inject, {
          method: 'GET',
          url: '/api/v1/regressions?machine=nope',
        });
        assert.deepEqual(elsewhere.body, { regressions: [] });
      });
    });

    it('refuses bad requests with a documented status and a one-line message', async (t) => {
      await withServer(t, { bodyLimitBytes: 64 * 1024 }, async (inject, store) => {
        const run = tinyRun('bad', '2026-01-01T00:00:00.000Z');
        const expect = async (
          req: Parameters<Inject>[0],
          status: number,
          message: RegExp,
        ): Promise<void> => {
          const r = await call(inject, req);
          assert.equal(r.status, status, JSON.stringify(r.body));
          assert.match(r.body.message, message);
          assert.doesNotMatch(r.body.message, /\n/);
        };
        const post = { method: 'POST' as const, url: '/api/v1/runs', body: JSON.stringify(run) };
        await expect(post, 401, /missing bearer token/);
        await expect({ ...post, token: 'gbt_unknown' }, 401, /unknown token/);
        await expect({ ...post, token: READ }, 403, /may only read/);
        await expect({ ...post, token: WRITE, body: '{"schema":' }, 400, /JSON/i);
        await expect({ ...post, token: WRITE, body: '[1, 2]' }, 400, /not a gobaseline run record/);
        const damaged = { ...run, scenarios: [{ ...run.scenarios[0], samples: 'many' }] };
        await expect(
          { ...post, token: WRITE, body: JSON.stringify(damaged) },
          400,
          /damaged run record: scenarios\[0\]\.samples should be a list/,
        );
        const twice = { ...run, scenarios: [run.scenarios[0], ...run.scenarios] };
        await expect(
          { ...post, token: WRITE, body: JSON.stringify(twice) },
          400,
          /holds startup\/go-version, configuration go1\.26\.8, metric wallNs twice/,
        );
        await expect({ ...post, token: WRITE, contentType: 'text/plain' }, 415, /content-type/i);
        const huge = { ...run, warnings: ['x'.repeat(70 * 1024)] };
        await expect({ ...post, token: WRITE, body: JSON.stringify(huge) }, 413, /too large/i);
        await expect({ ...post, url: '/api/v1/runs?label=nolabel', token: WRITE }, 400, /label/);
        await expect({ method: 'GET', url: '/api/v1/series?metric=wall' }, 400, /scenario/);
        await expect({ method: 'GET', url: '/api/v1/runs?limit=many' }, 400, /limit/);
        await expect(
          { method: 'GET', url: '/api/v1/series?scenario=none&metric=wall' },
          404,
          /no stored run has none wallNs/,
        );
        assert.equal((await store.listRuns()).length, 0);
        // Reading is open unless serve runs with --read-token.
        const open = await call(inject, { method: 'GET', url: '/api/v1/machines' });
        assert.equal(open.status, 200);
      });
    });

    it('with --read-token, reading needs a read or write token', async (t) => {
      await withServer(t, { readToken: true }, async (inject) => {
        const url = '/api/v1/machines';
        assert.equal((await call(inject, { method: 'GET', url })).status, 401);
        assert.equal((await call(inject, { method: 'GET', url, token: 'gbt_x' })).status, 401);
        assert.equal((await call(inject, { method: 'GET', url, token: READ })).status, 200);
        assert.equal((await call(inject, { method: 'GET', url, token: WRITE })).status, 200);
        assert.equal((await call(inject, { method: 'GET', url: '/metrics' })).status, 401);
        assert.equal(
          (await call(inject, { method: 'GET', url: '/metrics', token: READ })).status,
          200,
        );
        assert.equal((await call(inject, { method: 'GET', url: '/healthz' })).status, 200);
      });
    });

    it('exposes the newest figures, cache hit ratio and regressions as Prometheus metrics that promtool accepts', async (t) => {
      await withServer(t, {}, async (inject, store) => {
        const runs = seededRuns();
        await store.saveRuns(runs.map((run) => ({ run })));
        await store.saveAnalysis({
          topic: 'cache',
          createdAt: '2026-01-02T00:00:00.000Z',
          toolVersion: '0.1.0',
          machine: machineRow(runs[0]!.fingerprint),
          headline: {},
          report: { analysis: { cache: { hitRate: 0.75 } } },
        });
        await push(inject, tinyRun('dup', '2026-02-01T00:00:00.000Z'));
        await push(inject, tinyRun('dup', '2026-02-01T00:00:00.000Z'));
        const { status, body } = await call<string>(inject, { method: 'GET', url: '/metrics' });
        assert.equal(status, 200);
        const text = body;
        assert.match(
          text,
          /^gobaseline_scenario_seconds\{scenario="startup\/go-version",machine="[0-9a-f]+",toolchain="go1\.26\.8 linux\/amd64",configuration="go1\.26\.8",stat="median"\} 0\.00\d+$/m,
        );
        assert.match(text, /^gobaseline_scenario_peak_rss_bytes\{.*\} \d+$/m);
        assert.match(
          text,
          /^gobaseline_build_cache_hit_ratio\{machine="[0-9a-f]+",analysis="cache"\} 0\.75$/m,
        );
        assert.match(text, /^gobaseline_regressions [1-9]\d*$/m);
        assert.match(
          text,
          /^gobaseline_regression_change_ratio\{scenario="startup\/go-version",.*metric="wallNs",run_id="s20"\} 0\.[23]\d*$/m,
        );
        assert.match(text, /^gobaseline_ingested_runs_total\{result="duplicate"\} 1$/m);
        assert.match(text, /^# HELP gobaseline_http_requests_total /m);
        const problems = promtoolProblems(text);
        if (problems === null)
          skipUnlessCi(t, 'promtool is not installed (Debian package prometheus)');
        else assert.equal(problems, '');
      });
    });
  });
}

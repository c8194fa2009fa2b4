// The reading half of API v1 (docs/openapi.json) and /metrics: machines, runs, series with
// their bands and change points, regressions with likely causes, analyses. Open to everyone
// unless serve runs with --read-token (then a read or write token is needed).
import type { FastifyInstance } from 'fastify';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from '../report/prometheus.js';
import { routeSchema, sendError, type ServerContext } from './http.js';
import { cacheFamilies, machineFamilies, regressionFamilies, seriesFamilies } from './metrics.js';
import { seriesView, type SeriesQuery } from './series-view.js';
import { metricKey } from '../store/series-history.js';

const read = { scope: 'read' as const };

export function registerReadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store } = ctx;

  app.get('/healthz', { schema: routeSchema('/healthz', 'get') }, async (_req, reply) => {
    await store.listRuns({ limit: 1 });
    return reply.send({ status: 'ok' });
  });

  app.get(
    '/api/v1/machines',
    { config: read, schema: routeSchema('/api/v1/machines', 'get') },
    async () => ({ machines: await store.listMachines() }),
  );

  app.get<{ Querystring: { machine?: string; limit?: number } }>(
    '/api/v1/runs',
    { config: read, schema: routeSchema('/api/v1/runs', 'get') },
    async (req) => ({
      runs: await store.listRuns({
        ...(req.query.machine !== undefined ? { machine: req.query.machine } : {}),
        ...(req.query.limit !== undefined ? { limit: req.query.limit } : {}),
      }),
    }),
  );

  app.get<{ Params: { runId: string } }>(
    '/api/v1/runs/:runId',
    { config: read, schema: routeSchema('/api/v1/runs/{runId}', 'get') },
    async (req, reply) => {
      const run = await store.getRun(req.params.runId);
      return run ?? sendError(reply, 404, `no run ${req.params.runId} is stored`);
    },
  );

  app.get(
    '/api/v1/series-index',
    { config: read, schema: routeSchema('/api/v1/series-index', 'get') },
    async () => ({ series: await store.listSeries() }),
  );

  app.get<{ Querystring: SeriesQuery }>(
    '/api/v1/series',
    { config: read, schema: routeSchema('/api/v1/series', 'get') },
    async (req, reply) => {
      const series = await seriesView(store, req.query);
      return (
        series ??
        sendError(
          reply,
          404,
          `no stored run has ${req.query.scenario} ${metricKey(req.query.metric)} (with these filters)`,
        )
      );
    },
  );

  app.get<{ Querystring: { machine?: string; active?: boolean } }>(
    '/api/v1/regressions',
    { config: read, schema: routeSchema('/api/v1/regressions', 'get') },
    async (req) => {
      const all = await ctx.regressions.all(await store.listSeries());
      return {
        regressions: all.filter(
          (r) =>
            (req.query.machine === undefined || r.machine === req.query.machine) &&
            (req.query.active !== true || r.active),
        ),
      };
    },
  );

  app.get<{ Querystring: { topic?: string; machine?: string; limit?: number } }>(
    '/api/v1/analyses',
    { config: read, schema: routeSchema('/api/v1/analyses', 'get') },
    async (req) => {
      const { topic, machine, limit } = req.query;
      const found = (await store.listAnalyses(topic))
        .filter((a) => machine === undefined || a.machine === machine)
        .slice(0, limit ?? Infinity);
      return { analyses: found.map(({ report: _report, ...summary }) => summary) };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/analyses/:id',
    { config: read, schema: routeSchema('/api/v1/analyses/{id}', 'get') },
    async (req, reply) => {
      const found = (await store.listAnalyses()).find((a) => a.id === req.params.id);
      return found ?? sendError(reply, 404, `no analysis ${req.params.id} is stored`);
    },
  );

  app.get(
    '/metrics',
    { config: read, schema: routeSchema('/metrics', 'get') },
    async (_req, reply) => {
      const series = await store.listSeries();
      const families = [
        ...seriesFamilies(series),
        ...(await cacheFamilies(store)),
        ...regressionFamilies(await ctx.regressions.all(series)),
        ...machineFamilies(await store.listMachines()),
        ...ctx.counters.families(),
      ];
      return reply.type(PROMETHEUS_CONTENT_TYPE).send(renderPrometheus(families));
    },
  );
}

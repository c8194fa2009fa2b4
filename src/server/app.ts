// `gobaseline serve`'s HTTP server (fastify): the API v1 of docs/openapi.json, /metrics and
// whatever the dashboard registers. Stateless over the store: every answer is read from the
// database, so several instances can share one PostgreSQL. Errors are JSON
// `{statusCode, error, message}` with a one-line message; 4xx for what the client sent, 503
// when the database cannot be used, 500 (logged) for anything else.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasExitCode } from '../errors.js';
import { StoreError, type RunStore } from '../store/store.js';
import { registerReadRoutes } from './api-read.js';
import { registerRunRoutes } from './api-runs.js';
import { sendError, type ServerContext } from './http.js';
import { ServerCounters } from './metrics.js';
import { RegressionIndex } from './series-view.js';
import { allows, bearerToken, tokenHash } from './tokens.js';

/** Largest request body accepted by default, in bytes: a run record is tens of KB to a few MB. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export interface ServerOptions {
  store: RunStore;
  /** Largest request body, in bytes (413 above it). */
  bodyLimitBytes?: number;
  /** Require a read (or write) token to read the API and /metrics; default: reading is open. */
  readToken?: boolean;
  /** Adds more routes (the web dashboard) before the server starts. */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  /** Told about answers with status 500 (default: a line on stderr). */
  onInternalError?: (err: unknown) => void;
}

async function authorize(
  ctx: ServerContext,
  readToken: boolean,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const needs = request.routeOptions.config.scope;
  if (!needs || (needs === 'read' && !readToken)) return;
  const token = bearerToken(request.headers.authorization);
  if (token === null) {
    await sendError(reply, 401, 'missing bearer token (Authorization: Bearer TOKEN)');
    return;
  }
  const scope = await ctx.store.tokenScope(tokenHash(token));
  if (scope === null) {
    await sendError(reply, 401, 'unknown token');
    return;
  }
  if (!allows(scope, needs)) {
    await sendError(reply, 403, `this token may only ${scope}; ${needs} needs a ${needs} token`);
  }
}

/** The server, ready to `listen` (or `inject` in tests). */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Several instances behind a load balancer: its address must not end up in messages.
    trustProxy: false,
    // Query parameters are validated (and numbers converted) from docs/openapi.json.
    ajv: { customOptions: { coerceTypes: 'array', allErrors: false } },
  });
  // Only JSON bodies: anything else is 415, not a string that fails as a run record.
  app.removeContentTypeParser('text/plain');
  const ctx: ServerContext = {
    store: opts.store,
    counters: new ServerCounters(),
    regressions: new RegressionIndex(opts.store),
  };
  const onInternal =
    opts.onInternalError ??
    ((err: unknown) =>
      process.stderr.write(
        `gobaseline serve: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      ));

  app.addHook('onRequest', (request, reply) =>
    authorize(ctx, opts.readToken === true, request, reply),
  );
  app.addHook('onResponse', async (request, reply) => {
    ctx.counters.request(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode);
  });
  const bodyLimit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  app.setErrorHandler(async (err: unknown, request, reply) => {
    const e = err as { statusCode?: number; message?: string; code?: string };
    if (err instanceof StoreError) return sendError(reply, 503, err.message);
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const type = request.headers['content-type'] ?? 'none';
      return sendError(reply, 415, `send JSON (Content-Type: application/json), not ${type}`);
    }
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(
        reply,
        413,
        `the body is too large: this server takes at most ${bodyLimit} bytes (serve --body-limit)`,
      );
    }
    if (hasExitCode(err)) return sendError(reply, 400, err.message);
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return sendError(reply, e.statusCode, e.message ?? 'bad request');
    }
    onInternal(err);
    return sendError(reply, 500, 'internal error (logged by the server)');
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendError(
      reply,
      404,
      `no ${request.method} ${request.url.split('?')[0]} here (see docs/openapi.json)`,
    ),
  );

  registerReadRoutes(app, ctx);
  registerRunRoutes(app, ctx);
  if (opts.extend) await opts.extend(app);
  await app.ready();
  return app;
}

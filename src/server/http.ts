// What the routes of serve share: their context, the JSON error answer, and route schemas
// taken from docs/openapi.json.
import type { FastifyReply } from 'fastify';
import { oneLine } from '../errors.js';
import type { RunStore, TokenScope } from '../store/store.js';
import type { ServerCounters } from './metrics.js';
import { openApi, operation, parametersSchema } from './openapi.js';
import type { RegressionIndex } from './series-view.js';

/** What the routes share. */
export interface ServerContext {
  store: RunStore;
  counters: ServerCounters;
  regressions: RegressionIndex;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The token scope a route needs; absent: none. */
    scope?: TokenScope;
  }
}

/** Sends a JSON error with a one-line message. */
export function sendError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  const error = STATUS_TEXT[statusCode] ?? 'Error';
  return reply.code(statusCode).send({ statusCode, error, message: oneLine(message) });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The fastify route schema of a documented operation: its query and path parameters. */
export function routeSchema(apiPath: string, method: string): Record<string, unknown> {
  const op = operation(openApi(), apiPath, method);
  const querystring = parametersSchema(op, 'query');
  const params = parametersSchema(op, 'path');
  return { ...(querystring ? { querystring } : {}), ...(params ? { params } : {}) };
}

// The web dashboard (issue 13, part 2) is served by `serve` beside the API: its routes and
// assets are registered here, on the same server.
import type { FastifyInstance } from 'fastify';

/** Registers the dashboard's routes; called by `serve` before the server starts. */
export function registerDashboard(_app: FastifyInstance): void {
  // Nothing yet: the dashboard's page and assets come with part 2.
}

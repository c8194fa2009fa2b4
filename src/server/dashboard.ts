// The web dashboard (issue 13, part 2) on `gobaseline serve`, beside the API: the page at
// /dashboard/ (/ redirects there), its static files from dist/web/dashboard/, which
// `npm run build` fills (the page's compiled modules, and uPlot copied from node_modules: no CDN,
// no build step at run time), and the I/O heat map of a machine's newest `analyze io` as SVG
// (report/io-svg.ts, the same picture as `analyze io --svg`). The page reads API v1 like any
// client.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { IoReport } from '../analyze/io-report.js';
import { packageRoot } from '../package-root.js';
import { ioHeatMapSvg } from '../report/io-svg.js';
import type { RunStore } from '../store/store.js';
import { sendError } from './http.js';

/** Where the build puts the page and its assets. */
export const DASHBOARD_DIR = path.join(packageRoot, 'dist', 'web', 'dashboard');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built files by name, read once (about 250 kB); empty when the dashboard was not built. */
function readAssets(dir: string): Map<string, Buffer> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return new Map();
  }
  return new Map(
    names
      .filter((n) => path.extname(n) in TYPES)
      .map((n) => [n, readFileSync(path.join(dir, n))] as const),
  );
}

/**
 * Registers the dashboard's routes (GET /, /dashboard/, /dashboard/assets/FILE,
 * /dashboard/io-heatmap.svg?machine=HASH); called by `serve` before the server starts.
 */
export function registerDashboard(app: FastifyInstance, store: RunStore, dir = DASHBOARD_DIR) {
  const assets = readAssets(dir);
  const page = assets.get('index.html');

  app.get('/', (_req, reply) => reply.redirect('/dashboard/'));
  for (const url of ['/dashboard', '/dashboard/']) {
    app.get(url, (_req, reply) => {
      if (!page) return sendError(reply, 404, `the dashboard is not built: no ${dir}`);
      return reply.type(TYPES['.html'] as string).send(page);
    });
  }
  app.get<{ Params: { file: string } }>('/dashboard/assets/:file', (req, reply) => {
    const { file } = req.params;
    const body = file === 'index.html' ? undefined : assets.get(file);
    if (!body) return sendError(reply, 404, `no dashboard asset ${file}`);
    return reply.type(TYPES[path.extname(file)] as string).send(body);
  });
  app.get<{ Querystring: { machine: string } }>(
    '/dashboard/io-heatmap.svg',
    {
      config: { scope: 'read' },
      schema: {
        querystring: {
          type: 'object',
          required: ['machine'],
          properties: { machine: { type: 'string', minLength: 1 } },
        },
      },
    },
    async (req, reply) => {
      const found = (await store.listAnalyses('io')).find((a) => a.machine === req.query.machine);
      const report = found?.report as IoReport | undefined;
      if (!report || !Array.isArray(report.builds)) {
        return sendError(reply, 404, `no analyze io stored for machine ${req.query.machine}`);
      }
      return reply.type('image/svg+xml; charset=utf-8').send(ioHeatMapSvg(report));
    },
  );
}

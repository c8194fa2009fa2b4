// POST /api/v1/runs: a run record pushed by `run --push` or `push`, checked field by field as a
// run file is (parse/run-file.ts), stored once by its id: pushing it again answers 200 with
// `stored: false` and changes nothing. Pushes that arrive together are written in one
// transaction (the store's saveRuns): one commit for many runs is what lets a single SQLite
// file take hundreds of runs a second.
import type { FastifyInstance } from 'fastify';
import { checkRunRecord } from '../parse/run-file.js';
import type { Labels, RunStore, RunToSave } from '../store/store.js';
import { duplicateResult } from '../store/run-rows.js';
import { routeSchema, sendError, type ServerContext } from './http.js';

/** At most this many runs per transaction: other writers wait for the whole of it. */
const MAX_BATCH = 200;

interface Waiting {
  run: RunToSave;
  resolve: (stored: boolean) => void;
  reject: (err: unknown) => void;
}

/** Saves runs as they come, those that arrive while a transaction runs together in the next. */
export class RunWriter {
  private queue: Waiting[] = [];
  private writing = false;

  constructor(private readonly store: RunStore) {}

  /** True when stored now, false when a run with its id was stored before. */
  save(run: RunToSave): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ run, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const stored = await this.store.saveRuns(batch.map((w) => w.run));
        batch.forEach((w, i) => w.resolve(stored[i] === true));
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        // One run's failure must not fail the others: each alone, in order.
        else
          for (const w of batch)
            await this.store.saveRun(w.run.run, w.run.labels).then(w.resolve, w.reject);
      }
    }
    this.writing = false;
  }
}

/** `?label=KEY=VALUE` (repeatable) as labels. */
function labelsOf(query: string[] | undefined): Labels {
  const labels: Labels = {};
  for (const pair of query ?? []) {
    const at = pair.indexOf('=');
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}

export function registerRunRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const writer = new RunWriter(ctx.store);
  app.post<{ Querystring: { label?: string[] }; Body: unknown }>(
    '/api/v1/runs',
    { config: { scope: 'write' }, schema: routeSchema('/api/v1/runs', 'post') },
    async (req, reply) => {
      // A UsageError (400) naming the field when the body is not a run record.
      const run = checkRunRecord(req.body, 'the request body', 'run record');
      const twice = duplicateResult(run);
      if (twice !== null) {
        return sendError(
          reply,
          400,
          `the request body is a damaged run record: it holds ${twice} twice`,
        );
      }
      const stored = await writer.save({ run, labels: labelsOf(req.query.label) });
      ctx.counters.ingest(stored);
      return reply.code(stored ? 201 : 200).send({ runId: run.id, stored });
    },
  );
}

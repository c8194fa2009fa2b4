// The queue of runs to push (the store's `pushes`): pushing one queued run and recording the
// outcome, and sending the whole queue oldest first, a server that cannot be reached not tried
// again for each of its runs. Nothing is taken off the queue until a server has stored the run.
import type { PendingPush, RunStore } from '../store/store.js';
import { PushError, pushRun } from './push-client.js';

/** What pushing one run did. */
export type PushResult = { ok: true; stored: boolean } | { ok: false; error: PushError };

/** Pushes one queued run and records the outcome in the store. */
export async function pushQueued(
  store: RunStore,
  item: Pick<PendingPush, 'runId' | 'target' | 'labels'>,
  token: string,
): Promise<PushResult> {
  const run = await store.getRun(item.runId);
  if (!run)
    return { ok: false, error: new PushError(`run ${item.runId} is no longer stored`, true) };
  try {
    const stored = await pushRun(item.target, token, run, item.labels);
    await store.notePush(item.runId, item.target, null);
    return { ok: true, stored };
  } catch (err) {
    if (!(err instanceof PushError)) throw err;
    await store.notePush(item.runId, item.target, err.message);
    return { ok: false, error: err };
  }
}

/** What sending the queue did. */
export interface QueueReport {
  /** Per server: runs pushed now, and runs still queued. */
  byTarget: Map<string, { pushed: number; left: number }>;
  /** Each failed push, in order. */
  failures: { runId: string; target: string; error: PushError }[];
}

/** Sends every queued run (only those for `target` when given), oldest first. */
export async function pushQueue(
  store: RunStore,
  token: string,
  target?: string,
): Promise<QueueReport> {
  const report: QueueReport = { byTarget: new Map(), failures: [] };
  const unreachable = new Set<string>();
  for (const item of await store.pendingPushes(target)) {
    const count = report.byTarget.get(item.target) ?? { pushed: 0, left: 0 };
    report.byTarget.set(item.target, count);
    // A server that could not be reached is not tried again for each of its runs.
    if (unreachable.has(item.target)) {
      count.left++;
      continue;
    }
    const result = await pushQueued(store, item, token);
    if (result.ok) {
      count.pushed++;
      continue;
    }
    count.left++;
    report.failures.push({ runId: item.runId, target: item.target, error: result.error });
    if (!result.error.refused) unreachable.add(item.target);
  }
  return report;
}

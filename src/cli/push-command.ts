// `gobaseline push`: sends the runs queued by `run --push` that did not reach their server
// (it was down or refused them), oldest first (server/push-queue.ts). Exit 0 when nothing
// stays queued, 3 when a server could not be reached, 2 when one refused a run (a bad token, a
// body over its limit). Also `run --push`'s checks and its push after saving.
import type { Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { serverBase } from '../server/push-client.js';
import { pushQueue, pushQueued } from '../server/push-queue.js';
import { dbOption, withStore, type StoreOptions } from './store-options.js';
import type { RunRecord } from '../record/run-record.js';

export interface PushOptions {
  db?: string;
  to?: string;
  token?: string;
}

/** The token of --token, else $GOBASELINE_TOKEN; UsageError without either. */
export function pushToken(token: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const t = token ?? env.GOBASELINE_TOKEN;
  if (!t)
    throw new UsageError(
      'pushing needs a write token: --token TOKEN or GOBASELINE_TOKEN (gobaseline token create --scope write on the server)',
    );
  return t;
}

/** The base URL of --push/--to, checked; UsageError when it is not an http(s) URL. */
export function pushTarget(url: string, option: string): string {
  try {
    return serverBase(url);
  } catch (err) {
    throw new UsageError(`${option}: ${(err as Error).message}`);
  }
}

/** The --push and --token of `run`, checked before anything is measured. */
export interface PushPlan {
  target: string;
  token: string;
}

/** --push URL and --token (or $GOBASELINE_TOKEN) checked; null without --push. */
export function planPush(
  push: string | undefined,
  token: string | undefined,
  save: boolean,
): PushPlan | null {
  if (push === undefined) return null;
  if (!save) {
    throw new UsageError(
      '--push saves the run here first, so that nothing is lost: drop --no-save',
    );
  }
  return { target: pushTarget(push, '--push'), token: pushToken(token) };
}

/**
 * After `run` saved a run: queues it for the server and pushes it; when that fails the run
 * stays saved and queued, and a line says `gobaseline push` sends it later.
 */
export async function pushSavedRun(
  run: RunRecord,
  plan: PushPlan,
  opts: StoreOptions,
): Promise<void> {
  await withStore(opts, async (store) => {
    await store.queuePush(run.id, plan.target);
    const result = await pushQueued(
      store,
      { runId: run.id, target: plan.target, labels: opts.label ?? {} },
      plan.token,
    );
    if (result.ok) {
      process.stderr.write(
        `pushed to ${plan.target}${result.stored ? '' : ' (the server had this run already)'}\n`,
      );
    } else {
      process.stderr.write(
        `gobaseline: ${result.error.message}; the run stays saved here and queued: gobaseline push sends it later\n`,
      );
    }
  });
}

export async function pushCommand(opts: PushOptions): Promise<number> {
  const token = pushToken(opts.token);
  const target = opts.to === undefined ? undefined : pushTarget(opts.to, '--to');
  return withStore({ ...(opts.db ? { db: opts.db } : {}), save: true }, async (store) => {
    const report = await pushQueue(store, token, target);
    if (report.byTarget.size === 0) {
      process.stderr.write(
        `nothing to push: no run is queued${target ? ` for ${target}` : ''} in ${store.location}\n`,
      );
      return ExitCode.ok;
    }
    for (const f of report.failures) {
      process.stderr.write(`gobaseline: run ${f.runId}: ${f.error.message}\n`);
    }
    for (const [t, c] of report.byTarget) {
      process.stderr.write(
        `pushed ${c.pushed} run${c.pushed === 1 ? '' : 's'} to ${t}${c.left ? `; ${c.left} still queued (gobaseline push tries again)` : ''}\n`,
      );
    }
    // Unreachable (3) outranks refused (2): its runs may go through on the next try.
    const codes = report.failures.map((f) =>
      f.error.refused ? ExitCode.usage : ExitCode.environment,
    );
    return Math.max(ExitCode.ok, ...codes);
  });
}

/** Adds `push` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('push')
    .description('send the runs queued by run --push that have not reached their server yet')
    .option('--to <url>', 'only the runs queued for this server')
    .option('--token <token>', 'a write token of the server (default: $GOBASELINE_TOKEN)')
    .addOption(dbOption())
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing left queued, 2 a server refused a run (see the message),\n' +
        '3 a server could not be reached (its runs stay queued).',
    )
    .action(async (opts: PushOptions) => setExit(await pushCommand(opts)));
}

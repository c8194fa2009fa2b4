// `gobaseline run` as the command tests call it to look at a record: a few runs without
// warm-ups, warm scenarios on the tests' shared warm GOCACHE, the record written to a temp file,
// nothing saved, exit 0 expected.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { RunRecord } from '../../src/record/run-record.js';
import { readRun, runCli, sharedWarmCache, tempDir, type CliResult } from './cli.js';

/** The CLI's output and the record it wrote. */
export interface MeasuredRun {
  r: CliResult;
  run: RunRecord;
}

/**
 * Runs `gobaseline run ARGS... --runs N --warmup 0 --warm-cache <shared> --json <temp>
 * --no-save` (N: `runs`, default 2) with `env` (default cliEnv()); fails the test unless it exits 0.
 */
export async function measuredRun(
  args: string[],
  opts: { runs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<MeasuredRun> {
  const json = path.join(tempDir(), 'run.json');
  const r = await runCli(
    [
      'run',
      ...args,
      '--runs',
      String(opts.runs ?? 2),
      '--warmup',
      '0',
      '--warm-cache',
      sharedWarmCache,
      '--json',
      json,
      '--no-save',
    ],
    opts.env,
  );
  assert.equal(r.code, 0, r.stderr);
  return { r, run: readRun(json) };
}

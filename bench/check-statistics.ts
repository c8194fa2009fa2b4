// Judges the runs kept by `bench:check -- REPS RUNS KEEP_DIR` by several per-run figures, to see
// which one separates an unchanged run from a 10% slower one: for each repetition, the five
// history runs and the two judged runs summarised by the median, a lower quantile or the
// minimum of their samples, then judged by check's rule (analyze/check-history.ts), with and
// without the canary. Then the same runs replayed through the `check` CLI itself (the five
// history runs saved into a new SQLite store, `check --run` on the two judged ones) with its
// default figure.
//
//   node dist/bench/check-statistics.js KEEP_DIR
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkAgainstHistory, type CheckInput } from '../src/analyze/check-history.js';
import { machineSpeed } from '../src/measure/canary.js';
import type { RunRecord } from '../src/record/run-record.js';
import { RUN_FIGURES, runFigure, type RunFigure } from '../src/stats/history-baseline.js';
import { openStore } from '../src/store/open-store.js';
import { cli, metricValues } from './support.js';

const keepDir = process.argv[2];
if (!keepDir) {
  console.error('usage: check-statistics KEEP_DIR');
  process.exit(2);
}
const scenario = 'startup/go-version';

function read(rep: string, name: string): RunRecord {
  return JSON.parse(readFileSync(path.join(keepDir as string, rep, `${name}.json`), 'utf8'));
}

const reps = readdirSync(keepDir).filter((d) => d.startsWith('rep-'));
for (const withCanary of [false, true]) {
  for (const name of Object.keys(RUN_FIGURES) as RunFigure[]) {
    const figure = (values: number[]): number => runFigure(values, name);
    let passed = 0;
    let caught = 0;
    for (const rep of reps) {
      const history = [0, 1, 2, 3, 4].map((i) => read(rep, `h${i}`));
      const judge = (run: RunRecord): boolean => {
        const input: CheckInput = {
          scenarioId: scenario,
          configuration: '',
          metric: 'wallNs',
          unit: 'ns',
          value: figure(metricValues(run, scenario, 'wallNs')),
          speed: withCanary ? machineSpeed(run) : null,
          earlier: history.map((h) => ({
            runId: h.id,
            startedAt: h.startedAt,
            value: figure(metricValues(h, scenario, 'wallNs')),
            speed: withCanary ? machineSpeed(h) : null,
          })),
        };
        return checkAgainstHistory([input]).failed;
      };
      if (!judge(read(rep, 'same'))) passed++;
      if (judge(read(rep, 'slow'))) caught++;
    }
    console.log(
      `${name.padEnd(6)} ${withCanary ? 'canary' : 'raw   '}: unchanged passed ${passed}/${reps.length}, slowed caught ${caught}/${reps.length}`,
    );
  }
}

/** `check --run` exit codes of the judged runs, against a new store of the history runs. */
async function replay(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-check-replay-'));
  const env = { ...process.env, XDG_DATA_HOME: tmp, XDG_CACHE_HOME: tmp };
  let passed = 0;
  let caught = 0;
  try {
    for (const rep of reps) {
      const db = path.join(tmp, `${rep}.db`);
      const store = await openStore(db, env, { importRuns: false });
      for (const i of [0, 1, 2, 3, 4]) await store.saveRun(read(rep, `h${i}`));
      await store.close();
      const code = (name: string): number | null =>
        spawnSync(
          process.execPath,
          [cli, 'check', '--db', db, '--run', path.join(keepDir as string, rep, `${name}.json`)],
          { env, stdio: 'ignore' },
        ).status;
      if (code('same') === 0) passed++;
      if (code('slow') === 1) caught++;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    `check CLI (default figure): unchanged passed ${passed}/${reps.length}, slowed failed ${caught}/${reps.length}`,
  );
}

await replay();

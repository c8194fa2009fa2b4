// doctor's look at the run store: this machine's newest stored run judged as `gobaseline check` judges it
// (wall time against the earlier runs of the same machine, toolchain and configuration), each
// regression with the environment fields that differ between the baseline runs and it, most
// likely first (explain-change.ts, as `history` explains a change point). doctor only reads an
// existing store: without --db and without the default database it says so and goes on.
import fs from 'node:fs';
import { checkAgainstHistory } from '../analyze/check-history.js';
import type { OpenRegression } from '../analyze/doctor-report.js';
import { envSnapshot, explainChange } from '../analyze/explain-change.js';
import { machineSpeed } from '../measure/canary.js';
import { probeHost } from '../probe/index.js';
import { machineHash } from '../record/machine-identity.js';
import { formatValue } from '../record/units.js';
import { defaultDbPath, openStore } from '../store/open-store.js';
import { gatherCheckInputs } from './check-command.js';

/** Earlier runs whose environment is compared with the regressed run's. */
const CAUSE_RUNS = 5;
/** Causes listed per regression. */
const MAX_CAUSES = 3;

function value(v: string | number | null): string {
  return v === null ? 'unset' : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** The open regressions of the newest stored run; null (with a note) when there is no history. */
export async function openRegressions(
  db: string | undefined,
  notes: string[],
): Promise<OpenRegression[] | null> {
  if (!db && !fs.existsSync(defaultDbPath())) {
    notes.push('no run store yet: open regressions need runs saved by `gobaseline run`');
    return null;
  }
  const store = await openStore(db, process.env, { importRuns: false });
  try {
    const [newest] = await store.listRuns({ machine: machineHash(await probeHost()), limit: 1 });
    const run = newest ? await store.getRun(newest.runId) : null;
    if (!run) {
      notes.push(`no run of this machine in ${store.location}: no regression to report`);
      return null;
    }
    const inputs = await gatherCheckInputs(store, run, ['wallNs'], machineSpeed);
    const outcome = checkAgainstHistory(inputs);
    const found: OpenRegression[] = [];
    for (const item of outcome.items) {
      if (item.status !== 'regression') continue;
      const input = inputs.find(
        (i) =>
          i.scenarioId === item.scenarioId &&
          i.configuration === item.configuration &&
          i.metric === item.metric,
      );
      const snapshots = [];
      for (const p of input?.earlier.slice(-CAUSE_RUNS) ?? []) {
        const r = await store.getRun(p.runId);
        if (r) snapshots.push(envSnapshot(r, { canarySpeed: machineSpeed(r) }));
      }
      snapshots.push(envSnapshot(run, { canarySpeed: machineSpeed(run) }));
      const causes = explainChange(snapshots, snapshots.length - 1)
        .slice(0, MAX_CAUSES)
        .map((c) => `${c.field}: ${value(c.before)} → ${value(c.after)}`);
      const judged = item.relative ?? item.raw;
      const change =
        judged.change !== null && item.raw.baseline !== null
          ? `${judged.change >= 0 ? '+' : ''}${(judged.change * 100).toFixed(1)}% vs the baseline ${formatValue('ns', item.raw.baseline)} (${item.raw.runs} runs)`
          : 'slower than its baseline';
      found.push({
        scenarioId: `${item.scenarioId}${item.configuration ? ` [${item.configuration}]` : ''}`,
        metric: item.metric,
        change: `${change}, run ${run.id} of ${run.startedAt}`,
        causes,
      });
    }
    return found;
  } finally {
    await store.close();
  }
}

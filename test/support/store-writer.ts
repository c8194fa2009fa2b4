// A separate process that saves runs into a store, for the concurrency test:
//   node store-writer.js LOCATION PREFIX COUNT [BATCH [ALSO]]
// Saves COUNT tiny runs with ids PREFIX-0 .. PREFIX-(COUNT-1), one transaction each, or with
// BATCH in transactions of BATCH runs (saveRuns), each batch also holding the same runs of the
// writer ALSO (another prefix), which that writer saves at the same time.
import { openStore } from '../../src/store/open-store.js';
import { tinyRun } from './tiny-runs.js';

const [location, prefix, count, batchSize, also] = process.argv.slice(2);
const store = await openStore(location, process.env, { importRuns: false });
const run = (p: string, i: number) =>
  tinyRun(`${p}-${i}`, new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), { samples: 2 });
try {
  const batch = Number(batchSize ?? 0);
  for (let i = 0; i < Number(count); i += Math.max(batch, 1)) {
    if (batch === 0) {
      await store.saveRun(run(prefix!, i), { writer: prefix! });
      continue;
    }
    const runs = [];
    for (let k = i; k < Math.min(i + batch, Number(count)); k++) {
      runs.push({ run: run(prefix!, k), labels: { writer: prefix! } });
      if (also) runs.push({ run: run(also, k), labels: { writer: prefix! } });
    }
    await store.saveRuns(runs);
  }
} finally {
  await store.close();
}

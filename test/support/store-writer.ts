// A separate process that saves runs into a store, for the concurrency test:
//   node store-writer.js LOCATION PREFIX COUNT
// Saves COUNT tiny runs with ids PREFIX-0 .. PREFIX-(COUNT-1), one transaction each.
import { openStore } from '../../src/store/open-store.js';
import { tinyRun } from './tiny-runs.js';

const [location, prefix, count] = process.argv.slice(2);
const store = await openStore(location, process.env, { importRuns: false });
try {
  for (let i = 0; i < Number(count); i++) {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    await store.saveRun(tinyRun(`${prefix}-${i}`, at, { samples: 2 }), { writer: prefix! });
  }
} finally {
  await store.close();
}

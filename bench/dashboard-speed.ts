// `npm run bench:dashboard`: how soon the web dashboard draws its first chart of a 10,000-point
// series (target: within 1 s of navigation, issue 13). A private SQLite store is seeded through
// the store API (test/support/dashboard-seed.ts: machine A's `go version` one run an hour for
// 10,000 runs, a 30% step at 60%; machine B 40 runs), `gobaseline serve` is started on a
// loopback port, and Debian's Chromium opens the trend of that series ROUNDS times, each in a
// new page: the page notes performance.now() at its first chart draw (time since navigation
// start). Also timed: the API's series request alone (the server's share).
//   npm run bench:dashboard [-- ROUNDS]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/store/open-store.js';
import { launchChromium, openDashboard } from '../test/support/dashboard-browser.js';
import { SEED_METRIC, SEED_SCENARIO, seedDashboard } from '../test/support/dashboard-seed.js';
import { startServe, type Served } from '../test/support/serve-process.js';
import { machineLine, median } from './support.js';

const ROUNDS = Number(process.argv[2] ?? 7);
const POINTS = 10_000;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-dashboard-'));
const running: { served: Served | null } = { served: null };
process.on('SIGINT', () => {
  void running.served?.stop();
  rmSync(tmp, { recursive: true, force: true });
  process.exit(130);
});

const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

async function main(): Promise<void> {
  console.log(`machine: ${machineLine()}`);
  const db = path.join(tmp, 'store.db');
  const store = await openStore(db, {}, { importRuns: false });
  const t0 = performance.now();
  const seeded = await seedDashboard(store, POINTS);
  await store.close();
  console.log(`seeded ${POINTS} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const served = await startServe(db);
  running.served = served;
  const query = { machine: seeded.machineA, scenario: SEED_SCENARIO, metric: SEED_METRIC };

  const api: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const res = await fetch(`${served.url}/api/v1/series?${new URLSearchParams(query)}`);
    await res.arrayBuffer();
    api.push(performance.now() - t);
  }

  const browser = await launchChromium();
  const first: number[] = [];
  try {
    for (let i = 0; i < ROUNDS + 1; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const view = await openDashboard(page, served.url, query);
      await page.close();
      if (view.error) throw new Error(view.error);
      if (view.trendPoints !== POINTS) throw new Error(`${view.trendPoints} points drawn`);
      // The first page load warms Chromium's caches (fonts, the compiled scripts): not counted.
      if (i > 0 && view.firstChartMs !== null) first.push(view.firstChartMs);
    }
  } finally {
    await browser.close();
  }
  console.log(`series API, ${POINTS} points:          ${fmt(api)}`);
  console.log(`navigation to first chart drawn:  ${fmt(first)}  (${ROUNDS} page loads)`);
  console.log(`load average (1 min): ${os.loadavg()[0]?.toFixed(1)}`);
}

try {
  await main();
} finally {
  await running.served?.stop();
  rmSync(tmp, { recursive: true, force: true });
}

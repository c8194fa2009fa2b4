// The web dashboard end to end, in Debian's Chromium: `gobaseline serve` over a SQLite file
// seeded through the store API (two machines, a 30% step in machine A's `go version` time, an
// `analyze io`), the page opened as a user would. Checks that the charts hold the seeded points,
// the step is marked as a change point, and the table and heat map are filled; saves a
// screenshot to test-artifacts/dashboard.png. Then a 10,000-point series: the time from
// navigation to the first chart drawn is logged (a figure, not asserted).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { openStore } from '../../src/store/open-store.js';
import { skipUnlessCi } from '../support/ci.js';
import { tempDir } from '../support/cli.js';
import { haveChromium, launchChromium, openDashboard } from '../support/dashboard-browser.js';
import { startServe, type Served } from '../support/serve-process.js';
import {
  SEED_METRIC,
  SEED_RUNS,
  SEED_SCENARIO,
  seedDashboard,
  type Seeded,
} from '../support/dashboard-seed.js';
import { repoRoot } from '../support/paths.js';

const ARTIFACTS = path.join(repoRoot, 'test-artifacts');

async function seededServe(runs?: number): Promise<{ served: Served; seeded: Seeded }> {
  const db = path.join(tempDir('gbtest-dash-'), 'runs.db');
  const store = await openStore(db, {}, { importRuns: false });
  let seeded: Seeded;
  try {
    seeded = await seedDashboard(store, runs);
  } finally {
    await store.close();
  }
  return { served: await startServe(db), seeded };
}

let browser: Browser | null = null;
const stops: (() => Promise<void>)[] = [];

before(async () => {
  if (haveChromium()) browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const stop of stops) await stop();
});

test('the dashboard draws the seeded series, marks the step and fills the table and heat map', async (t) => {
  if (!browser) return skipUnlessCi(t, 'no /usr/bin/chromium (Debian package chromium)');
  const { served, seeded } = await seededServe();
  stops.push(served.stop);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const view = await openDashboard(page, served.url, {
    machine: seeded.machineA,
    scenario: SEED_SCENARIO,
    metric: SEED_METRIC,
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  await page.close();

  assert.equal(view.error, null);
  assert.equal(view.trendPoints, SEED_RUNS, 'every seeded run is a point of the trend');
  assert.equal(view.marksDrawn, 1, 'the step is drawn as one change point');
  assert.equal(view.changes.length, 1);
  assert.match(view.changes[0] ?? '', /^regression \+(29|30|31)\.\d% at /);
  assert.ok(view.changes[0]?.endsWith(seeded.stepStartedAt), view.changes[0]);
  assert.equal(view.compareSeries, 2, 'both machines in the comparison');
  assert.equal(view.latestRows, 8, 'the newest run: 2 scenarios × 4 metrics');
  assert.ok(view.ioHeatMap, 'the analyze io heat map is drawn');
});

test('a 10,000-point series: time from navigation to the first chart drawn', async (t) => {
  if (!browser) return skipUnlessCi(t, 'no /usr/bin/chromium (Debian package chromium)');
  const { served, seeded } = await seededServe(10_000);
  stops.push(served.stop);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const view = await openDashboard(page, served.url, {
    machine: seeded.machineA,
    scenario: SEED_SCENARIO,
    metric: SEED_METRIC,
  });
  await page.close();
  assert.equal(view.error, null);
  assert.equal(view.trendPoints, 10_000);
  assert.ok(view.marksDrawn >= 1, 'the step is marked');
  t.diagnostic(`first chart drawn ${view.firstChartMs?.toFixed(0)} ms after navigation`);
});

// The Grafana dashboard and the alerting rules query only metrics that `gobaseline serve`
// exports: serve is started over a seeded store (runs with a regression, an `analyze cache`)
// and every gobaseline_* name in deploy/ must be a family on its /metrics.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../support/cli.js';
import { seedDashboard } from '../support/dashboard-seed.js';
import { repoRoot } from '../support/paths.js';
import { startServe, type Served } from '../support/serve-process.js';
import { dashboardText } from '../../scripts/grafana-dashboard.js';

const names = (text: string): string[] => [...new Set(text.match(/\bgobaseline_[a-z_]+/g))];

let served: Served | null = null;
after(() => served?.stop());

test('every metric the dashboard and the alerting rules query is on serve’s /metrics', async () => {
  const db = path.join(tempDir('gbtest-metrics-'), 'runs.db');
  const store = await openStore(db, {}, { importRuns: false });
  try {
    await seedDashboard(store);
  } finally {
    await store.close();
  }
  served = await startServe(db);
  const exported = await (await fetch(`${served.url}/metrics`)).text();
  const families = new Set([...exported.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
  const rules = readFileSync(path.join(repoRoot, 'deploy/prometheus/gobaseline-rules.yml'), 'utf8');
  const queried = [...names(dashboardText()), ...names(rules)];
  assert.ok(queried.length >= 4, queried.join(' '));
  for (const name of queried) {
    assert.ok(families.has(name), `${name} is not on /metrics; it has: ${[...families].join(' ')}`);
  }
});

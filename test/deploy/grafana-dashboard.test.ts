// The Grafana dashboard under deploy/grafana/ is what scripts/grafana-dashboard.ts builds with
// Grafana's typed builders, has the panels the fleet needs, and fits its provisioning files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  DASHBOARD_FILE,
  DATASOURCE,
  METRICS,
  buildDashboard,
  dashboardText,
} from '../../scripts/grafana-dashboard.js';
import { repoRoot } from '../support/paths.js';

const grafana = path.join(repoRoot, 'deploy', 'grafana');

interface PanelJson {
  id?: number;
  type: string;
  title?: string;
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
}

test('the committed dashboard JSON is the builders’ output (npm run deploy:grafana)', () => {
  const committed = readFileSync(path.join(repoRoot, DASHBOARD_FILE), 'utf8');
  assert.equal(committed, dashboardText(), 'stale: run `npm run deploy:grafana`');
});

test('the dashboard has the start-up, build, cache, RSS and regression panels', () => {
  const panels = (buildDashboard().panels ?? []) as PanelJson[];
  const titles = panels.filter((p) => p.type !== 'row').map((p) => p.title);
  assert.deepEqual(titles, [
    'Open regressions',
    'Regressed series',
    'Start-up latency',
    'Build times',
    'Build cache hit rate',
    'Peak RSS',
  ]);
  const ids = panels.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, `panel ids unique: ${ids.join(' ')}`);
  for (const p of panels.filter((p) => p.type !== 'row')) {
    assert.equal(p.datasource?.uid, DATASOURCE.uid, `${p.title}: data source`);
    assert.ok(p.targets && p.targets.length > 0, `${p.title}: a query`);
    for (const q of p.targets) {
      assert.equal(q.datasource?.uid, DATASOURCE.uid, `${p.title}: query data source`);
      const names = Object.values(METRICS) as string[];
      assert.ok(
        names.some((m) => q.expr?.includes(m)),
        `${p.title}: queries a gobaseline metric: ${q.expr}`,
      );
    }
  }
});

test('the provisioning files name the dashboard’s data source and a dashboards folder', () => {
  const ds = readFileSync(path.join(grafana, 'provisioning/datasources/gobaseline.yaml'), 'utf8');
  assert.match(ds, new RegExp(`^\\s+uid: ${DATASOURCE.uid}$`, 'm'));
  assert.match(ds, /^\s+type: prometheus$/m);
  const dash = readFileSync(path.join(grafana, 'provisioning/dashboards/gobaseline.yaml'), 'utf8');
  assert.match(dash, /^\s+type: file$/m);
  assert.match(dash, /^\s+path: \/\S+$/m);
});

// `npm run deploy:grafana`: writes deploy/grafana/dashboards/gobaseline.json, the fleet dashboard
// Grafana loads through the file-based provisioning next to it. Built with Grafana's typed
// builders (@grafana/grafana-foundation-sdk) so a panel or query of the wrong shape fails to
// compile; test/scripts/grafana-dashboard.test.ts checks that the committed file is what this
// builds and that every metric it queries is one `gobaseline serve` exports on /metrics.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  QueryVariableBuilder,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  type Dashboard,
  type GridPos,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';

/** The Prometheus data source as provisioned by deploy/grafana/provisioning/datasources/. */
export const DATASOURCE = { type: 'prometheus', uid: 'gobaseline-prometheus' } as const;
export const DASHBOARD_UID = 'gobaseline-fleet';

/** The series of /metrics the dashboard reads (names as `gobaseline serve` exports them). */
export const METRICS = {
  scenarioSeconds: 'gobaseline_scenario_seconds',
  peakRssBytes: 'gobaseline_scenario_peak_rss_bytes',
  cacheHitRatio: 'gobaseline_build_cache_hit_ratio',
  /** Per series standing at a regression (after its newest change point): its size. */
  regressionChange: 'gobaseline_regression_change_ratio',
} as const;

const machine = 'machine=~"$machine"';

function query(expr: string, legend: string): DataqueryBuilder {
  return new DataqueryBuilder().datasource(DATASOURCE).expr(expr).legendFormat(legend);
}

function trend(
  id: number,
  title: string,
  description: string,
  unit: string,
  expr: string,
  at: GridPos,
  legend = '{{machine}} {{scenario}} {{configuration}}',
) {
  return new TimeseriesPanel()
    .id(id)
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .min(0)
    .gridPos(at)
    .showPoints(common.VisibilityMode.Auto)
    .withTarget(query(expr, legend));
}

/** The dashboard as Grafana's JSON model. */
export function buildDashboard(): Dashboard {
  const seconds = (scenarios: string) =>
    `${METRICS.scenarioSeconds}{scenario=~"${scenarios}", stat="median", ${machine}}`;
  return new DashboardBuilder('gobaseline: Go environment fleet')
    .uid(DASHBOARD_UID)
    .tags(['gobaseline', 'go'])
    .description('Runs pushed to gobaseline serve: medians per machine, scenario and toolchain.')
    .time({ from: 'now-30d', to: 'now' })
    .refresh('5m')
    .timezone('browser')
    .withVariable(
      new QueryVariableBuilder('machine')
        .label('Machine')
        .datasource(DATASOURCE)
        .query(`label_values(${METRICS.scenarioSeconds}, machine)`)
        .refresh(VariableRefresh.OnTimeRangeChanged)
        .multi(true)
        .includeAll(true)
        .allValue('.*'),
    )
    .withRow(new RowBuilder('Regressions').id(1))
    .withPanel(
      new StatPanel()
        .id(2)
        .title('Open regressions')
        .description('Series whose newest run is a regression against its dynamic baseline.')
        .datasource(DATASOURCE)
        .gridPos({ h: 6, w: 6, x: 0, y: 1 })
        .graphMode(common.BigValueGraphMode.Area)
        .colorMode(common.BigValueColorMode.Background)
        .thresholds(
          new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
            { value: null, color: 'green' },
            { value: 1, color: 'red' },
          ]),
        )
        .withTarget(
          query(`count(${METRICS.regressionChange}{${machine}}) or vector(0)`, 'regressions'),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(3)
        .title('Regressed series')
        .description(
          'One row per machine, scenario, configuration and metric standing at a regression: the size of the step (after / before - 1).',
        )
        .datasource(DATASOURCE)
        .unit('percentunit')
        .gridPos({ h: 6, w: 18, x: 6, y: 1 })
        .withTarget(
          query(`${METRICS.regressionChange}{${machine}}`, '')
            .instant()
            .format(PromQueryFormat.Table),
        ),
    )
    .withRow(new RowBuilder('Latency and builds').id(4))
    .withPanel(
      trend(
        5,
        'Start-up latency',
        'Median wall time of the start-up scenarios (go version, go env GOROOT).',
        's',
        seconds('startup/.*'),
        { h: 8, w: 12, x: 0, y: 8 },
      ),
    )
    .withPanel(
      trend(
        6,
        'Build times',
        'Median wall time of the build scenarios (cold, warm, link).',
        's',
        seconds('build/.*'),
        { h: 8, w: 12, x: 12, y: 8 },
      ),
    )
    .withRow(new RowBuilder('Cache and memory').id(7))
    .withPanel(
      trend(
        8,
        'Build cache hit rate',
        'Share of compile actions served from GOCACHE in the newest analyze build or analyze cache.',
        'percentunit',
        `${METRICS.cacheHitRatio}{${machine}}`,
        { h: 8, w: 12, x: 0, y: 17 },
        '{{machine}} {{analysis}}',
      ).max(1),
    )
    .withPanel(
      trend(
        9,
        'Peak RSS',
        'Median peak resident set size of the process tree per scenario.',
        'bytes',
        `${METRICS.peakRssBytes}{stat="median", ${machine}}`,
        { h: 8, w: 12, x: 12, y: 17 },
      ),
    )
    .build();
}

export const DASHBOARD_FILE = path.join('deploy', 'grafana', 'dashboards', 'gobaseline.json');

/** The file's text: the model, pretty-printed, with a final newline. */
export function dashboardText(): string {
  return `${JSON.stringify(buildDashboard(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  writeFileSync(path.join(root, DASHBOARD_FILE), dashboardText());
  console.log(`wrote ${DASHBOARD_FILE}`);
}

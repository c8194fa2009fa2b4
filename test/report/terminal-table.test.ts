// The run table fits the terminal's width (dropping and merging spread columns as hyperfine's
// and benchstat's summaries do), keeps every column with 'wide', and shows user/sys CPU below
// the kernel's accounting resolution as a bound, with their exact sum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord, ScenarioResult } from '../../src/record/run-record.js';
import { findScenario } from '../../src/scenarios/catalogue.js';
import { textWidth } from '../../src/report/fit-width.js';
import { renderRunTable, scenarioNotes } from '../../src/report/terminal-table.js';
import { readRun } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';

/**
 * A captured real run (two start-up scenarios) plus two scenarios with the longest metric
 * labels of the catalogue and values of every magnitude, so the widest rows are rendered.
 */
function longRun(): RunRecord {
  const run = readRun(fixturePath('runs/startup-a.json'));
  const base = run.scenarios[0] as ScenarioResult;
  const extra = (id: string, values: Record<string, number>): ScenarioResult => {
    const spec = findScenario(id);
    assert.ok(spec, id);
    return {
      ...base,
      scenarioId: id,
      metrics: [...base.metrics, ...spec.metrics],
      samples: Array.from({ length: 10 }, (_, i) => ({
        seq: i,
        ok: true,
        metrics: Object.fromEntries(
          Object.entries(values).map(([k, v]) => [k, Math.round(v * (1 + ((i * 7) % 10) / 37))]),
        ),
      })),
    };
  };
  const common = { wallNs: 57.7e6, userNs: 49.4e6, sysNs: 30.8e6, peakRssBytes: 20_447_232 };
  run.scenarios.push(
    extra('run/empty', { ...common, selfPeakRssBytes: 2_118_000 }),
    extra('build/net-http-pkg', {
      ...common,
      wallNs: 21.1e9,
      userNs: 33.6e9,
      sysNs: 4.48e9,
      pkgCompileNs: 2.61e9,
    }),
  );
  return run;
}

const row = (table: string, label: RegExp): string =>
  table.split('\n').find((l) => label.test(l)) ?? '';

test('the run table fits 80 and 120 columns, and --wide keeps every column', () => {
  const run = longRun();
  for (const width of [80, 120]) {
    const table = renderRunTable(run, width);
    assert.ok(textWidth(table) <= width, `${textWidth(table)} > ${width}:\n${table}`);
    assert.match(table, /startup\/go-version/);
    assert.match(table, /program's own peak RSS \(VmHWM\)/);
    assert.match(table, /median/);
    assert.match(table, /95% CI/);
  }
  // 120 columns leave room for the full interval and the range.
  assert.match(renderRunTable(run, 120), /95% CI of median.*min … max/);
  const wide = renderRunTable(run, 'wide');
  assert.ok(textWidth(wide) > 120);
  for (const head of [
    'scenario',
    'metric',
    'n',
    'median',
    '95% CI of median',
    'min … max',
    'mean ± sd',
    'CV',
  ])
    assert.ok(wide.includes(head), head);
  // A width nothing fits still prints the narrowest layout rather than nothing.
  assert.match(renderRunTable(run, 20), /± /);
});

test('user and sys CPU below the accounting resolution print as a bound, with their exact sum', () => {
  const run = longRun();
  const table = renderRunTable(run, 'wide');
  const startup = table.split('startup/go-env')[0] ?? '';
  assert.match(row(startup, /user CPU/), /< 40\.0 ms/);
  assert.match(row(startup, /sys CPU/), /< 40\.0 ms/);
  assert.doesNotMatch(startup, /\b0 ns\b|± \?/);
  // The sum is the kernel's precise figure: median of user+sys over the captured samples.
  assert.match(row(startup, /user\+sys CPU/), /2\.22 ms/);
  const [goVersion] = run.scenarios;
  assert.match(
    scenarioNotes(goVersion as ScenarioResult).join('\n'),
    /user and sys CPU below 40\.0 ms are noise/,
  );
  // Seconds of CPU are measurements: printed as such, no sum row, no note.
  const build = table.split('build/net-http-pkg')[1] ?? '';
  assert.match(row(build, /user CPU/), /33\.6 s/);
  assert.doesNotMatch(build, /user\+sys/);
  assert.doesNotMatch(scenarioNotes(run.scenarios[3] as ScenarioResult).join('\n'), /noise/);
});

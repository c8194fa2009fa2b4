// Markdown, CSV and JSON reports of a real run record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RunRecord } from '../../src/measure/run-record.js';
import { renderCsv } from '../../src/report/csv.js';
import { jsonReporter } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { summarize } from '../../src/stats/index.js';
import { formatNumber } from '../../src/report/units.js';
import { fixturePath } from '../support/paths.js';

const text = readFileSync(fixturePath('runs/startup-a.json'), 'utf8');
const load = (): RunRecord => JSON.parse(text) as RunRecord;

test('CSV: hyperfine columns in seconds, then the CI, counts and other metrics', () => {
  const run = load();
  const lines = renderCsv(run).trimEnd().split('\n');
  assert.equal(
    lines[0],
    'scenario,mean,stddev,median,user,system,min,max,median_ci_low,median_ci_high,median_ci_confidence,n,failed,peakRssBytes',
  );
  assert.equal(lines.length, 1 + run.scenarios.length);
  const fields = (lines[1] ?? '').split(',');
  const scenario = run.scenarios[0];
  const wall = summarize(scenario?.samples.map((s) => s.metrics.wallNs ?? NaN) ?? []);
  assert.equal(fields[0], 'startup/go-version');
  assert.equal(Number(fields[1]), wall.mean / 1e9);
  assert.equal(Number(fields[3]), wall.median / 1e9);
  assert.equal(Number(fields[6]), wall.min / 1e9);
  assert.equal(Number(fields[8]), (wall.ciLo ?? NaN) / 1e9);
  assert.equal(fields[11], '10');
  assert.equal(fields[12], '0');
  assert.equal(
    Number(fields[13]),
    summarize(scenario?.samples.map((s) => s.metrics.peakRssBytes ?? NaN) ?? []).median,
  );
});

test('CSV: a scenario that measured nothing keeps its row, with the failures counted', () => {
  const run = load();
  const s = run.scenarios[1];
  assert.ok(s);
  s.samples = s.samples.map((x) => ({
    ...x,
    ok: false,
    metrics: {},
    failure: { reason: 'exit status 1', stderrTail: '' },
  }));
  const row = renderCsv(run).trimEnd().split('\n')[2];
  assert.equal(row, 'startup/go-env,,,,,,,,,,,0,10,');
});

test('Markdown: a hyperfine-shaped timing table and a table of every metric', () => {
  const run = load();
  const md = renderMarkdown(run);
  const lines = md.split('\n');
  assert.equal(
    lines[0],
    `gobaseline ${run.tool.version} · run \`${run.id}\` · go1.26.8 · Intel(R) Xeon(R) Processor, 2 threads`,
  );
  assert.ok(
    lines.includes(
      '| Scenario | Mean [ms] | Median [ms] | 95% CI of median [ms] | User [ms] | System [ms] | Min [ms] | Max [ms] | n |',
    ),
  );
  assert.ok(lines.includes('|:---|---:|---:|---:|---:|---:|---:|---:|---:|'));
  const values = (key: string): number[] =>
    run.scenarios[0]?.samples.map((s) => s.metrics[key] ?? NaN) ?? [];
  const w = summarize(values('wallNs'));
  const mean = (key: string): number => values(key).reduce((a, b) => a + b, 0) / 10;
  const ms = (v: number | null): string => formatNumber((v ?? NaN) / 1e6);
  const expected =
    `| \`startup/go-version\` | ${ms(w.mean)} ± ${ms(w.sd)} | ${ms(w.median)} | ` +
    `${ms(w.ciLo)} … ${ms(w.ciHi)} | ${ms(mean('userNs'))} | ${ms(mean('sysNs'))} | ` +
    `${ms(w.min)} | ${ms(w.max)} | 10 |`;
  assert.ok(lines.includes(expected), `${expected}\n${md}`);
  assert.ok(
    lines.some((l) =>
      /^\| `startup\/go-env` \| peak RSS \(largest process in tree\) \| 10 \| [\d.]+ MiB \| [\d.]+ MiB … [\d.]+ MiB \| [\d.]+ MiB … [\d.]+ MiB \| [\d.]+ MiB ± [\d.]+ MiB \|$/.test(
        l,
      ),
    ),
  );
  assert.ok(lines.some((l) => l.startsWith('- the machine is not idle')));
});

test('JSON: the run record itself', () => {
  assert.deepEqual(JSON.parse(jsonReporter.render(load())), JSON.parse(text));
});

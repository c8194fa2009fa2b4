// Markdown, CSV and JSON reports of a real run record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RunRecord } from '../../src/record/run-record.js';
import { renderCsv } from '../../src/report/csv.js';
import { jsonReporter } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { formatNumber } from '../../src/record/units.js';
import { fixturePath } from '../support/paths.js';
import { parseRunFile } from '../../src/parse/run-file.js';

const text = readFileSync(fixturePath('runs/startup-a.json'), 'utf8');
const load = (): RunRecord => parseRunFile(text, 'startup-a.json');

/**
 * The expected CSV rows of startup-a.json, computed apart from gobaseline's statistics (Python's
 * `statistics` module on the fixture's samples): mean, sample standard deviation, median, user
 * and system means, min and max of the wall times in seconds; the median's 95% interval as the
 * order statistics x(2) and x(9) of the 10 sorted samples, whose exact binomial coverage is
 * 1 - 2·(1 + 10)/2^10 = 0.978515625; n, failed; the median peak RSS in bytes.
 */
const EXPECTED_CSV: Record<string, number[]> = {
  'startup/go-version': [
    0.0028463939, 0.001050712165161373, 0.002431011, 0.0019965, 0.0002909, 0.002163803, 0.005701514,
    0.00219554, 0.003068131, 0.978515625, 10, 0, 9809920,
  ],
  'startup/go-env': [
    0.0035348258, 0.0016922094359883338, 0.0030074255, 0.0015331, 0.0006674, 0.001998893,
    0.007396502, 0.002040426, 0.004686083, 0.978515625, 10, 0, 9940992,
  ],
};

test('CSV: hyperfine columns in seconds, then the CI, counts and other metrics', () => {
  const run = load();
  const lines = renderCsv(run).trimEnd().split('\n');
  assert.equal(
    lines[0],
    'scenario,mean,stddev,median,user,system,min,max,median_ci_low,median_ci_high,median_ci_confidence,n,failed,peakRssBytes',
  );
  assert.equal(lines.length, 1 + Object.keys(EXPECTED_CSV).length);
  for (const line of lines.slice(1)) {
    const [scenario, ...fields] = line.split(',');
    const expected = EXPECTED_CSV[scenario ?? ''];
    assert.ok(expected, `a row for ${scenario}`);
    assert.equal(fields.length, expected.length, line);
    fields.forEach((f, i) => {
      const want = expected[i] ?? NaN;
      // Sums in another order may differ in the last bits of a double.
      assert.ok(
        Math.abs(Number(f) - want) <= 1e-12 * Math.abs(want),
        `${scenario} column ${i + 1}: ${f} vs ${want}`,
      );
    });
  }
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
  // The same independently computed figures as the CSV test, in milliseconds.
  const [mean, sd, median, user, sys, min, max, ciLo, ciHi] = (
    EXPECTED_CSV['startup/go-version'] ?? []
  ).map((sec) => formatNumber(sec * 1e3));
  const expected =
    `| \`startup/go-version\` | ${mean} ± ${sd} | ${median} | ${ciLo} … ${ciHi} | ` +
    `${user} | ${sys} | ${min} | ${max} | 10 |`;
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
  const run = load();
  assert.deepEqual(JSON.parse(jsonReporter.render(run)), JSON.parse(JSON.stringify(run)));
});

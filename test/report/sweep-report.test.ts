// The sweep's renderings: the table (legend, `~`, best and failed lines), the response-curve
// SVG, JSON, and the Go benchmark format that the real benchstat slices by GOMAXPROCS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSweep } from '../../src/analyze/sweep-analysis.js';
import { renderSweepJson, renderSweepTable } from '../../src/report/sweep-table.js';
import { sweepSvg } from '../../src/report/sweep-svg.js';
import { renderGoBench } from '../../src/report/gobench.js';
import { parseGoBench } from '../../src/parse/gobench-reader.js';
import { textWidth } from '../../src/report/fit-width.js';
import { requireBenchstat, runBenchstat } from '../support/benchstat.js';
import { tempDir } from '../support/cli.js';
import { sweepRun } from '../support/sweep-run.js';

test('the table: every configuration, change vs default or ~, Holm in the legend, best and failures', () => {
  const text = renderSweepTable(analyzeSweep(sweepRun(10, ['gomaxprocs=1/p=2'])));
  assert.match(text, /^sweep of build\/net-http-cold: GOMAXPROCS=1,2 p=1,2 · 5 configurations/);
  assert.match(text, /p-values Holm-corrected over the 4 comparisons of each metric/);
  assert.match(text, /~ where the corrected p > 0\.05 \(not significant\)/);
  assert.match(text, /│ vs default │ p \(Holm\) │/);
  assert.match(text, /│ wall +│ default +│ 10 │ +20\.0 s │ +\d+\.\d s … \d+\.\d s │ +│ +│/);
  assert.match(text, /│ +│ gomaxprocs=1\/p=1 │ 10 │ +32\.0 s │ .* │ +\+60\.\d\d% │ +p=0\.000 │/);
  assert.match(text, /│ gomaxprocs=2\/p=2 │ 10 │ +19\.9 s │ .* │ +~ │ +p=0\.\d{3} │/);
  assert.match(text, /│ gomaxprocs=1\/p=2 │ +0 │ +failed │/);
  assert.match(
    text,
    /\nbest: gomaxprocs=2\/p=2 \(19\.9 s median wall, -0\.\d\d% vs default, p=0\.\d{3} Holm-corrected\): not significantly faster than default\n/,
  );
  assert.match(text, /\nfailed: gomaxprocs=1\/p=2: exit status 2: go: invalid value\n$/);
});

test('the table fits a narrow terminal: metric headings, CI as ± %, prose wrapped', () => {
  const text = renderSweepTable(analyzeSweep(sweepRun()), 72);
  assert.ok(textWidth(text) <= 72, text);
  assert.match(text, /│ wall +│/);
  assert.match(text, /± 1%/);
});

test('JSON: the analysis with its schema, parameters and best configuration', () => {
  const json = JSON.parse(renderSweepJson(analyzeSweep(sweepRun()))) as Record<string, unknown>;
  assert.equal(json.schema, 'gobaseline/sweep');
  assert.equal(json.schemaVersion, 1);
  const scenarios = json.scenarios as { best: { configuration: string } }[];
  assert.equal(scenarios[0]?.best.configuration, 'gomaxprocs=2/p=2');
});

test('the SVG: a panel per metric, x = GOMAXPROCS, a line per p with its CI band, default dashed', () => {
  const svg = sweepSvg(analyzeSweep(sweepRun()));
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="760" height="\d+"/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.ok(!/NaN|undefined|Infinity/.test(svg));
  for (const title of ['wall by GOMAXPROCS', 'user CPU by GOMAXPROCS', 'sys CPU by GOMAXPROCS'])
    assert.ok(svg.includes(`>${title}</text>`), title);
  // Per metric: one band and one line per value of p, the default as a dashed level.
  assert.equal((svg.match(/<polygon /g) ?? []).length, 4 * 2);
  assert.equal((svg.match(/<polyline /g) ?? []).length, 4 * 2);
  assert.equal((svg.match(/stroke-dasharray="6 4"><title>default: /g) ?? []).length, 4);
  assert.ok(svg.includes('>p=1</text>') && svg.includes('>p=2</text>'));
  assert.ok(svg.includes('>wall (s)</text>') && svg.includes('>GOMAXPROCS</text>'));
  assert.ok(svg.includes('bands: 95% CI of the median'));
  assert.ok(svg.includes('<title>gomaxprocs=1/p=1: 32.0 s, CI '));
});

test('Go benchmark format: parameters as name keys, GOMAXPROCS in the -N suffix, default last', () => {
  const text = renderGoBench(sweepRun());
  const names = [...new Set(parseGoBench(text, 'sweep.txt').results.map((r) => r.name))];
  assert.deepEqual(names, [
    'Build/net-http-cold/gomaxprocs=1/p=1-1',
    'Build/net-http-cold/gomaxprocs=1/p=2-1',
    'Build/net-http-cold/gomaxprocs=2/p=1-2',
    'Build/net-http-cold/gomaxprocs=2/p=2-2',
    'Build/net-http-cold-2',
  ]);
});

test('the real benchstat slices the sweep by -col /gomaxprocs without a warning', async (t) => {
  const bin = requireBenchstat(t);
  if (!bin) return;
  const dir = tempDir('sweep-benchstat');
  const file = path.join(dir, 'sweep.txt');
  writeFileSync(file, renderGoBench(sweepRun(12)));
  const out = await runBenchstat(bin, ['-col', '/gomaxprocs', file], dir);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stderr, '');
  // Columns GOMAXPROCS 1 and 2; rows by p; no footnote (benchstat marks warnings ¹ ² ...).
  assert.match(out.stdout, /│ +1 +│ +2 +│/);
  assert.match(
    out.stdout,
    /\nBuild\/net-http-cold\/p=1 +\S+ ± \d+% +\S+ ± \d+% +-\d+\.\d\d% \(p=0\.000 n=12\)/,
  );
  assert.match(out.stdout, /\nBuild\/net-http-cold\/p=2 /);
  assert.ok(!/[¹²³]/.test(out.stdout), out.stdout);
});

// `gobaseline report`: every format from a saved run, --output, bad input; and benchstat reads
// the gobench export of a real run without a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../../src/record/run-record.js';
import { summarize } from '../../src/stats/index.js';
import { parseRunFile } from '../../src/parse/run-file.js';
import { parseBenchstatCsv, requireBenchstat, runBenchstat } from '../support/benchstat.js';
import { cliEnv, runCli, tempDir } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';

const runFile = fixturePath('runs/startup-a.json');

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${stderr}`);
  assert.match(lines[0] ?? '', /^gobaseline: /);
  assert.match(lines[0] ?? '', pattern);
}

test('report prints the run table by default and each --format', async () => {
  const table = await runCli(['report', runFile]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /95% CI/);
  assert.match(table.stdout, /startup\/go-version/);

  const md = await runCli(['report', runFile, '--format', 'md']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^\| Scenario \| Mean \[ms\] \|/m);

  const csv = await runCli(['report', runFile, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /^scenario,mean,stddev,median,user,system,min,max,/);

  const json = await runCli(['report', runFile, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  // The record as read: a version-1 file comes out as version 2, with its configurations.
  assert.deepEqual(
    JSON.parse(json.stdout),
    JSON.parse(JSON.stringify(parseRunFile(readFileSync(runFile, 'utf8'), runFile))),
  );

  const gobench = await runCli(['report', runFile, '--format', 'gobench']);
  assert.equal(gobench.code, 0, gobench.stderr);
  assert.match(gobench.stdout, /^BenchmarkStartup\/go-version-2\t1\t\d+ ns\/op\t/m);
});

test('report --output writes the file and says so on stderr', async () => {
  const out = path.join(tempDir(), 'run.txt');
  const r = await runCli(['report', runFile, '--format', 'gobench', '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `wrote ${out}\n`);
  assert.match(readFileSync(out, 'utf8'), /^Unit ns\/op better=lower$/m);
});

test('report: a missing file, a file that is not a run, an unknown format: exit 2, one line', async () => {
  const missing = await runCli(['report', '/nonexistent/run.json']);
  assert.equal(missing.code, 2);
  assertOneLineError(missing.stderr, /cannot read run file \/nonexistent\/run\.json: ENOENT/);

  const notRun = path.join(tempDir(), 'x.json');
  writeFileSync(notRun, '{"hello": 1}\n');
  const bad = await runCli(['report', notRun]);
  assert.equal(bad.code, 2);
  assertOneLineError(bad.stderr, /is not a gobaseline run file/);

  const format = await runCli(['report', runFile, '--format', 'html']);
  assert.equal(format.code, 2);
  assertOneLineError(format.stderr, /argument 'html' is invalid.*table, md, csv, json, gobench/);
});

test('report: a damaged run file (a field the table reads is gone): exit 2, one line', async () => {
  const run = JSON.parse(readFileSync(runFile, 'utf8')) as { fingerprint: { cpu?: unknown } };
  delete run.fingerprint.cpu;
  const damaged = path.join(tempDir(), 'damaged.json');
  writeFileSync(damaged, JSON.stringify(run));
  const r = await runCli(['report', damaged]);
  assert.equal(r.code, 2, r.stderr);
  assertOneLineError(
    r.stderr,
    /damaged\.json is a damaged run file: fingerprint\.cpu should be an object/,
  );
});

test('benchstat reads the gobench export of a real run without warnings, same medians', async (t) => {
  const bin = requireBenchstat(t);
  if (!bin) return;
  const dir = tempDir();
  const json = path.join(dir, 'run.json');
  const run = await runCli([
    'run',
    '--scenario',
    'startup/go-version',
    '--runs',
    '6',
    '--json',
    json,
    '--no-save',
    '-q',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const txt = path.join(dir, 'run.txt');
  const report = await runCli(['report', json, '--format', 'gobench', '--output', txt]);
  assert.equal(report.code, 0, report.stderr);

  const text = await runBenchstat(bin, ['run.txt'], dir);
  assert.equal(text.code, 0);
  assert.equal(text.stderr, '', 'benchstat wrote warnings or errors');
  assert.doesNotMatch(text.stdout, /[¹²³⁴⁵⁶⁷⁸⁹]/, `benchstat footnotes:\n${text.stdout}`);
  assert.match(text.stdout, /Startup\/go-version-\d+/);

  // Its medians and intervals are gobaseline's.
  const csv = await runBenchstat(bin, ['-format', 'csv', 'run.txt'], dir);
  const record = JSON.parse(readFileSync(json, 'utf8')) as RunRecord;
  const samples = record.scenarios[0]?.samples ?? [];
  const expect: Record<string, [string, number]> = {
    'sec/op': ['wallNs', 1e-9],
    'user-sec/op': ['userNs', 1e-9],
    'sys-sec/op': ['sysNs', 1e-9],
    'peak-RSS-bytes': ['peakRssBytes', 1],
  };
  const tables = parseBenchstatCsv(csv.stdout, csv.stderr);
  assert.deepEqual(tables.map((x) => x.unit).sort(), Object.keys(expect).sort());
  for (const table of tables) {
    const [key, factor] = expect[table.unit] ?? ['', 1];
    const s = summarize(samples.map((x) => x.metrics[key] ?? NaN));
    const cell = table.rows[0]?.cells[0];
    assert.ok(cell, table.unit);
    const theirs = Number(cell.center);
    assert.ok(Math.abs(s.median * factor - theirs) <= 1e-12 * Math.abs(theirs), table.unit);
  }
});

test('the table fits the terminal (80 columns when piped, or $COLUMNS); --wide keeps every column', async () => {
  const widest = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));
  for (const columns of ['80', '120']) {
    const r = await runCli(['report', runFile], cliEnv({ COLUMNS: columns }));
    assert.equal(r.code, 0, r.stderr);
    assert.ok(widest(r.stdout) <= Number(columns), `wider than ${columns}:\n${r.stdout}`);
  }
  const piped = await runCli(['report', runFile], cliEnv({ COLUMNS: undefined }));
  assert.ok(widest(piped.stdout) <= 80, piped.stdout);
  const wide = await runCli(['report', runFile, '--wide'], cliEnv({ COLUMNS: '80' }));
  assert.equal(wide.code, 0, wide.stderr);
  assert.match(wide.stdout, /95% CI of median .* min … max .* mean ± sd .* CV/);
});

test('user and sys CPU of a millisecond command print as below the resolution, not as 0 ns ± ?', async () => {
  // The captured go version run: about 2.2 ms of CPU, split 0 / 2.2 ms by the clock tick.
  const r = await runCli(['report', runFile, '--wide']);
  assert.equal(r.code, 0, r.stderr);
  const line = (label: RegExp): string => r.stdout.split('\n').find((l) => label.test(l)) ?? '';
  assert.match(line(/│ +user CPU/), /< 40\.0 ms/);
  assert.match(line(/│ +sys CPU/), /< 40\.0 ms/);
  assert.match(line(/user\+sys CPU/), /2\.22 ms/);
  assert.match(r.stdout, /user and sys CPU below 40\.0 ms are noise/);
});

test('notes print values with their unit: a slow first run in ms, not raw nanoseconds', async () => {
  const r = await runCli(['report', runFile, '--wide']);
  assert.equal(r.code, 0, r.stderr);
  // The fixture's first go version took 5701514 ns against a median of about 2.4 ms.
  assert.match(
    r.stdout,
    /startup\/go-version: the first run was significantly slower than the rest \(5\.70 ms against a median of 2\.\d\d ms\)/,
  );
  assert.doesNotMatch(r.stdout, /5701514/);
  const md = await runCli(['report', runFile, '--format', 'md']);
  assert.match(md.stdout, /slower than the rest \(5\.70 ms/);
});

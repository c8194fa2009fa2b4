// Chapter 3's claims judged from fixed figures (no go run): what holds, what does not, what
// stays inconclusive and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { judgeModulesClaims, MODULES_CLAIMS } from '../../src/analyze/modules-claims.js';
import type { ModulesSize } from '../../src/analyze/modules-report.js';
import { repoRoot } from '../support/paths.js';

const ms = 1e6;

/** Six rounds around `center` ms, spread ±2%. */
const rounds = (center: number): number[] =>
  [0.98, 1.01, 0.99, 1.02, 1, 1.005].map((f) => f * center * ms);

/** A size with per-command medians by mode; `skip` names modes that cannot run list -m. */
function size(
  modules: number,
  figures: Record<string, Record<string, number>>,
  skip: Record<string, string> = {},
): ModulesSize {
  return {
    modules,
    generated: { modules, depth: 3, fanout: 3, packages: 2, files: 2, seed: 1 },
    packages: 0,
    goFiles: 0,
    sourceBytes: 0,
    zipBytes: 0,
    generateNs: 0,
    commands: (['list-deps', 'list-m', 'build'] as const).map((command) => ({
      command,
      label: command,
      series: Object.entries(figures[command] ?? {}).map(([mode, center]) => ({
        mode,
        wallNs: command === 'list-m' && skip[mode] ? [] : rounds(center),
        skipped: command === 'list-m' ? (skip[mode] ?? null) : null,
      })),
      analysis: { scenarioId: command, metrics: [], best: null, failures: [] },
    })),
  };
}

const OFF = 'go: list -m cannot be used with GO111MODULE=off';

test('every claim quotes chapter 3 of seed-reference.json word for word', () => {
  const data = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'data', 'seed-reference.json'), 'utf8'),
  ) as { otherClaims: { chapter: string; claim: string }[] };
  const chapter3 = data.otherClaims.filter((c) => c.chapter.startsWith('3.')).map((c) => c.claim);
  for (const c of MODULES_CLAIMS) assert.ok(chapter3.includes(c.text), c.text);
  // Each chapter 3 claim is tested by at least one check.
  for (const text of chapter3)
    assert.ok(
      MODULES_CLAIMS.some((c) => c.text === text),
      text,
    );
});

test('claims at 100 modules: GOPATH 4x slower holds, on vs auto does not, off and the scaled ones are inconclusive', () => {
  const checks = judgeModulesClaims([
    size(
      100,
      {
        'list-deps': { module: 50, gopath: 200, vendor: 40 },
        'list-m': { module: 30, gopath: 0, 'auto-in': 30, sumdb: 31 },
      },
      { gopath: OFF },
    ),
  ]);
  const byId = new Map(checks.map((c) => [c.claimId, c]));
  assert.equal(checks.length, MODULES_CLAIMS.length);

  const gopath = byId.get('gopath-vs-modules');
  assert.equal(gopath?.verdict, 'holds');
  assert.match(gopath?.measured ?? '', /at 100 modules: GOPATH mode \/ module mode/);
  assert.match(gopath?.evidence ?? '', /nearest size measured/);

  assert.equal(byId.get('list-m-on-vs-auto')?.verdict, 'does not hold here');
  assert.equal(byId.get('list-m-sumdb')?.verdict, 'does not hold here');

  const off = byId.get('list-m-on-vs-off');
  assert.equal(off?.verdict, 'inconclusive');
  assert.match(off?.evidence ?? '', /gopath cannot run it: go: list -m cannot be used/);

  const vendor = byId.get('vendor-list-deps');
  assert.equal(vendor?.verdict, 'inconclusive');
  assert.match(
    vendor?.evidence ?? '',
    /10000 modules or more.*largest size measured is 100: measured 1\.25×.*--modules 10000/,
  );

  const large = byId.get('list-m-200-modules');
  assert.equal(large?.verdict, 'inconclusive');
  assert.match(large?.evidence ?? '', /200 modules or more/);
});

test('at 200 modules and more the scaled claims are judged', () => {
  const checks = judgeModulesClaims([
    size(10, { 'list-m': { module: 20 } }),
    size(10_000, {
      'list-deps': { module: 27_000, vendor: 1_800, gopath: 20_000 },
      'list-m': { module: 1_500 },
    }),
  ]);
  const byId = new Map(checks.map((c) => [c.claimId, c]));
  assert.equal(byId.get('vendor-list-deps')?.verdict, 'holds');
  assert.match(byId.get('vendor-list-deps')?.measured ?? '', /at 10000 modules/);
  const large = byId.get('list-m-200-modules');
  assert.equal(large?.verdict, 'holds');
  assert.match(large?.evidence ?? '', /taken as 1\.20 s … ∞/);
  // 3.1 is judged at the size nearest 147 on a log scale: 10 here, where gopath was not measured.
  assert.equal(byId.get('gopath-vs-modules')?.verdict, 'inconclusive');
  assert.match(byId.get('gopath-vs-modules')?.evidence ?? '', /gopath was not measured/);
});

test('a large go list -m under 1.2 s does not hold; too few runs is inconclusive', () => {
  const fast = judgeModulesClaims([size(500, { 'list-m': { module: 300 } })]);
  assert.equal(fast.find((c) => c.claimId === 'list-m-200-modules')?.verdict, 'does not hold here');
  const few = size(500, { 'list-m': { module: 300 } });
  const series = few.commands[1]?.series[0];
  assert.ok(series);
  series.wallNs = series.wallNs.slice(0, 3);
  const check = judgeModulesClaims([few]).find((c) => c.claimId === 'list-m-200-modules');
  assert.equal(check?.verdict, 'inconclusive');
  assert.match(check?.evidence ?? '', /too few runs/);
});

test('nothing measured: every claim inconclusive', () => {
  const checks = judgeModulesClaims([]);
  assert.equal(checks.length, MODULES_CLAIMS.length);
  assert.ok(checks.every((c) => c.verdict === 'inconclusive'));
});

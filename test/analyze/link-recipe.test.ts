// The link-flags recipe: the smallest binaries that do not build significantly slower.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLinkFlagsSweep, linkRecipe } from '../../src/analyze/link-recipe.js';
import type { SweepReport } from '../../src/analyze/sweep-report.js';
import type { Configuration, RunRecord } from '../../src/record/run-record.js';

const configurations: Configuration[] = [
  { name: 'default', toolchain: 'go1.26.8', env: {}, build: {} },
  {
    name: 'ldflags=-s_-w',
    toolchain: 'go1.26.8',
    env: {},
    build: { ldflags: '-s -w' },
    params: { ldflags: '-s -w' },
  },
  {
    name: 'trimpath=true',
    toolchain: 'go1.26.8',
    env: {},
    build: { trimpath: true },
    params: { trimpath: 'true' },
  },
  {
    name: 'ldflags=-s_-w/trimpath=true',
    toolchain: 'go1.26.8',
    env: {},
    build: { ldflags: '-s -w', trimpath: true },
    params: { ldflags: '-s -w', trimpath: 'true' },
  },
];

const run = {
  id: 'run-1',
  startedAt: '2026-11-30T19:00:00.000Z',
  config: { configurations },
  fingerprint: { go: { version: 'go version go1.26.8 linux/amd64' } },
  scenarios: [],
} as unknown as RunRecord;

type Change = { d: number; sig: boolean };
function report(sizes: Change[], walls: Change[]): SweepReport {
  const rows = (changes: Change[]) =>
    configurations.map((c, i) => ({
      configuration: c.name,
      params: c.params ?? {},
      n: 5,
      center: 1,
      ciLo: null,
      ciHi: null,
      warnings: [],
      vsBase:
        i === 0
          ? null
          : {
              deltaFraction: changes[i - 1]?.d ?? 0,
              p: 0,
              pHolm: changes[i - 1]?.sig ? 0.001 : 0.5,
              significant: changes[i - 1]?.sig ?? false,
            },
    }));
  return {
    scenarios: [
      {
        scenarioId: 'build/hello-link',
        metrics: [
          { key: 'wallNs', label: 'wall', unit: 'ns', assumption: 'nothing', rows: rows(walls) },
          {
            key: 'binarySizeBytes',
            label: 'size',
            unit: 'bytes',
            assumption: 'exact',
            rows: rows(sizes),
          },
        ],
        best: null,
        failures: [],
      },
    ],
  } as unknown as SweepReport;
}

test('a sweep with configurations changing only ldflags/trimpath is a link-flags sweep', () => {
  assert.equal(isLinkFlagsSweep(run), true);
  const gomaxprocs = {
    ...run,
    config: {
      configurations: [
        configurations[0],
        { name: 'gomaxprocs=1', toolchain: 'go1.26.8', env: { GOMAXPROCS: '1' }, build: {} },
      ],
    },
  } as unknown as RunRecord;
  assert.equal(isLinkFlagsSweep(gomaxprocs), false);
});

test('the smallest binaries win when no build is significantly slower', () => {
  const r = linkRecipe(
    run,
    report(
      [
        { d: -0.3, sig: true },
        { d: -0.01, sig: true },
        { d: -0.31, sig: true },
      ],
      [
        { d: 0.01, sig: false },
        { d: 0.0, sig: false },
        { d: 0.02, sig: false },
      ],
    ),
  );
  assert.equal(r.chosen, 'ldflags=-s_-w/trimpath=true');
  assert.deepEqual(r.build, { ldflags: '-s -w', trimpath: true });
  assert.equal(r.runId, 'run-1');
});

test('a significantly slower build is not taken; with nothing eligible, the default', () => {
  const slower = linkRecipe(
    run,
    report(
      [
        { d: -0.3, sig: true },
        { d: -0.01, sig: true },
        { d: -0.31, sig: true },
      ],
      [
        { d: 0.01, sig: false },
        { d: 0.0, sig: false },
        { d: 0.2, sig: true },
      ],
    ),
  );
  assert.equal(slower.chosen, 'ldflags=-s_-w');
  assert.equal(
    slower.candidates.find((c) => c.configuration === 'ldflags=-s_-w/trimpath=true')?.eligible,
    false,
  );
  const none = linkRecipe(
    run,
    report(
      [
        { d: 0, sig: false },
        { d: 0, sig: false },
        { d: 0, sig: false },
      ],
      [
        { d: 0, sig: false },
        { d: 0, sig: false },
        { d: 0, sig: false },
      ],
    ),
  );
  assert.equal(none.chosen, 'default');
  assert.deepEqual(none.build, {});
});

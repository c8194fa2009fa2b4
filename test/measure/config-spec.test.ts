// `run --config 'NAME: KEY=VALUE ...'`: environment variables, build settings and go=, with
// every mistake one line of bad usage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { parseConfigSpec, parseConfigSpecs } from '../../src/measure/config-spec.js';
import {
  checkSettings,
  combineConfigurations,
  effectiveCache,
  withBuildFlags,
} from '../../src/measure/configurations.js';
import type { Toolchain } from '../../src/record/run-record.js';
import { findScenario } from '../../src/scenarios/catalogue.js';

test('UPPER keys are environment, lower keys build settings, go= the toolchain', () => {
  assert.deepEqual(parseConfigSpec('a: GOGC=50 GOMAXPROCS=2'), {
    name: 'a',
    env: { GOGC: '50', GOMAXPROCS: '2' },
    build: {},
  });
  assert.deepEqual(
    parseConfigSpec(`stripped: ldflags='-s -w' trimpath=true p=2 cache=cold load=1 go=go1.27.3`),
    {
      name: 'stripped',
      env: {},
      build: { ldflags: '-s -w', trimpath: true, p: 2, cache: 'cold', load: 1 },
      go: 'go1.27.3',
    },
  );
  assert.deepEqual(parseConfigSpec('x:GODEBUG="gctrace=1,madvdontneed=1" GOFLAGS='), {
    name: 'x',
    env: { GODEBUG: 'gctrace=1,madvdontneed=1', GOFLAGS: '' },
    build: {},
  });
});

test('bad --config values: one line each, naming what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [['a: gomaxprocs=2'], /--config a: unknown setting "gomaxprocs"/],
    [['a: p=abc'], /p=abc: expected a whole number >= 1/],
    [['a: p=0'], /p=0: expected a whole number >= 1/],
    [['a: cache=hot'], /cache=hot: expected cold or warm/],
    [['a: trimpath=yes'], /trimpath=yes: expected true or false/],
    [['a:'], /--config a sets nothing/],
    [['a:   '], /--config a sets nothing/],
    [[''], /expected 'NAME: KEY=VALUE \.\.\.'/],
    [['GOGC=50'], /expected 'NAME: KEY=VALUE \.\.\.'/],
    [[': GOGC=50'], /expected 'NAME: KEY=VALUE \.\.\.'/],
    [['a b: GOGC=50'], /a configuration name has letters/],
    [['a@b: GOGC=50'], /a configuration name has letters/],
    [['a: GOGC'], /expected KEY=VALUE, got "GOGC"/],
    [['a: GOGC=1 GOGC=2'], /--config a sets GOGC twice/],
    [[`a: ldflags='-s`], /unterminated ' quote/],
    [['a: GOGC=1', 'a: GOGC=2'], /two configurations are named "a"/],
  ];
  for (const [texts, message] of cases) {
    assert.throws(
      () => parseConfigSpecs(texts),
      (err: unknown) =>
        err instanceof UsageError && message.test(err.message) && !err.message.includes('\n'),
      `${JSON.stringify(texts)}`,
    );
  }
});

test('build settings go right after the go subcommand; cache= overrides the cache mode', () => {
  assert.deepEqual(
    withBuildFlags(['{go}', 'build', '-o', '{out}/x', '.'], {
      p: 2,
      ldflags: '-s -w',
      trimpath: true,
    }),
    ['{go}', 'build', '-p', '2', '-ldflags=-s -w', '-trimpath', '-o', '{out}/x', '.'],
  );
  assert.deepEqual(withBuildFlags(['{go}', 'version'], { trimpath: false }), ['{go}', 'version']);
  assert.equal(effectiveCache({ cache: 'warm' }, { cache: 'cold' }), 'fresh');
  assert.equal(effectiveCache({ cache: 'fresh' }, { cache: 'warm' }), 'warm');
  assert.equal(effectiveCache({ cache: 'fresh' }, {}), 'fresh');
});

test('a setting the scenario does not understand is bad usage naming both', () => {
  const version = findScenario('startup/go-version');
  const link = findScenario('build/hello-link');
  assert.ok(version && link);
  checkSettings(link, { name: 'a', build: { p: 1, ldflags: '-s', trimpath: true, cache: 'cold' } });
  checkSettings(version, { name: 'a', build: {} });
  assert.throws(
    () => checkSettings(version, { name: 'fast', build: { p: 2 } }),
    /^UsageError: configuration fast: scenario startup\/go-version does not understand the setting p$/,
  );
  assert.throws(
    () => checkSettings(version, { name: 'c', build: { cache: 'cold' } }),
    /scenario startup\/go-version does not understand the setting cache/,
  );
  // Background load goes with any scenario.
  checkSettings(link, { name: 'l', build: { load: 1 } });
  checkSettings(version, { name: 'l', build: { load: 2 } });
});

const tc = (label: string): Toolchain => ({
  label,
  goPath: `/tc/${label}/bin/go`,
  version: `go version ${label} linux/amd64`,
  requested: label,
  inheritsGoroot: false,
});

test('configurations: toolchains alone, --config alone, and their product named NAME@toolchain', () => {
  const [a, b] = [tc('go1.26.8'), tc('go1.27.3')];
  assert.deepEqual(combineConfigurations([], [a, b], new Map()), [
    { name: 'go1.26.8', toolchain: 'go1.26.8', env: {}, build: {} },
    { name: 'go1.27.3', toolchain: 'go1.27.3', env: {}, build: {} },
  ]);
  const specs = parseConfigSpecs(['x: GOGC=100', 'y: GOGC=50']);
  assert.deepEqual(
    combineConfigurations(specs, [a], new Map()).map((c) => [c.name, c.toolchain, c.env.GOGC]),
    [
      ['x', 'go1.26.8', '100'],
      ['y', 'go1.26.8', '50'],
    ],
  );
  assert.deepEqual(
    combineConfigurations(specs, [a, b], new Map()).map((c) => c.name),
    ['x@go1.26.8', 'x@go1.27.3', 'y@go1.26.8', 'y@go1.27.3'],
  );
  // go= pins a configuration to its toolchain: no product for it.
  const pinned = parseConfigSpecs(['x: GOGC=100', 'slow: go=/w/go GOGC=100']);
  const slow = tc('/w/go');
  assert.deepEqual(
    combineConfigurations(pinned, [a], new Map([['/w/go', slow]])).map((c) => [
      c.name,
      c.toolchain,
    ]),
    [
      ['x', 'go1.26.8'],
      ['slow', '/w/go'],
    ],
  );
});

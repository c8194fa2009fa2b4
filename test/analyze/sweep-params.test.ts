// Sweep parameters: lists, ranges, the product and every way of getting them wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import {
  parseParam,
  parseParams,
  productSize,
  sweepConfigurations,
  sweepPoints,
} from '../../src/analyze/sweep-params.js';
import { planSweep } from '../../src/analyze/sweep-plan.js';

test('lists and ranges: step 1, additive and multiplicative steps, mixed in one list', () => {
  assert.deepEqual(parseParam('GOMAXPROCS=1,2,4'), {
    name: 'GOMAXPROCS',
    kind: 'env',
    values: ['1', '2', '4'],
  });
  assert.deepEqual(parseParam('GOMAXPROCS=1..8').values, ['1', '2', '3', '4', '5', '6', '7', '8']);
  assert.deepEqual(parseParam('p=1..8+2').values, ['1', '3', '5', '7']);
  assert.deepEqual(parseParam('GOGC=50..400*2').values, ['50', '100', '200', '400']);
  assert.deepEqual(parseParam('GOGC=25,50..200*2,off').values, ['25', '50', '100', '200', 'off']);
  assert.deepEqual(parseParam('p=3..3').values, ['3']);
});

test('names: any UPPER environment variable, the build settings, values kept as written', () => {
  assert.equal(parseParam('GOAMD64=v1,v3').kind, 'env');
  assert.equal(parseParam('MY_VAR2=a').kind, 'env');
  assert.equal(parseParam('trimpath=true,false').kind, 'build');
  assert.deepEqual(parseParam('ldflags=-s -w').values, ['-s -w']);
  assert.deepEqual(parseParam('cache=cold,warm').values, ['cold', 'warm']);
  // A comma inside a value is written \, (GODEBUG takes comma-separated settings).
  assert.deepEqual(parseParam('GODEBUG=gctrace=1\\,madvdontneed=1,gctrace=0').values, [
    'gctrace=1,madvdontneed=1',
    'gctrace=0',
  ]);
});

test('bad input: one line each, a UsageError (exit 2)', () => {
  const bad: [string[], RegExp][] = [
    [['gomaxprocs=1,2'], /--param gomaxprocs: unknown parameter .*UPPER case.*p, ldflags/],
    [['go=go1.25'], /unknown parameter/],
    [['Gomaxprocs=1'], /unknown parameter/],
    [['GOMAXPROCS='], /GOMAXPROCS: no values/],
    [['GOMAXPROCS'], /expected NAME=VALUES/],
    [['=1,2'], /expected NAME=VALUES/],
    [['GOMAXPROCS=1,,2'], /an empty value/],
    [['GOMAXPROCS=1,'], /an empty value/],
    [['GOMAXPROCS=8..1'], /range 8\.\.1 runs backwards/],
    [['GOMAXPROCS=1..x'], /"1\.\.x" is not a range/],
    [['GOMAXPROCS=1...4'], /is not a range/],
    [['GOMAXPROCS=1..8+0'], /needs a step >= 1/],
    [['GOGC=0..400*2'], /start >= 1 and a factor >= 2/],
    [['GOGC=50..400*1'], /factor >= 2/],
    [['GOMAXPROCS=1..100000'], /more than 10000 values/],
    [['GOMAXPROCS=1,2,1'], /the value "1" is given twice/],
    [['GOMAXPROCS=1..4,3'], /the value "3" is given twice/],
    [['GOMAXPROCS=1', 'p=1', 'GOMAXPROCS=2'], /--param GOMAXPROCS is given twice/],
  ];
  for (const [texts, message] of bad) {
    assert.throws(
      () => parseParams(texts),
      (err: unknown) =>
        err instanceof UsageError && message.test(err.message) && !err.message.includes('\n'),
      texts.join(' '),
    );
  }
});

test('the product: parameter order, first parameter slowest, names as Go benchmark keys', () => {
  const params = parseParams(['GOMAXPROCS=1,2', 'p=1,2', 'ldflags=-s -w']);
  assert.equal(productSize(params), 4);
  assert.deepEqual(
    sweepPoints(params).map((p) => p.name),
    [
      'gomaxprocs=1/p=1/ldflags=-s_-w',
      'gomaxprocs=1/p=2/ldflags=-s_-w',
      'gomaxprocs=2/p=1/ldflags=-s_-w',
      'gomaxprocs=2/p=2/ldflags=-s_-w',
    ],
  );
  assert.deepEqual(sweepPoints(params)[1]?.params, { GOMAXPROCS: '1', p: '2', ldflags: '-s -w' });
  // Object key order is the parameter order, also for names that look like numbers.
  assert.deepEqual(Object.keys(sweepPoints(parseParams(['p=1', 'GOGC=1']))[0]?.params ?? {}), [
    'p',
    'GOGC',
  ]);
});

test('more than 500 configurations need --yes; values that name alike are refused', () => {
  const big = parseParams(['GOMAXPROCS=1..30', 'GOGC=1..20']);
  assert.equal(productSize(big), 600);
  assert.throws(() => sweepPoints(big), /600 configurations \(more than 500\); .* add --yes/);
  assert.equal(sweepPoints(big, true).length, 600);
  assert.equal(sweepPoints(parseParams(['GOMAXPROCS=1..25', 'GOGC=1..20'])).length, 500);
  assert.throws(
    () => sweepPoints(parseParams(['ldflags=-s -w,-s_-w'])),
    /two values of the sweep are both named ldflags=-s_-w/,
  );
});

test('configurations: default first with no settings, then each point converted as --config does', () => {
  const points = sweepPoints(
    parseParams(['GOMAXPROCS=1,2', 'p=4', 'trimpath=true', 'ldflags=-s -w', 'cache=cold']),
  );
  const [base, first] = sweepConfigurations(points, 'go1.26.8');
  assert.deepEqual(base, { name: 'default', toolchain: 'go1.26.8', env: {}, build: {} });
  assert.deepEqual(first, {
    name: 'gomaxprocs=1/p=4/trimpath=true/ldflags=-s_-w/cache=cold',
    toolchain: 'go1.26.8',
    env: { GOMAXPROCS: '1' },
    build: { p: 4, trimpath: true, ldflags: '-s -w', cache: 'cold' },
    params: { GOMAXPROCS: '1', p: '4', trimpath: 'true', ldflags: '-s -w', cache: 'cold' },
  });
  for (const bad of ['p=0', 'p=two', 'trimpath=yes', 'cache=hot', 'load=-1'])
    assert.throws(
      () => sweepConfigurations(sweepPoints(parseParams([bad])), 'go'),
      (err: unknown) =>
        err instanceof UsageError && err.message.startsWith(`--param ${bad.split('=')[0]}: `),
      bad,
    );
});

test('the plan: scenarios with their run counts; a setting a scenario does not understand is refused', () => {
  const points = sweepPoints(parseParams(['GOMAXPROCS=1,2', 'p=1,2']));
  const { plan, configurations } = planSweep({
    scenarios: ['build/net-http-cold'],
    points,
    toolchain: 'go1.26.8',
    runs: 6,
  });
  assert.deepEqual(
    plan.map((p) => [p.scenario.id, p.warmup, p.runs]),
    [['build/net-http-cold', 0, 6]],
  );
  assert.equal(configurations.length, 5);
  assert.throws(
    () => planSweep({ scenarios: ['startup/go-version'], points, toolchain: 'go' }),
    /configuration gomaxprocs=1\/p=1: scenario startup\/go-version does not understand the setting p/,
  );
  const cache = sweepPoints(parseParams(['cache=cold,warm']));
  assert.throws(
    () =>
      planSweep({
        scenarios: ['startup/go-version'],
        points: cache,
        toolchain: 'go',
      }),
    /does not understand the setting cache/,
  );
  assert.throws(
    () => planSweep({ scenarios: ['build/nope'], points, toolchain: 'go' }),
    /unknown scenario "build\/nope"/,
  );
});

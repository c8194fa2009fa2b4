import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlledEnv, goRelevant, parseEnvAssignment } from '../../src/measure/controlled-env.js';

const paths = { gocache: '/p/cache', gomodcache: '/p/mod', tmpdir: '/p/tmp' };

test('fixes the documented defaults and private directories over the user environment', () => {
  const env = controlledEnv(
    {
      PATH: '/bin',
      GOMAXPROCS: '1',
      GOCACHE: '/home/u/.cache/go-build',
      GOFLAGS: '-mod=vendor',
      CGO_ENABLED: '1',
    },
    paths,
    {},
  );
  assert.equal(env.PATH, '/bin');
  assert.equal(env.GOMAXPROCS, undefined);
  assert.equal(env.CGO_ENABLED, '0');
  assert.equal(env.GOTOOLCHAIN, 'local');
  assert.equal(env.GOFLAGS, '');
  assert.equal(env.GOCACHE, '/p/cache');
  assert.equal(env.GOMODCACHE, '/p/mod');
  assert.equal(env.TMPDIR, '/p/tmp');
});

test('--env pairs are applied last', () => {
  const env = controlledEnv({}, paths, { GOMAXPROCS: '1', GOFLAGS: '-trimpath' });
  assert.equal(env.GOMAXPROCS, '1');
  assert.equal(env.GOFLAGS, '-trimpath');
});

test('records only the Go-related variables', () => {
  assert.deepEqual(
    goRelevant({ PATH: '/bin', GOFLAGS: '', CGO_ENABLED: '0', TMPDIR: '/t', HOME: '/h' }),
    {
      CGO_ENABLED: '0',
      GOFLAGS: '',
      TMPDIR: '/t',
    },
  );
});

test('parses KEY=VALUE, keeping = in values', () => {
  assert.deepEqual(parseEnvAssignment('GOFLAGS=-ldflags=-s'), ['GOFLAGS', '-ldflags=-s']);
  assert.deepEqual(parseEnvAssignment('EMPTY='), ['EMPTY', '']);
  assert.equal(parseEnvAssignment('novalue'), null);
  assert.equal(parseEnvAssignment('=x'), null);
  assert.equal(parseEnvAssignment('1BAD=x'), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { goEnvFilePath, readGoEnvFile, userGoCacheDir } from '../../src/probe/go-env-file.js';
import { parseGoEnvFile } from '../../src/parse/go-env-file.js';
import { tempDir } from '../support/cli.js';

test('locates the go env file as cmd/go does', () => {
  assert.equal(goEnvFilePath({ HOME: '/home/u' }), '/home/u/.config/go/env');
  assert.equal(goEnvFilePath({ HOME: '/home/u', XDG_CONFIG_HOME: '/cfg' }), '/cfg/go/env');
  assert.equal(goEnvFilePath({ GOENV: '/etc/goenv' }), '/etc/goenv');
  assert.equal(goEnvFilePath({ GOENV: 'off', HOME: '/home/u' }), null);
});

test('parses the go env file format', () => {
  assert.deepEqual(parseGoEnvFile('GOFLAGS=-buildvcs=false\n\n# note\nGOTOOLCHAIN=local\n'), {
    GOFLAGS: '-buildvcs=false',
    GOTOOLCHAIN: 'local',
  });
});

test("finds the user's GOCACHE from the environment, the go env file, or the default", () => {
  const home = tempDir('gbtest-home-');
  mkdirSync(path.join(home, '.config', 'go'), { recursive: true });
  writeFileSync(path.join(home, '.config', 'go', 'env'), 'GOCACHE=/from/file\n');
  const file = readGoEnvFile({ HOME: home });
  assert.deepEqual(file, {
    path: path.join(home, '.config', 'go', 'env'),
    settings: { GOCACHE: '/from/file' },
  });
  assert.equal(userGoCacheDir({ HOME: home, GOCACHE: '/from/env' }, file), '/from/env');
  assert.equal(userGoCacheDir({ HOME: home }, file), '/from/file');
  assert.equal(userGoCacheDir({ HOME: home }, null), path.join(home, '.cache', 'go-build'));
  assert.equal(userGoCacheDir({ HOME: home, XDG_CACHE_HOME: '/xc' }, null), '/xc/go-build');
  assert.deepEqual(readGoEnvFile({ HOME: '/nonexistent' })?.settings, {});
});

// Preparing the user's module: checks of the directory and the download's network settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkProjectDir, networkSettingsFromFile } from '../../src/measure/project.js';
import { tempDir } from '../support/cli.js';

test('checkProjectDir: a module root passes; a missing path, a file or no go.mod is a usage error', () => {
  const dir = tempDir();
  assert.throws(() => checkProjectDir(dir), /no go\.mod there/);
  writeFileSync(path.join(dir, 'go.mod'), 'module m\n');
  assert.equal(checkProjectDir(dir), dir);
  assert.throws(() => checkProjectDir(path.join(dir, 'go.mod')), /not a directory/);
  assert.throws(() => checkProjectDir(path.join(dir, 'nope')), /no such directory/);
});

test("the download reaches the proxy the user's go env file names, unless the environment overrides it", () => {
  const file = { GOPROXY: 'https://corp.example/proxy', GOPRIVATE: 'corp.example', GOFLAGS: '-x' };
  assert.deepEqual(networkSettingsFromFile({}, file), {
    GOPROXY: 'https://corp.example/proxy',
    GOPRIVATE: 'corp.example',
  });
  assert.deepEqual(networkSettingsFromFile({ GOPROXY: 'direct' }, file), {
    GOPRIVATE: 'corp.example',
  });
});

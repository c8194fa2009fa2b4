import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { symlinksOutOf } from '../../src/analyze/goroot-copy-check.js';
import { tempDir } from '../support/cli.js';

test('finds the entries of a GOROOT copy that link out of it (as Debian links src/)', async () => {
  const base = tempDir();
  const shared = path.join(base, 'share', 'go', 'src');
  const copy = path.join(base, 'copy');
  mkdirSync(shared, { recursive: true });
  mkdirSync(path.join(copy, 'pkg', 'tool'), { recursive: true });
  mkdirSync(path.join(copy, 'bin'), { recursive: true });
  symlinkSync(shared, path.join(copy, 'src')); // out of the copy
  symlinkSync('tool', path.join(copy, 'pkg', 'tool-link')); // inside: fine
  symlinkSync('../../nowhere/include', path.join(copy, 'pkg', 'include')); // dangling
  assert.deepEqual((await symlinksOutOf(copy)).sort(), ['pkg/include', 'src']);
});

test('a self-contained copy has none', async () => {
  const copy = tempDir();
  mkdirSync(path.join(copy, 'src'));
  symlinkSync('src', path.join(copy, 'src-link'));
  assert.deepEqual(await symlinksOutOf(copy), []);
});

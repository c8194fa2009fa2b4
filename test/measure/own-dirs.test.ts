// gobaseline's own directories are made one level at a time, and a path that cannot be used is
// refused with the reason, at once: never Node 20's endless mkdir(recursive) on /proc/nope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../src/errors.js';
import { ensureDir } from '../../src/measure/own-dirs.js';
import { dirWriteProblem, fileWriteProblem } from '../../src/probe/writable.js';
import { tempDir } from '../support/cli.js';

test('ensureDir creates the missing levels of its own directory and returns the path', () => {
  const base = tempDir();
  const dir = path.join(base, 'a', 'b', 'c');
  assert.equal(ensureDir(dir), dir);
  assert.ok(statSync(dir).isDirectory());
  assert.equal(ensureDir(dir), dir, 'an existing directory is fine');
});

test("ensureDir 'self' creates the directory but never its missing parent", () => {
  const base = tempDir();
  const dir = path.join(base, 'missing', 'out');
  assert.throws(
    () => ensureDir(dir, `--save-trace ${dir}`, 'self'),
    (err: Error) =>
      err instanceof UsageError &&
      /^--save-trace .*: directory .*missing does not exist$/.test(err.message),
  );
  assert.equal(existsSync(path.join(base, 'missing')), false);
  assert.ok(statSync(ensureDir(path.join(base, 'out'), 'out', 'self')).isDirectory());
});

test('paths under /proc, under a file, or a directory given as a file are refused with the reason', () => {
  assert.match(
    dirWriteProblem('/proc/nope/a/b', 'parents') ?? '',
    /\/proc is on the kernel's proc filesystem/,
  );
  assert.throws(() => ensureDir('/proc/nope/gobaseline'), /proc filesystem/);
  assert.match(dirWriteProblem('/sys/nope', 'parents') ?? '', /sysfs/);
  assert.equal(fileWriteProblem('/etc/passwd/x.json'), '/etc/passwd is not a directory');
  assert.equal(dirWriteProblem('/etc/passwd', 'self'), '/etc/passwd is not a directory');
  const base = tempDir();
  assert.equal(fileWriteProblem(base), `${base} is a directory`);
  assert.equal(fileWriteProblem(path.join(base, 'new.json')), null);
  writeFileSync(path.join(base, 'old.json'), '{}');
  assert.equal(fileWriteProblem(path.join(base, 'old.json')), null, 'an existing file is replaced');
  assert.equal(fileWriteProblem('/dev/null'), null, 'a device is written in place');
});

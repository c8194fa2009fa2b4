// The real CommandRunner with real commands: failures are data from run() and one-line errors
// from runOrFail(); tools are timed by Node; Ctrl-C becomes InterruptedError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError, InterruptedError } from '../../src/errors.js';
import { realCommandRunner } from '../../src/measure/command-runner.js';
import { ensureHelper } from '../../src/measure/helper.js';
import { copyTree } from '../../src/measure/tools.js';
import { tempDir } from '../support/cli.js';

async function runner(signal = new AbortController().signal) {
  const helper = await ensureHelper();
  return realCommandRunner({
    helperPath: helper.kind === 'built' ? helper.path : null,
    timeoutMs: 30_000,
    signal,
  });
}

test('run: a failing command is a result, not an exception', async () => {
  const r = await (await runner()).run({ argv: ['sh', '-c', 'echo no >&2; exit 4'], cwd: '/' });
  assert.equal(r.exitCode, 4);
  assert.equal(r.stderr, 'no\n');
});

test('runOrFail: one line naming the command, the reason and its complaint', async () => {
  await assert.rejects(
    (await runner()).runOrFail({
      argv: ['/bin/sh', '-c', 'echo "first line" >&2; echo second >&2; echo third >&2; exit 2'],
      cwd: '/',
    }),
    (err: unknown) =>
      err instanceof EnvironmentError &&
      err.exitCode === 3 &&
      err.message ===
        '`sh -c echo "first line" >&2; echo second >&2; echo third >&2; exit 2` failed (exit status 2): first line; second',
  );
});

test('runOrFail after Ctrl-C: InterruptedError, nothing is started', async () => {
  const controller = new AbortController();
  controller.abort();
  const dir = tempDir();
  await assert.rejects(
    (await runner(controller.signal)).runOrFail({
      argv: ['touch', path.join(dir, 'ran')],
      cwd: dir,
    }),
    InterruptedError,
  );
  assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
});

test('a timeout kills the command and says so', async () => {
  const r = await (await runner()).run({ argv: ['sleep', '5'], cwd: '/', timeoutMs: 200 });
  assert.equal(r.timedOut, true);
});

test('copyTree: cp -a through the runner, timed by Node; a failure names the copy', async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'f'), 'x');
  fs.symlinkSync('f', path.join(dir, 'src', 'link'));
  const r = await runner();
  const ns = await copyTree(r, path.join(dir, 'src'), path.join(dir, 'dst'));
  assert.ok(ns > 0);
  assert.equal(fs.readlinkSync(path.join(dir, 'dst', 'link')), 'f', 'symlinks kept');
  await assert.rejects(
    copyTree(r, path.join(dir, 'missing'), path.join(dir, 'dst2')),
    /`cp -a -- .*missing .*dst2` failed \(exit status 1\): cp: cannot stat/,
  );
});

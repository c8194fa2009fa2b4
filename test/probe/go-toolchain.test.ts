import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ToolchainError } from '../../src/probe/errors.js';
import { findGoOnPath, queryGo, resolveGo } from '../../src/probe/go-toolchain.js';
import { findOnPath } from '../../src/probe/path-search.js';
import { probeFixturePath } from './fixtures.js';
import { goEnv, realGo, scratch } from './go-env.js';

const posix = process.platform !== 'win32';

function script(name: string, body: string, mode = 0o755): string {
  const file = path.join(scratch, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode });
  return file;
}

/** Assert `fn` rejects with a ToolchainError whose whole message is `message`. */
async function rejectsWith(fn: () => Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(fn, (err: unknown) => {
    assert.ok(err instanceof ToolchainError, `expected ToolchainError, got ${String(err)}`);
    assert.equal(err.message, message);
    assert.equal(err.exitCode, 3);
    assert.equal(err.name, 'ToolchainError');
    return true;
  });
}

describe('finding go', () => {
  test(
    'findGoOnPath: first executable go wins; missing dirs and non-executables are skipped',
    { skip: !posix },
    () => {
      script('a/go', 'exit 0', 0o644);
      const b = script('b/go', 'exit 0');
      script('c/go', 'exit 0');
      fs.mkdirSync(path.join(scratch, 'd/go'), { recursive: true });
      const list = [
        '/nonexistent',
        path.join(scratch, 'd'),
        path.join(scratch, 'a'),
        '',
        path.join(scratch, 'b'),
        path.join(scratch, 'c'),
      ];
      assert.equal(findGoOnPath(list.join(path.delimiter)), b);
    },
  );

  test('findGoOnPath: empty or unset PATH finds nothing', () => {
    assert.equal(findGoOnPath(undefined), null);
    assert.equal(findGoOnPath(''), null);
    assert.equal(findOnPath('go', path.delimiter), null);
  });

  test('findGoOnPath finds the real toolchain', { skip: realGo === null }, () => {
    const dir = path.dirname(realGo ?? '');
    assert.equal(findGoOnPath(['/nonexistent', dir].join(path.delimiter)), realGo);
  });

  test('resolveGo with an empty PATH: "no go found"', () => {
    assert.throws(
      () => resolveGo(undefined, { PATH: '' }),
      (err: unknown) =>
        err instanceof ToolchainError &&
        err.exitCode === 3 &&
        err.message === 'no `go` found on PATH; install Go or pass --go /path/to/go',
    );
    assert.throws(() => resolveGo(undefined, {}), ToolchainError);
    assert.throws(() => resolveGo('', {}), ToolchainError);
  });

  test('resolveGo with an explicit path that does not exist or is not executable', () => {
    assert.throws(() => resolveGo('/nonexistent/bin/go', process.env), {
      name: 'ToolchainError',
      message: 'no Go toolchain at /nonexistent/bin/go',
    });
    const notExecutable = probeFixturePath('this-vm/version.txt');
    assert.throws(() => resolveGo(notExecutable, process.env), {
      message: `no Go toolchain at ${notExecutable}`,
    });
    assert.throws(() => resolveGo(os.tmpdir(), process.env), {
      message: `no Go toolchain at ${os.tmpdir()}`,
    });
  });

  test(
    'resolveGo: explicit path wins over PATH and is made absolute',
    { skip: realGo === null },
    () => {
      const go = realGo ?? '';
      assert.equal(resolveGo(go, { PATH: '' }), go);
      assert.equal(resolveGo(undefined, { PATH: path.dirname(go) }), go);
      const relative = path.relative(process.cwd(), go);
      assert.equal(resolveGo(relative, { PATH: '' }), go);
    },
  );
});

describe('querying go', () => {
  test(
    'real toolchain: version line and go env -json with our GOCACHE',
    { skip: realGo === null },
    async () => {
      const info = await queryGo(realGo ?? '', goEnv());
      assert.equal(info.path, fs.realpathSync(realGo ?? ''));
      assert.match(info.version, /^go version go1\.\d+(\.\d+)?\S* \S+\/\S+$/);
      assert.equal(info.env.GOCACHE, path.join(scratch, 'gocache'));
      assert.equal(info.env.GOTOOLCHAIN, 'local');
      // GOFLAGS= (empty) does not override a GOFLAGS set in the user's go env file (GOENV), so
      // GOFLAGS is whatever that file says; we only check it is reported.
      assert.equal(typeof info.env.GOFLAGS, 'string');
      assert.ok(info.env.GOROOT && fs.existsSync(info.env.GOROOT));
      assert.equal(typeof info.env.GOARCH, 'string');
    },
  );

  test(
    'a relative go path is taken from our cwd, not go’s',
    { skip: realGo === null },
    async () => {
      fs.mkdirSync(path.join(scratch, 'rel/bin'), { recursive: true });
      fs.symlinkSync(realGo ?? '', path.join(scratch, 'rel/bin/go'));
      const previous = process.cwd();
      process.chdir(path.join(scratch, 'rel'));
      try {
        const info = await queryGo('bin/go', goEnv(), os.tmpdir());
        assert.equal(info.path, fs.realpathSync(realGo ?? ''));
      } finally {
        process.chdir(previous);
      }
    },
  );

  test(
    "bad GOROOT: ToolchainError quoting go's first stderr line",
    { skip: realGo === null },
    async () => {
      await rejectsWith(
        () => queryGo(realGo ?? '', goEnv({ GOROOT: '/nonexistent' })),
        `the Go toolchain at ${realGo} does not work: go: cannot find GOROOT directory: /nonexistent`,
      );
    },
  );

  test('bad GOFLAGS breaks go env', { skip: realGo === null }, async () => {
    await assert.rejects(
      () => queryGo(realGo ?? '', goEnv({ GOFLAGS: '-no-such-flag' })),
      (err: unknown) =>
        err instanceof ToolchainError &&
        err.message.startsWith(`the Go toolchain at ${realGo} does not work: go: `) &&
        err.message.includes('-no-such-flag') &&
        !err.message.includes('\n'),
    );
  });

  test('non-existent go path', async () => {
    await rejectsWith(
      () => queryGo('/nonexistent/bin/go', goEnv()),
      'no Go toolchain at /nonexistent/bin/go',
    );
  });

  test(
    'only the first stderr line is quoted; silent failures give the exit status',
    { skip: !posix },
    async () => {
      const noisy = script(
        'noisy/go',
        'echo >&2; echo "go: first problem" >&2; echo "second line" >&2; exit 1',
      );
      await rejectsWith(
        () => queryGo(noisy, goEnv()),
        `the Go toolchain at ${noisy} does not work: go: first problem`,
      );
      const silent = script('silent/go', 'exit 7');
      await rejectsWith(
        () => queryGo(silent, goEnv()),
        `the Go toolchain at ${silent} does not work: go version exited with status 7`,
      );
    },
  );

  test('go version works but go env -json does not', { skip: !posix }, async () => {
    const half = script(
      'half/go',
      'if [ "$1" = version ]; then echo "go version go1.99.0 linux/amd64"; exit 0; fi\necho "go: env is broken" >&2; exit 2',
    );
    await rejectsWith(
      () => queryGo(half, goEnv()),
      `the Go toolchain at ${half} does not work: go: env is broken`,
    );
  });

  test('something that is not go', { skip: !posix }, async () => {
    const impostor = script('impostor/go', 'echo hello');
    await rejectsWith(
      () => queryGo(impostor, goEnv()),
      `the Go toolchain at ${impostor} does not work: unexpected \`go version\` output: "hello"`,
    );
  });
});

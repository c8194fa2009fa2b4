import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROBED_TOOLS, takeFingerprint, ToolchainError } from '../../src/probe/index.js';
import { goEnv, realGo, scratch } from './go-env.js';

test(
  'fingerprint of this machine with the real Go toolchain',
  { skip: realGo === null },
  async () => {
    const fp = await takeFingerprint({ goPath: realGo ?? '', env: goEnv() });
    assert.equal(fp.schema, 1);
    assert.ok(Math.abs(Date.parse(fp.takenAt) - Date.now()) < 60_000);
    assert.equal(fp.os.platform, os.platform());
    assert.equal(fp.os.arch, os.arch());
    assert.equal(fp.go.path, fs.realpathSync(realGo ?? ''));
    assert.match(fp.go.version, /^go version go1\./);
    assert.equal(fp.go.env.GOCACHE, path.join(scratch, 'gocache'), 'never the default GOCACHE');
    assert.equal(fp.go.env.GOTOOLCHAIN, 'local');
    assert.ok(fp.cpu.threads >= 1);
    assert.ok(fp.memory.totalBytes > 0);
    assert.ok(
      fp.memory.availableBytes === null || fp.memory.availableBytes <= fp.memory.totalBytes,
    );
    assert.ok(fp.load.loadAvg1 >= 0);
    assert.deepEqual(Object.keys(fp.tools).sort(), [...PROBED_TOOLS].sort());
    for (const [name, where] of Object.entries(fp.tools)) {
      assert.ok(where === null || path.basename(where) === name, `${name}: ${where}`);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(fp)), fp, 'plain JSON data');
    if (os.platform() === 'linux') {
      assert.notEqual(fp.os.kernelVersion, null);
      assert.notEqual(fp.cgroup.version, null);
    }
  },
);

test(
  'tools are looked up on the PATH of the given environment',
  { skip: realGo === null },
  async () => {
    const fp = await takeFingerprint({ goPath: realGo ?? '', env: goEnv({ PATH: '' }) });
    assert.ok(Object.values(fp.tools).every((p) => p === null));
  },
);

test(
  'bad GOROOT: one-line ToolchainError with exit code 3',
  { skip: realGo === null },
  async () => {
    await assert.rejects(
      () => takeFingerprint({ goPath: realGo ?? '', env: goEnv({ GOROOT: '/nonexistent' }) }),
      (err: unknown) => {
        assert.ok(err instanceof ToolchainError);
        assert.equal(
          err.message,
          `the Go toolchain at ${realGo} does not work: go: cannot find GOROOT directory: /nonexistent`,
        );
        assert.equal(err.exitCode, 3);
        return true;
      },
    );
  },
);

test('non-existent go path', async () => {
  await assert.rejects(() => takeFingerprint({ goPath: '/nonexistent/go/bin/go', env: goEnv() }), {
    name: 'ToolchainError',
    message: 'no Go toolchain at /nonexistent/go/bin/go',
  });
});

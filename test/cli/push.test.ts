// `run --push` and `push` against a real `serve`: a run measured while the server is down is
// saved and queued, `push` fails (exit 3) while it stays down and sends it once it is up; the
// server stores it once, with its labels. Bad --push options are refused before measuring.
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startServe } from '../../bench/serve-process.js';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli, tempDir } from '../support/cli.js';

/** A loopback port nothing listens on (for a while). */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('run --push and push', () => {
  it('keeps a run queued while the server is down, and pushes it once it is up, exactly once', async () => {
    const dir = tempDir();
    const serverDb = path.join(dir, 'server.db');
    const localDb = path.join(dir, 'local.db');
    const env = cliEnv();
    const created = await runCli(['token', 'create', '--scope', 'write', '--db', serverDb], env);
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim();
    assert.match(token, /^gbt_[A-Za-z0-9_-]{43}$/);

    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const measured = await runCli(
      [
        'run',
        '--scenario',
        'startup/go-version',
        '--runs',
        '2',
        '--warmup',
        '0',
        '--no-canary',
        '--quiet',
      ].concat(['--db', localDb, '--label', 'commit=abc', '--push', url, '--token', token]),
      env,
    );
    assert.equal(measured.code, 0, measured.stderr);
    assert.match(
      measured.stderr,
      /gobaseline: cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED; the run stays saved here and queued: gobaseline push sends it later/,
    );
    const local = await openStore(localDb, {}, { importRuns: false });
    const [run] = await local.listRuns();
    assert.ok(run);
    assert.deepEqual(
      (await local.pendingPushes()).map((p) => [p.runId, p.target]),
      [[run.runId, url]],
    );
    await local.close();

    const stillDown = await runCli(['push', '--db', localDb, '--token', token], env);
    assert.equal(stillDown.code, 3, stillDown.stderr);
    assert.match(stillDown.stderr, /pushed 0 runs to http:\/\/127\.0\.0\.1:\d+; 1 still queued/);

    const server = await startServe(serverDb, { port, env });
    try {
      const up = await runCli(['push', '--db', localDb], { ...env, GOBASELINE_TOKEN: token });
      assert.equal(up.code, 0, up.stderr);
      assert.match(up.stderr, /pushed 1 run to http:\/\/127\.0\.0\.1:\d+\n/);
      const again = await runCli(['push', '--db', localDb, '--token', token], env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stderr, /nothing to push/);
      const listed = (await (await fetch(`${server.url}/api/v1/runs`)).json()) as {
        runs: { runId: string; labels: Record<string, string> }[];
      };
      assert.deepEqual(
        listed.runs.map((r) => [r.runId, r.labels]),
        [[run.runId, { commit: 'abc' }]],
      );
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('refuses a bad --push before measuring: no token, not a URL, with --no-save', async () => {
    const env = cliEnv({ GOBASELINE_TOKEN: undefined });
    const run = ['run', '--scenario', 'startup/go-version', '--runs', '2'];
    const cases: [string[], RegExp][] = [
      [
        ['--push', 'http://127.0.0.1:1'],
        /pushing needs a write token: --token TOKEN or GOBASELINE_TOKEN/,
      ],
      [
        ['--push', 'ftp://x', '--token', 't'],
        /--push: "ftp:\/\/x" is not an http:\/\/ or https:\/\/ URL/,
      ],
      [
        ['--push', 'http://127.0.0.1:1', '--token', 't', '--no-save'],
        /--push saves the run here first/,
      ],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli([...run, ...extra], env);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n.+/); // one line
    }
  });
});

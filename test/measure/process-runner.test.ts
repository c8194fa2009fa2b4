import { test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ensureHelper } from '../../src/measure/helper.js';
import { runMeasured, succeeded } from '../../src/measure/process-runner.js';
import type { CommandSpec } from '../../src/measure/process-runner.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const spec = (argv: string[], extra: Partial<CommandSpec> = {}): CommandSpec => ({
  argv,
  env,
  cwd: '/',
  ...extra,
});

async function helperPath(): Promise<string> {
  const h = await ensureHelper();
  assert.equal(h.kind, 'built', h.kind === 'unavailable' ? h.reason : '');
  return h.kind === 'built' ? h.path : '';
}

test('the helper reports wall time, CPU, peak RSS and exit status of a real command', async () => {
  const r = await runMeasured(
    spec(['sh', '-c', 'echo out; echo err >&2; exit 3'], { captureStdout: true }),
    await helperPath(),
  );
  assert.equal(r.measuredBy, 'rusage-exec');
  assert.equal(r.exitCode, 3);
  assert.equal(succeeded(r), false);
  assert.equal(r.stdout, 'out\n');
  assert.equal(r.stderr, 'err\n');
  assert.ok(r.wallNs > 0);
  assert.ok(r.userNs !== null && r.sysNs !== null);
  assert.ok(r.peakRssBytes !== null && r.peakRssBytes > 0);
});

test('the RSS floor the helper adds is negligible: /bin/true peaks under 3 MiB', async () => {
  // A child's ru_maxrss includes the forking process's high-water mark; forking from Node
  // would put ~50 MiB here. The C helper keeps it at the size of a minimal process.
  const r = await runMeasured(spec(['/bin/true']), await helperPath());
  assert.equal(r.exitCode, 0);
  assert.ok(r.peakRssBytes !== null && r.peakRssBytes < 3 * 1024 * 1024, `${r.peakRssBytes}`);
});

test('stdout is discarded unless asked for, as hyperfine does', async () => {
  const r = await runMeasured(spec(['sh', '-c', 'echo out; echo err >&2']), await helperPath());
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'err\n');
});

test('a program that does not exist is a spawn error, not a timing', async () => {
  const r = await runMeasured(spec(['/nonexistent/program']), await helperPath());
  assert.equal(r.spawnError, 'No such file or directory');
  assert.equal(succeeded(r), false);
});

test('a timeout kills the whole process group and marks the run', async () => {
  const r = await runMeasured(
    spec(['sh', '-c', 'sleep 30 & sleep 30'], { timeoutMs: 200 }),
    await helperPath(),
  );
  assert.equal(r.timedOut, true);
  assert.equal(r.signal, 'SIGTERM');
  assert.equal(succeeded(r), false);
});

test('an abort signal interrupts the command', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const r = await runMeasured(
    spec(['sleep', '30'], { signal: controller.signal }),
    await helperPath(),
  );
  assert.equal(r.interrupted, true);
  assert.equal(succeeded(r), false);
});

test('a command stopped before it starts is not run at all', async () => {
  const marker = path.join(os.tmpdir(), `gbtest-not-run-${process.pid}`);
  const controller = new AbortController();
  controller.abort();
  const r = await runMeasured(
    spec(['sh', '-c', `touch ${marker}`], { signal: controller.signal }),
    await helperPath(),
  );
  assert.equal(r.interrupted, true);
  assert.equal(succeeded(r), false);
  assert.equal(fs.existsSync(marker), false);
});

test('without the helper, Node measures wall time only', async () => {
  const r = await runMeasured(spec(['sh', '-c', 'exit 0']), null);
  assert.equal(r.measuredBy, 'node');
  assert.equal(r.exitCode, 0);
  assert.ok(r.wallNs > 0);
  assert.equal(r.userNs, null);
  assert.equal(r.peakRssBytes, null);
  const missing = await runMeasured(spec(['/nonexistent/program']), null);
  assert.match(missing.spawnError ?? '', /ENOENT/);
});

test('GOBASELINE_HELPER=node disables the helper', async () => {
  const h = await ensureHelper({ ...process.env, GOBASELINE_HELPER: 'node' });
  assert.equal(h.kind, 'unavailable');
});

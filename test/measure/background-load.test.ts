// The background load is never left running: not after stop(), not after Ctrl-C (the abort
// signal), not after gobaseline itself is killed with SIGKILL. Real membw processes built with
// the real go (once, into gobaseline's cache directory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { loadStarter, startLoad } from '../../src/measure/background-load.js';
import { ensureMembw, measureMemoryBandwidth, parseBandwidth } from '../../src/measure/membw.js';
import { resolveGo } from '../../src/probe/index.js';
import { repoRoot } from '../support/paths.js';

async function membw(): Promise<string> {
  const built = await ensureMembw(resolveGo(undefined, process.env));
  assert.equal(built.kind, 'built', built.kind === 'unavailable' ? built.reason : '');
  return built.kind === 'built' ? built.path : '';
}

/** True while the process exists and is not a zombie waiting for its parent. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (generously: the machine may be busy) until none of `pids` is alive. */
async function gone(pids: number[], withinMs = 15_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!pids.some(alive)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !pids.some(alive);
}

test('startLoad runs n load processes until stop(), which waits for their exit', async () => {
  const handle = await startLoad(2, { program: await membw() });
  assert.equal(handle.pids.length, 2);
  assert.ok(handle.pids.every(alive), 'running after ready');
  await handle.stop();
  assert.deepEqual(handle.pids.filter(alive), [], 'gone once stop() resolves');
  await handle.stop(); // a second stop is harmless
});

test('startLoad with arrayMiB runs a cache-resident (CPU-bound) load with arrays of that size', async () => {
  const handle = await startLoad(1, { program: await membw(), arrayMiB: 1 });
  const [pid] = handle.pids;
  assert.ok(pid !== undefined && alive(pid));
  assert.deepEqual(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(1, 4), [
    'load',
    '-mib',
    '1',
  ]);
  await handle.stop();
  assert.equal(alive(pid), false);
});

test('startLoad(0) starts nothing', async () => {
  const handle = await startLoad(0, { program: await membw() });
  assert.deepEqual(handle.pids, []);
  await handle.stop();
});

test('the abort signal (Ctrl-C) stops the load without stop()', async () => {
  const controller = new AbortController();
  const handle = await startLoad(1, { program: await membw(), signal: controller.signal });
  assert.ok(handle.pids.every(alive));
  controller.abort();
  assert.ok(await gone(handle.pids), 'load processes gone after the abort');
  await handle.stop();
});

test('an aborted signal starts no load at all', async () => {
  const controller = new AbortController();
  controller.abort();
  const handle = await startLoad(2, { program: await membw(), signal: controller.signal });
  assert.deepEqual(handle.pids, []);
});

test('load processes die with gobaseline, even when it is killed with SIGKILL', async () => {
  const program = await membw();
  const moduleUrl = pathToFileURL(`${repoRoot}/dist/src/measure/background-load.js`).href;
  const script = `
    const { startLoad } = await import(${JSON.stringify(moduleUrl)});
    const h = await startLoad(2, { program: ${JSON.stringify(program)} });
    process.stdout.write(JSON.stringify(h.pids) + '\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  while (!out.includes('\n')) {
    await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    assert.equal(child.exitCode, null, 'the child is still running');
  }
  const pids = JSON.parse(out) as number[];
  assert.equal(pids.length, 2);
  assert.ok(pids.every(alive));
  child.kill('SIGKILL');
  await once(child, 'exit');
  assert.ok(await gone(pids), `load processes ${pids.join(', ')} outlived their parent`);
});

test('loadStarter builds the program once and starts load with it', async () => {
  const start = loadStarter(resolveGo(undefined, process.env), process.env);
  for (const n of [1, 2]) {
    const handle = await start(n);
    assert.equal(handle.pids.length, n);
    await handle.stop();
    assert.deepEqual(handle.pids.filter(alive), []);
  }
});

test('loadStarter says why there is no load when the program cannot be built', async () => {
  const start = loadStarter('/nonexistent/go', { ...process.env, XDG_CACHE_HOME: '/proc/nope' });
  await assert.rejects(start(1), /^EnvironmentError: no background load: /);
});

test('the bandwidth mode reports copy and triad GB/s', async () => {
  const bw = await measureMemoryBandwidth(await membw());
  assert.ok(!('unavailable' in bw), 'unavailable' in bw ? bw.unavailable : '');
  assert.ok(bw.copyGBps > 0 && bw.triadGBps > 0);
});

test('parseBandwidth takes the two figures and refuses anything else', () => {
  assert.deepEqual(
    parseBandwidth('{"copyGBps":10.5,"triadGBps":9.25,"arrayBytes":1,"touchMs":2,"elapsedMs":3}\n'),
    { copyGBps: 10.5, triadGBps: 9.25 },
  );
  assert.equal(parseBandwidth(''), null);
  assert.equal(parseBandwidth('{"copyGBps":10.5}'), null);
  assert.equal(parseBandwidth('{"copyGBps":"fast","triadGBps":1}'), null);
  assert.equal(parseBandwidth('[1,2]'), null);
});

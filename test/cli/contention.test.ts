// `--config 'NAME: load=N'`: background load around each measured run of that configuration,
// never left running: not after the run, not after Ctrl-C. Real go, real membw processes; the
// CLI gets a cache directory of its own (with copies of the already built programs) so that
// its load processes are told apart from any other test's by their executable's path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliEnv, readRun, runCli, runCliUntil, tempDir } from '../support/cli.js';
import { privateCache } from '../support/private-cache.js';

/** The CLI's environment with a cache directory of its own, and the path of membw's copy. */
async function privateCacheEnv(): Promise<{ env: NodeJS.ProcessEnv; membw: string }> {
  const cache = await privateCache();
  return { env: cliEnv({ XDG_CACHE_HOME: cache.xdgCacheHome }), membw: cache.membw };
}

/** Live (not zombie) processes running `program`. */
function running(program: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/exe`) !== program) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

/** Waits (generously) until no process runs `program`; returns those still running. */
async function settle(program: string, withinMs = 10_000): Promise<number[]> {
  const until = Date.now() + withinMs;
  while (running(program).length > 0 && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100));
  return running(program);
}

test('run --config "loaded: load=1" measures under load and leaves no load process behind', async () => {
  const { env, membw } = await privateCacheEnv();
  const json = path.join(tempDir(), 'run.json');
  const args = ['run', '--scenario', 'startup/go-version', '--runs', '2', '--warmup', '0'];
  const r = await runCli(
    [...args, '--config', 'loaded: load=1', '--json', json, '--no-save'],
    env,
    120_000,
  );
  assert.equal(r.code, 0, r.stderr);
  const run = readRun(json);
  assert.deepEqual(
    run.config.configurations?.map((c) => [c.name, c.build.load]),
    [['loaded', 1]],
  );
  assert.ok(run.scenarios[0]?.samples.every((s) => s.ok));
  assert.deepEqual(await settle(membw), [], 'no load process left');
});

test('Ctrl-C while the load runs: exit 130 and no load process left', async () => {
  const { env, membw } = await privateCacheEnv();
  let seen = false;
  const r = await runCliUntil(
    /100000 runs/,
    (child) => {
      // Interrupt once a load process of this run is there (it comes and goes with each run).
      const poll = setInterval(() => {
        if (running(membw).length === 0) return;
        seen = true;
        clearInterval(poll);
        child.kill('SIGINT');
      }, 20);
    },
    [
      'run',
      '--scenario',
      'startup/go-version',
      '--runs',
      '100000',
      '--warmup',
      '0',
      '--config',
      'loaded: load=1',
      '--no-save',
    ],
    env,
  );
  assert.ok(seen, 'a load process ran');
  assert.equal(r.code, 130, r.stderr);
  assert.deepEqual(await settle(membw), [], 'no load process left');
});

// The memory-bandwidth figure is cached per machine, boot and membw version for an hour; load=N
// and --fresh-bandwidth measure it again. Real membw (copied into a private cache directory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  BANDWIDTH_CACHE_FILE,
  BANDWIDTH_CACHE_MAX_AGE_MS,
  readCachedBandwidth,
  usableBandwidth,
  writeCachedBandwidth,
} from '../../src/measure/bandwidth-cache.js';
import { wantsFreshBandwidth } from '../../src/measure/baseline.js';
import { fingerprintBandwidth } from '../../src/measure/membw.js';
import { readBootId, resolveGo } from '../../src/probe/index.js';
import type { Configuration } from '../../src/record/run-record.js';
import { tempDir } from '../support/cli.js';
import { privateCache } from '../support/private-cache.js';

const key = { machine: 'a1b2c3d4e5f60718', bootId: 'boot-1', program: 'membw-43b8cd0793a9' };
const measuredAt = '2026-11-30T20:00:00.000Z';
const entry = { ...key, copyGBps: 4.5, triadGBps: 5.25, measuredAt };
const at = (minutes: number): Date => new Date(Date.parse(measuredAt) + minutes * 60_000);

test('a cached figure holds for the same machine, boot and program within the hour', () => {
  assert.deepEqual(usableBandwidth(entry, key, at(59)), {
    copyGBps: 4.5,
    triadGBps: 5.25,
    measuredAt,
    cached: true,
  });
  assert.equal(usableBandwidth(entry, key, at(BANDWIDTH_CACHE_MAX_AGE_MS / 60_000)), null);
  assert.equal(usableBandwidth(entry, key, at(-1)), null, 'measured in the future: clock moved');
  assert.equal(usableBandwidth(entry, { ...key, bootId: 'boot-2' }, at(1)), null, 'rebooted');
  assert.equal(usableBandwidth(entry, { ...key, machine: 'ffff' }, at(1)), null, 'other machine');
  assert.equal(usableBandwidth(entry, { ...key, program: 'membw-0' }, at(1)), null, 'new membw');
  assert.equal(usableBandwidth({ ...entry, copyGBps: -1 }, key, at(1)), null);
  assert.equal(usableBandwidth({ ...entry, measuredAt: 'yesterday' }, key, at(1)), null);
  assert.equal(usableBandwidth(null, key, at(1)), null);
});

test('the cache file round-trips, and a damaged or missing one is no figure', async () => {
  const file = path.join(tempDir(), BANDWIDTH_CACHE_FILE);
  assert.equal(await readCachedBandwidth(file, key, at(1)), null);
  await writeCachedBandwidth(file, key, { copyGBps: 4.5, triadGBps: 5.25, measuredAt });
  assert.equal((await readCachedBandwidth(file, key, at(1)))?.cached, true);
  fs.writeFileSync(file, '{"machine": ');
  assert.equal(await readCachedBandwidth(file, key, at(1)), null);
  // A directory that cannot be written only costs a measurement next time.
  await writeCachedBandwidth('/proc/nope/x.json', key, { ...entry });
});

test('load=N and --fresh-bandwidth want a fresh figure; otherwise the cache may answer', () => {
  const config = (load?: number): Configuration => ({
    name: 'c',
    toolchain: 'go',
    env: {},
    build: load === undefined ? {} : { load },
  });
  assert.equal(wantsFreshBandwidth({ configurations: [config()] }), false);
  assert.equal(wantsFreshBandwidth({ configurations: [config(0)] }), false);
  assert.equal(wantsFreshBandwidth({ configurations: [config(), config(2)] }), true);
  assert.equal(wantsFreshBandwidth({ configurations: [config()], freshBandwidth: true }), true);
});

test('the fingerprint measures once, then reuses the figure until asked for a fresh one', async () => {
  const cache = await privateCache();
  const env = { ...process.env, XDG_CACHE_HOME: cache.xdgCacheHome };
  const go = resolveGo(undefined, process.env);
  const bootId = await readBootId();
  assert.ok(bootId, 'this Linux has a boot id');
  const source = { machine: 'a1b2c3d4e5f60718', bootId, fresh: false };
  const first = await fingerprintBandwidth(go, env, source);
  assert.equal(first.warning, undefined);
  assert.equal(first.bandwidth?.cached, undefined, 'measured');
  assert.ok(first.bandwidth?.measuredAt);
  assert.ok(fs.existsSync(path.join(cache.dir, BANDWIDTH_CACHE_FILE)));
  const second = await fingerprintBandwidth(go, env, source);
  assert.deepEqual(second.bandwidth, { ...first.bandwidth, cached: true });
  const fresh = await fingerprintBandwidth(go, env, { ...source, fresh: true });
  assert.equal(fresh.bandwidth?.cached, undefined);
  assert.notEqual(fresh.bandwidth?.measuredAt, first.bandwidth?.measuredAt);
  // Where there is no boot id, nothing is cached or reused; a busy machine's figure is not kept.
  fs.rmSync(path.join(cache.dir, BANDWIDTH_CACHE_FILE));
  const noBoot = await fingerprintBandwidth(go, env, { ...source, bootId: null });
  assert.equal(noBoot.bandwidth?.cached, undefined);
  const busy = await fingerprintBandwidth(go, env, { ...source, busy: true });
  assert.equal(busy.bandwidth?.cached, undefined);
  assert.ok(!fs.existsSync(path.join(cache.dir, BANDWIDTH_CACHE_FILE)));
});

// A gobaseline cache directory of a test's own, holding copies of the programs already built in
// the real one, so that a CLI run with a private XDG_CACHE_HOME builds nothing cold.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ensureCanaryPrograms } from '../../src/measure/canary.js';
import { cacheDir, ensureHelper } from '../../src/measure/helper.js';
import { ensureMembw } from '../../src/measure/membw.js';
import { resolveGo } from '../../src/probe/index.js';
import { tempDir } from './cli.js';

/** A private cache directory and where its copies are. */
export interface PrivateCache {
  /** The value for XDG_CACHE_HOME. */
  xdgCacheHome: string;
  /** $XDG_CACHE_HOME/gobaseline. */
  dir: string;
  /** The copy of the memory-bandwidth and load program. */
  membw: string;
}

/**
 * Builds membw, the rusage helper and the canary programs in the real cache directory when they
 * are missing (once per machine), then copies every program found there (the GOMAXPROCS probe
 * too, when a run has built it) into `xdgCacheHome`/gobaseline (default: a new temp dir). Nothing else is copied: the memory
 * bandwidth cached by earlier runs stays behind, so the private cache starts without one.
 */
export async function privateCache(
  xdgCacheHome = tempDir('gbtest-xdg-cache-'),
): Promise<PrivateCache> {
  const dir = path.join(xdgCacheHome, 'gobaseline');
  fs.mkdirSync(dir, { recursive: true });
  const go = resolveGo(undefined, process.env);
  const membw = await ensureMembw(go);
  assert.equal(membw.kind, 'built', membw.kind === 'unavailable' ? membw.reason : '');
  await ensureHelper();
  await ensureCanaryPrograms(go, process.env);
  const real = cacheDir();
  for (const e of fs.readdirSync(real, { withFileTypes: true })) {
    if (!e.isFile() || e.name.endsWith('.tmp') || e.name.endsWith('.json')) continue;
    fs.copyFileSync(path.join(real, e.name), path.join(dir, e.name));
    fs.chmodSync(path.join(dir, e.name), 0o755);
  }
  const name = membw.kind === 'built' ? path.basename(membw.path) : '';
  return { xdgCacheHome, dir, membw: path.join(dir, name) };
}

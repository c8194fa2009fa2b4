// Locates (building on first use) the rusage-exec helper from native/rusage-exec.c.
// Built with the system C compiler into gobaseline's own cache directory; when no
// compiler works, callers fall back to timing in Node (wall time only).
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../package-root.js';
import { ensureDir } from './own-dirs.js';

const execFileAsync = promisify(execFile);

/** Where the helper came from, or why there is none. */
export type HelperStatus =
  { kind: 'built'; path: string } | { kind: 'unavailable'; reason: string };

/** gobaseline's cache directory ($XDG_CACHE_HOME/gobaseline or ~/.cache/gobaseline). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gobaseline');
}

/**
 * Returns the helper binary, compiling it once per source version.
 * GOBASELINE_HELPER=node disables it (wall time only), for machines without a compiler
 * and for testing the fallback.
 */
export async function ensureHelper(env: NodeJS.ProcessEnv = process.env): Promise<HelperStatus> {
  if (env.GOBASELINE_HELPER === 'node') {
    return { kind: 'unavailable', reason: 'disabled by GOBASELINE_HELPER=node' };
  }
  const source = path.join(packageRoot, 'native', 'rusage-exec.c');
  let code: Buffer;
  try {
    code = await fs.readFile(source);
  } catch {
    return { kind: 'unavailable', reason: `helper source missing at ${source}` };
  }
  const digest = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const target = path.join(cacheDir(env), `rusage-exec-${digest}`);
  try {
    await fs.access(target, fs.constants.X_OK);
    return { kind: 'built', path: target };
  } catch {
    // Not built yet.
  }
  const cc = env.CC || 'cc';
  try {
    ensureDir(path.dirname(target), `cache directory ${path.dirname(target)}`);
  } catch (err) {
    return { kind: 'unavailable', reason: (err as Error).message };
  }
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await execFileAsync(cc, ['-O2', '-o', tmp, source], { env: { ...env } });
    await fs.rename(tmp, target); // atomic: concurrent builders both end with a whole binary
    return { kind: 'built', path: target };
  } catch (err) {
    await fs.rm(tmp, { force: true });
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      kind: 'unavailable',
      reason: `could not compile the rusage helper with ${cc}: ${why}`,
    };
  }
}

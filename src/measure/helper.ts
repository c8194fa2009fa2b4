// Locates (building on first use) the rusage-exec helper from native/rusage-exec.c.
// Built with the system C compiler into gobaseline's own cache directory; when no
// compiler works, callers fall back to timing in Node (wall time only).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureProgram, type ProgramStatus } from './own-programs.js';

export { cacheDir } from './own-programs.js';

const execFileAsync = promisify(execFile);

/** Where the helper came from, or why there is none. */
export type HelperStatus = ProgramStatus;

/**
 * Returns the helper binary, compiling it once per source version.
 * GOBASELINE_HELPER=node disables it (wall time only), for machines without a compiler
 * and for testing the fallback.
 */
export async function ensureHelper(env: NodeJS.ProcessEnv = process.env): Promise<HelperStatus> {
  if (env.GOBASELINE_HELPER === 'node') {
    return { kind: 'unavailable', reason: 'disabled by GOBASELINE_HELPER=node' };
  }
  const cc = env.CC || 'cc';
  return ensureProgram(
    {
      name: 'rusage-exec',
      source: 'native/rusage-exec.c',
      build: async (source, target) => {
        await execFileAsync(cc, ['-O2', '-o', target, source], { env: { ...env } });
      },
      describeFailure: (why) => `could not compile the rusage helper with ${cc}: ${why}`,
    },
    env,
  );
}

// Tool commands that are not measurements (copying a tree, flushing a file system), run through
// the same CommandRunner as measured commands so that Ctrl-C stops them and a failure reads the
// same way; timed by Node, never under the rusage helper.
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import type { CommandRunner } from './command-runner.js';

/**
 * Copies `from` to the new path `to` with `cp -a` (modes, times and symlinks kept); resolves to
 * the ns it took. Throws InterruptedError after Ctrl-C, EnvironmentError when the copy fails.
 */
export async function copyTree(runner: CommandRunner, from: string, to: string): Promise<number> {
  const result = await runner.runOrFail({
    argv: ['cp', '-a', '--', from, to],
    cwd: path.dirname(to),
    kind: 'tool',
    // A large tree on a slow disk may take longer than one measured command may.
    timeoutMs: null,
  });
  return result.wallNs;
}

/** Flushes the file system holding `dir` (`sync -f`), so write-back does not run during timing. */
export async function syncFileSystem(runner: CommandRunner, dir: string): Promise<void> {
  try {
    await runner.runOrFail({ argv: ['sync', '-f', dir], cwd: dir, kind: 'tool', timeoutMs: null });
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    // Without sync, the timings may include write-back; not a reason to stop.
  }
}

// Creating gobaseline's own directories (data and cache dirs, a --save-trace directory): checked
// first, then made one level at a time. Node 20's mkdir(recursive) loops forever on paths such
// as /proc/nope, so it is not used for any path that comes from the user's environment.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { dirWriteProblem } from '../probe/writable.js';

/**
 * Creates `dir` and, with `create: 'parents'`, its missing parents; returns the absolute path.
 * Throws UsageError("<subject>: <reason>") when it cannot be used; `subject` names the directory
 * for the user, e.g. "--save-trace out" (default: the path).
 */
export function ensureDir(
  dir: string,
  subject: string = dir,
  create: 'self' | 'parents' = 'parents',
): string {
  const abs = path.resolve(dir);
  const problem = dirWriteProblem(abs, create);
  if (problem) throw new UsageError(`${subject}: ${problem}`);
  const missing: string[] = [];
  for (let at = abs; !fs.existsSync(at); at = path.dirname(at)) missing.unshift(at);
  for (const level of missing) {
    try {
      fs.mkdirSync(level);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UsageError(`${subject}: cannot create ${level} (${code})`);
    }
  }
  return abs;
}

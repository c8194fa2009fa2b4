// Paths the user names (--json, --output, --svg, --save-graph, --save-trace, --warm-cache): each
// is checked before any measuring starts, and a failure is the user's to fix (a missing
// directory, no permission), so it is a one-line usage error, never a stack trace. The user's
// directories are never created silently.
import { promises as fs } from 'node:fs';
import { UsageError } from '../errors.js';
import { dirWriteProblem, fileWriteProblem } from '../probe/writable.js';

/** Throws `UsageError("<option> <file>: <reason>")` unless `file` can be written; '-' is stdout. */
export function checkOutputFile(file: string | undefined, option: string): void {
  if (file === undefined || file === '-') return;
  const problem = fileWriteProblem(file);
  if (problem) throw new UsageError(`${option} ${file}: ${problem}`);
}

/**
 * Throws `UsageError("<option> <dir>: <reason>")` unless `dir` is a directory gobaseline can
 * write in, or one it may create (its parent exists and is writable).
 */
export function checkOutputDir(dir: string | undefined, option: string): void {
  if (dir === undefined) return;
  const problem = dirWriteProblem(dir, 'self');
  if (problem) throw new UsageError(`${option} ${dir}: ${problem}`);
}

/** Writes text to file; an error becomes `UsageError("<option> <file>: <reason>")`. */
export async function writeOutput(file: string, text: string, option: string): Promise<void> {
  try {
    await fs.writeFile(file, text);
  } catch (err) {
    throw new UsageError(`${option} ${file}: ${writeFailure(err)}`);
  }
}

/** A write error in words: Node's message without the syscall noise, e.g. "ENOSPC: no space left on device". */
export function writeFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code
    ? `${e.code}: ${e.message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}`
    : String(err);
}

// A command whose own check failed (exit 1) says why on stderr, also with --json, where stdout
// holds only the report and a script or CI log would otherwise show a bare exit code.
import { ExitCode } from '../errors.js';

/** Prints each failure as a `gobaseline:` line on stderr; exit 1 when there is one, else 0. */
export function exitForChecks(failures: readonly string[]): number {
  for (const f of failures) process.stderr.write(`gobaseline: ${f}\n`);
  return failures.length > 0 ? ExitCode.regression : ExitCode.ok;
}

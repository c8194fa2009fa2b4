// Writing a file the user named (--svg, --output, ...): a failure is the user's to fix (a
// missing directory, no permission), so it is a one-line usage error, never a stack trace.
import { promises as fs } from 'node:fs';
import { UsageError } from '../errors.js';

/** Writes text to file; an error becomes `UsageError("<option> <file>: <reason>")`. */
export async function writeOutput(file: string, text: string, option: string): Promise<void> {
  try {
    await fs.writeFile(file, text);
  } catch (err) {
    throw new UsageError(`${option} ${file}: ${(err as Error).message}`);
  }
}

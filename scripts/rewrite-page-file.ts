// The I/O half of rewriting a page's example regions (example-regions.ts is the pure half).
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { rewritePage, type Step } from './example-regions.js';

/**
 * rewritePage on a file: reads `file`, writes it back (formatted by prettier, as `npm run lint`
 * checks it) when a region changed; returns whether one did (the scripts say so, or fail when a
 * page they own has no regions).
 */
export async function rewritePageFile(
  file: string,
  outputs: ReadonlyMap<string, string>,
  steps: readonly Step[],
  repoRoot: string,
  taken: string,
): Promise<boolean> {
  const { text, changed } = rewritePage(
    readFileSync(file, 'utf8'),
    outputs,
    steps,
    repoRoot,
    taken,
  );
  if (!changed) return false;
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  return true;
}

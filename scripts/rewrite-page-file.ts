// The I/O half of rewriting a page's example regions (example-regions.ts is the pure half).
import { readFileSync, writeFileSync } from 'node:fs';
import { rewritePage, type Step } from './example-regions.js';

/**
 * rewritePage on a file: reads `file`, writes it back when a region changed; returns whether
 * one did (the scripts say so, or fail when a page they own has no regions).
 */
export function rewritePageFile(
  file: string,
  outputs: ReadonlyMap<string, string>,
  steps: readonly Step[],
  repoRoot: string,
  taken: string,
): boolean {
  const { text, changed } = rewritePage(
    readFileSync(file, 'utf8'),
    outputs,
    steps,
    repoRoot,
    taken,
  );
  if (changed) writeFileSync(file, text);
  return changed;
}

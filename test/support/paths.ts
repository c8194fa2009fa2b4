// Paths for tests, which run from dist/test/... after compilation.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (the directory holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A file under test/fixtures/, holding captured real output. */
export function fixturePath(name: string): string {
  return path.join(repoRoot, 'test', 'fixtures', name);
}

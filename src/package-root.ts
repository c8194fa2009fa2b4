// The installed package's root directory (holding package.json, native/ and data/).
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Compiled files live in dist/src/, two levels below the root.
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

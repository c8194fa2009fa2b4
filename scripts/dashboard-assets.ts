// Part of `npm run build`: puts the web dashboard's static files next to its compiled modules in
// dist/web/dashboard/ (tsc -p web/tsconfig.json writes the .js): the page, its stylesheet, and
// uPlot's browser build and stylesheet from node_modules, so `serve` needs no CDN and no build
// step at run time.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, 'dist', 'web', 'dashboard');
const require = createRequire(import.meta.url);
const uplot = path.dirname(require.resolve('uplot/package.json'));

const files: [string, string][] = [
  [path.join(root, 'web', 'dashboard', 'index.html'), 'index.html'],
  [path.join(root, 'web', 'dashboard', 'dashboard.css'), 'dashboard.css'],
  [path.join(uplot, 'dist', 'uPlot.iife.min.js'), 'uPlot.iife.min.js'],
  [path.join(uplot, 'dist', 'uPlot.min.css'), 'uPlot.min.css'],
  [path.join(uplot, 'LICENSE'), 'uPlot.LICENSE.txt'],
];
mkdirSync(out, { recursive: true });
for (const [from, name] of files) copyFileSync(from, path.join(out, name));

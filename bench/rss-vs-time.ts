// Benchmark: does gobaseline's peak RSS for a go build agree with /usr/bin/time -v?
// Both measure ru_maxrss of the build tree (the largest single process). Compares
//  - a warm hello-world build and link (10 runs each, medians), and
//  - a cold `go build net/http` with a fresh private GOCACHE (1 run each; about 20 s apiece).
// The bar: within 10%.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACES } from '../src/scenarios/programs.js';
import { gobaseline, machineLine, median, metricValues, requireTool } from './support.js';

requireTool('/usr/bin/time', 'time');
console.log(`machine: ${machineLine()}`);
const root = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-rss-'));
const env = {
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOFLAGS: '',
  CGO_ENABLED: '0',
  GOMODCACHE: path.join(root, 'mod'),
};

/** Peak RSS in bytes of one command under /usr/bin/time -v. */
function timeV(argv: string[], cwd: string, gocache: string): number {
  const r = spawnSync('/usr/bin/time', ['-v', ...argv], {
    cwd,
    env: { ...env, GOCACHE: gocache },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (!m) throw new Error('no maximum resident set size in /usr/bin/time output');
  return Number(m[1]) * 1024;
}

function report(name: string, ours: number, theirs: number): void {
  const ratio = ours / theirs;
  const mib = (b: number): string => (b / 2 ** 20).toFixed(1);
  console.log(
    `${name}: gobaseline ${mib(ours)} MiB · /usr/bin/time -v ${mib(theirs)} MiB · ratio ${ratio.toFixed(3)} ${Math.abs(ratio - 1) <= 0.1 ? '(within 10%)' : '(OUTSIDE 10%)'}`,
  );
}

try {
  // Warm hello-world link.
  const warm = path.join(root, 'warm-cache');
  const ws = path.join(root, 'hello');
  mkdirSync(ws, { recursive: true });
  for (const [name, text] of Object.entries(WORKSPACES.hello))
    writeFileSync(path.join(ws, name), text);
  const ours = gobaseline([
    '--scenario',
    'build/hello-link',
    '--runs',
    '10',
    '--warmup',
    '1',
    '--warm-cache',
    warm,
  ]);
  const theirs: number[] = [];
  for (let i = 0; i < 10; i++)
    theirs.push(timeV(['go', 'build', '-o', path.join(root, `hello-${i}`), '.'], ws, warm));
  report(
    'build/hello-link (warm, median of 10)',
    median(metricValues(ours, 'build/hello-link', 'peakRssBytes')),
    median(theirs),
  );

  if (!process.argv.includes('--no-cold')) {
    const cold = gobaseline(['--scenario', 'build/net-http-cold', '--runs', '1']);
    const coldCache = path.join(root, 'cold-cache');
    const t = timeV(['go', 'build', '-o', '/dev/null', 'net/http'], root, coldCache);
    report(
      'build/net-http-cold (1 run each)',
      median(metricValues(cold, 'build/net-http-cold', 'peakRssBytes')),
      t,
    );
  }
} finally {
  execFileSync('chmod', ['-R', 'u+w', root]);
  rmSync(root, { recursive: true, force: true });
}

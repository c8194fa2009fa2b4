// Benchmark: does gobaseline time `go version` as hyperfine does? Runs
//   gobaseline run --scenario startup/go-version --runs 30
//   hyperfine -N --warmup 3 --runs 30 'go version'
// back to back and prints both medians and their ratio. The bar: within 10%.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gobaseline, machineLine, median, metricValues, requireTool } from './support.js';

const rounds = Number(process.argv[2] ?? 1);
requireTool('hyperfine', 'hyperfine');
console.log(`machine: ${machineLine()}`);
for (let round = 1; round <= rounds; round++) {
  const run = gobaseline(['--scenario', 'startup/go-version', '--runs', '30', '--warmup', '3']);
  const ours = median(metricValues(run, 'startup/go-version', 'wallNs')) / 1e6;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-'));
  const exported = path.join(dir, 'hyperfine.json');
  execFileSync(
    'hyperfine',
    ['-N', '--warmup', '3', '--runs', '30', '--export-json', exported, 'go version'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      // The same controlled settings gobaseline applies (GOTOOLCHAIN=local, GOFLAGS empty).
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', CGO_ENABLED: '0' },
    },
  );
  const result = JSON.parse(readFileSync(exported, 'utf8')) as { results: { median: number }[] };
  rmSync(dir, { recursive: true, force: true });
  const theirs = (result.results[0]?.median ?? NaN) * 1e3;
  const ratio = ours / theirs;
  console.log(
    `round ${round}: gobaseline median ${ours.toFixed(3)} ms · hyperfine median ${theirs.toFixed(3)} ms · ratio ${ratio.toFixed(3)} ${Math.abs(ratio - 1) <= 0.1 ? '(within 10%)' : '(OUTSIDE 10%)'}`,
  );
}

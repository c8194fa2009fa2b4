// Benchmark: does gobaseline time `go version` as hyperfine does? Each round runs
//   gobaseline run --scenario startup/go-version --runs 30 --warmup 3
//   hyperfine -N --warmup 3 --runs 30 'go version'
// back to back (alternating which goes first), then compares the medians of the pooled
// samples. Pooling over rounds matters on a shared VM, whose speed drifts by tens of
// percent from minute to minute: both tools see the same drift. The bar: within 10%.
// Usage: node dist/bench/startup-vs-hyperfine.js [rounds=10]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gobaseline, machineLine, median, metricValues, requireTool } from './support.js';

const rounds = Number(process.argv[2] ?? 10);
requireTool('hyperfine', 'hyperfine');
console.log(`machine: ${machineLine()}`);

function ours(): number[] {
  const run = gobaseline(['--scenario', 'startup/go-version', '--runs', '30', '--warmup', '3']);
  return metricValues(run, 'startup/go-version', 'wallNs').map((ns) => ns / 1e6);
}

function theirs(): number[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-'));
  try {
    const exported = path.join(dir, 'hyperfine.json');
    execFileSync(
      'hyperfine',
      ['-N', '--warmup', '3', '--runs', '30', '--export-json', exported, 'go version'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        // The settings gobaseline controls, so both time the same command.
        env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', CGO_ENABLED: '0', GOENV: 'off' },
      },
    );
    const result = JSON.parse(readFileSync(exported, 'utf8')) as { results: { times: number[] }[] };
    return (result.results[0]?.times ?? []).map((s) => s * 1e3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pooledOurs: number[] = [];
const pooledTheirs: number[] = [];
const fmt = (ms: number): string => `${ms.toFixed(3)} ms`;
for (let round = 1; round <= rounds; round++) {
  const [a, b] =
    round % 2
      ? [ours(), theirs()]
      : ((): [number[], number[]] => {
          const t = theirs();
          return [ours(), t];
        })();
  pooledOurs.push(...a);
  pooledTheirs.push(...b);
  console.log(
    `round ${round}: gobaseline median ${fmt(median(a))} · hyperfine median ${fmt(median(b))} · ratio ${(median(a) / median(b)).toFixed(3)}`,
  );
}
const ratio = median(pooledOurs) / median(pooledTheirs);
console.log(
  `pooled (${pooledOurs.length} runs each): gobaseline median ${fmt(median(pooledOurs))} · hyperfine median ${fmt(median(pooledTheirs))} · ratio ${ratio.toFixed(3)} ${Math.abs(ratio - 1) <= 0.1 ? '(within 10%)' : '(OUTSIDE 10%)'}`,
);

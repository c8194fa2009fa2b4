// Benchmark: which drift canary follows the drift of the quick suite's cheap scenarios?
// Back-to-back rounds, a few seconds apart; in each round the scenarios' commands and every
// candidate canary run interleaved, sample by sample, through the same CommandRunner as `run`:
//   scenarios: `go version` (startup/go-version), `go env GOROOT` (startup/go-env), and with
//              CANARY_BUILD=1 `go build -o /dev/null net/http` against a primed private GOCACHE
//              (build/net-http-warm)
//   canaries:  the five of src/measure/canary.ts, and memory bandwidth (membw bandwidth, its copy
//              figure as seconds per GB so that larger is slower, like the others).
// For each scenario × canary: the Pearson correlation of the round medians, and how much dividing
// the scenario's round medians by the canary's reduces their spread (coefficient of variation,
// and max/min). Prints a markdown table for docs/benchmarks.md.
// Usage: node dist/bench/canary-drift.js [rounds=14] [runs=30] [pauseSeconds=3]
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CANARY_CANDIDATES,
  ensureCanaryPrograms,
  sampleCanary,
  type CanaryName,
} from '../src/measure/canary.js';
import { openContext } from '../src/measure/context.js';
import { ensureMembw, measureMemoryBandwidth } from '../src/measure/membw.js';
import { succeeded } from '../src/measure/process-runner.js';
import { machineLine, median } from './support.js';

const [rounds = 14, runs = 30, pauseS = 3] = process.argv.slice(2).map(Number);
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());

const ctx = await openContext({
  userEnv: process.env,
  overrides: {},
  timeoutMs: 60_000,
  signal: controller.signal,
});
try {
  const programs = await ensureCanaryPrograms(ctx.goPath, process.env, controller.signal);
  if (programs.missing.length) throw new Error(programs.missing.join('; '));
  const membw = await ensureMembw(ctx.goPath, process.env, controller.signal);
  if (membw.kind !== 'built') throw new Error(membw.reason);
  const tmp = ctx.dirs.named('canary-tmp');
  const env = ctx.env();
  const go = (args: string[]) => async (): Promise<number | null> => {
    const r = await ctx.runner.run({ argv: [ctx.goPath, ...args], env, cwd: ctx.workDir });
    return succeeded(r) ? r.wallNs : null;
  };
  const scenarios: Record<string, { sample: () => Promise<number | null>; every: number }> = {
    'startup/go-version': { sample: go(['version']), every: 1 },
    'startup/go-env': { sample: go(['env', 'GOROOT']), every: 1 },
  };
  if (process.env.CANARY_BUILD === '1') {
    // Off by default: priming needs a cold build of net/http, minutes on a busy machine.
    await go(['build', '-o', '/dev/null', 'net/http'])();
    scenarios['build/net-http-warm'] = {
      sample: go(['build', '-o', '/dev/null', 'net/http']),
      every: 3,
    };
  }
  const canaries: Record<string, { sample: () => Promise<number | null>; every: number }> = {};
  for (const name of CANARY_CANDIDATES) {
    canaries[name] = {
      sample: () => sampleCanary(ctx.runner, programs, name as CanaryName, tmp),
      every: 1,
    };
  }
  canaries['membw'] = {
    sample: async () => {
      const bw = await measureMemoryBandwidth(membw.path, controller.signal);
      return 'copyGBps' in bw ? 1e9 / bw.copyGBps : null; // ns per GB copied
    },
    every: 10,
  };
  const all = { ...scenarios, ...canaries };
  const medians: Record<string, number[]> = Object.fromEntries(
    Object.keys(all).map((k) => [k, []]),
  );
  for (let r = 0; r < rounds && !controller.signal.aborted; r++) {
    const got: Record<string, number[]> = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
    for (let i = 0; i < runs && !controller.signal.aborted; i++) {
      for (const [name, { sample, every }] of Object.entries(all)) {
        if (i % every !== 0) continue;
        const v = await sample();
        if (v !== null) got[name]?.push(v);
      }
    }
    for (const name of Object.keys(all)) medians[name]?.push(median(got[name] ?? []));
    process.stderr.write(
      `round ${r + 1}/${rounds}: ${Object.entries(medians)
        .map(([k, v]) => `${k} ${((v.at(-1) ?? NaN) / 1e6).toFixed(3)}`)
        .join(' · ')} ms\n`,
    );
    if (r + 1 < rounds) await sleep(pauseS * 1000);
  }
  console.log(`\n${machineLine()}; ${rounds} rounds of ${runs} runs, ${pauseS} s apart\n`);
  console.log('round medians (ms):');
  for (const [name, v] of Object.entries(medians)) {
    console.log(`  ${name}: ${v.map((x) => (x / 1e6).toFixed(3)).join(' ')}  (${spreadText(v)})`);
  }
  console.log(
    '\n| scenario | canary | correlation r | CV raw | CV ÷ canary | CV reduction | max/min raw | max/min ÷ canary |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const s of Object.keys(scenarios)) {
    const y = medians[s] ?? [];
    for (const c of Object.keys(canaries)) {
      const x = medians[c] ?? [];
      const ratio = y.map((v, i) => v / (x[i] ?? NaN));
      const cvRaw = cv(y);
      const cvRatio = cv(ratio);
      console.log(
        `| ${s} | ${c} | ${pearson(x, y).toFixed(2)} | ${pct(cvRaw)} | ${pct(cvRatio)} | ${pct(1 - cvRatio / cvRaw)} | ${maxMin(y).toFixed(3)} | ${maxMin(ratio).toFixed(3)} |`,
      );
    }
  }
} finally {
  ctx.close();
}

function pearson(x: number[], y: number[]): number {
  const n = Math.min(x.length, y.length);
  const mx = x.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const my = y.slice(0, n).reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function cv(v: number[]): number {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
  return sd / m;
}

function maxMin(v: number[]): number {
  return Math.max(...v) / Math.min(...v);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function spreadText(v: number[]): string {
  return `CV ${pct(cv(v))}, max/min ${maxMin(v).toFixed(3)}`;
}

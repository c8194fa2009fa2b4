// Benchmark: does `gobaseline compare` call "not significant" what is the same, and
// "significant" what is slower? Each repetition makes two back-to-back runs of
//   gobaseline run --scenario startup/go-version --runs 20
// and judges them with `gobaseline compare A B --metric wallNs`:
//  - A/A: both runs measure the same go. Bar: "not significant" in >= 90% of repetitions.
//  - injected slowdown, on build/net-http-warm (about 60 ms, against a shared warm private
//    GOCACHE): B runs go through a tiny static C wrapper that busy-waits before exec'ing go,
//    calibrated so that B is about 10% slower. Bar: "significant" (and slower) in >= 90%.
//    (On a 2 ms `go version` the wrapper's own exec is already more than 10%.)
// With --interleaved, each repetition is instead ONE run of two configurations interleaved run
// by run through `run --config` (A/A: `--config 'a: GOGC=100' --config 'b: GOGC=100'`; the
// slowdown: `--config 'a: GOGC=100' --config 'b: GOGC=100 go=<wrapper>'`), judged as `run`
// judges its configurations (paired by round: Wilcoxon signed-rank) and, for comparison, with
// the unpaired Mann-Whitney test of the same samples: what interleaving buys on a machine
// whose speed drifts.
// --slow-scenario=ID measures the slowdown on another scenario (e.g. startup/go-version: the
// wrapper's busy-wait is then calibrated against a few-ms command).
// Usage: node dist/bench/aa-significance.js [repetitions=20] [runs=20] [--interleaved]
//        [--slow-scenario=ID]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareSamples } from '../src/stats/index.js';
import { compareInputs } from '../src/report/compare.js';
import { prepareConfigurationComparison, selectMetrics } from '../src/report/compare-inputs.js';
import { cli, machineLine, median } from './support.js';
import type { RunRecord } from '../src/record/run-record.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const interleaved = process.argv.includes('--interleaved');
const slowScenario =
  process.argv.find((a) => a.startsWith('--slow-scenario='))?.slice('--slow-scenario='.length) ??
  'build/net-http-warm';
const reps = Number(positional[0] ?? 20);
const runs = Number(positional[1] ?? 20);
const dir = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-aa-'));
const realGo = execFileSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).trim();

/** A C wrapper that busy-waits delayUs microseconds, then execs the real go. */
function buildWrapper(delayUs: number): string {
  const src = path.join(dir, `slowgo-${delayUs}.c`);
  const bin = path.join(dir, `slowgo-${delayUs}`);
  writeFileSync(
    src,
    `#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
  (void)argc;
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do clock_gettime(CLOCK_MONOTONIC, &t);
  while ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) < ${delayUs}000L);
  argv[0] = "${realGo}";
  execv("${realGo}", argv);
  return 127;
}
`,
  );
  try {
    execFileSync('cc', ['-O2', '-static', '-o', bin, src], { stdio: 'ignore' });
  } catch {
    execFileSync('cc', ['-O2', '-o', bin, src]); // no static libc: a dynamic wrapper costs more
  }
  return bin;
}

const warmCache = path.join(dir, 'warm-cache');

/** One `gobaseline run` of `scenario` with extra arguments (--go, --config), read back. */
function run(file: string, scenario: string, ...extra: string[]): RunRecord {
  const out = path.join(dir, file);
  const args = ['run', '--scenario', scenario, '--runs', String(runs), '--warmup', '3'];
  if (scenario.startsWith('build/')) args.push('--warm-cache', warmCache);
  args.push(...extra);
  execFileSync(process.execPath, [cli, ...args, '--json', out, '--no-save', '--quiet'], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return JSON.parse(readFileSync(out, 'utf8')) as RunRecord;
}

function wallMedian(r: RunRecord): number {
  return median(
    (r.scenarios[0]?.samples ?? []).filter((s) => s.ok).map((s) => s.metrics.wallNs ?? NaN),
  );
}

interface Verdict {
  significant: boolean;
  deltaFraction: number | null;
  p: number;
}

/**
 * Judges the two configurations of one interleaved run as `run` itself does (its configuration
 * comparison: paired by round when enough rounds pair up), and beside it the unpaired
 * Mann-Whitney U test of the same samples.
 */
function judgeInterleaved(r: RunRecord): { product: Verdict; unpaired: Verdict } {
  const prepared = prepareConfigurationComparison(r);
  const report = compareInputs(prepared.inputs, selectMetrics(prepared, ['wallNs']));
  const vs = report.metrics[0]?.rows[0]?.cells[1]?.vsBase;
  if (!vs) throw new Error('the run gave no comparison');
  const [a, b] = r.scenarios.map((s) =>
    s.samples.filter((x) => x.ok).map((x) => x.metrics.wallNs ?? NaN),
  );
  const c = compareSamples(a ?? [], b ?? []);
  return {
    product: { significant: vs.significant, deltaFraction: vs.deltaFraction, p: vs.p },
    unpaired: { significant: c.significant, deltaFraction: c.deltaFraction, p: c.p },
  };
}

function judge(a: string, b: string): Verdict {
  const json = execFileSync(
    process.execPath,
    [
      cli,
      'compare',
      path.join(dir, a),
      path.join(dir, b),
      '--metric',
      'wallNs',
      '--format',
      'json',
    ],
    { encoding: 'utf8' },
  );
  const report = JSON.parse(json) as {
    metrics: { rows: { cells: ({ vsBase: Verdict | null } | null)[] }[] }[];
  };
  const vs = report.metrics[0]?.rows[0]?.cells[1]?.vsBase;
  if (!vs) throw new Error('compare gave no comparison');
  return vs;
}

try {
  console.log(`machine: ${machineLine()}`);
  // Calibrate: the wrapper's own exec costs something; busy-wait the rest of 10%.
  // Fills the shared warm cache once (a cold build).
  if (slowScenario.startsWith('build/')) run('prime.json', slowScenario);
  // Interleaved, so that the machine's drift does not leak into the calibration.
  const pilot = run('pilot.json', slowScenario, '--go', realGo, '--go', buildWrapper(0));
  const [base, bare] = pilot.scenarios.map((r) => wallMedian({ ...pilot, scenarios: [r] }));
  if (base === undefined || bare === undefined) throw new Error('calibration run failed');
  const overhead = Math.max(0, bare - base); // noise can make it look negative
  const delayUs = Math.max(0, Math.round((0.1 * base - overhead) / 1000));
  const wrapper = buildWrapper(delayUs);
  console.log(
    `calibration: ${slowScenario} ${(base / 1e6).toFixed(3)} ms, wrapper exec ${(overhead / 1e6).toFixed(3)} ms, busy-wait ${delayUs} µs`,
  );

  let aaQuiet = 0;
  let slowCaught = 0;
  // Interleaved only: the same samples judged unpaired (Mann-Whitney U), for comparison.
  let aaQuietUnpaired = 0;
  let slowCaughtUnpaired = 0;
  const slowDeltas: number[] = [];
  const same = ['--config', 'a: GOGC=100', '--config', 'b: GOGC=100'];
  const slower = ['--config', 'a: GOGC=100', '--config', `b: GOGC=100 go=${wrapper}`];
  console.log(
    interleaved
      ? 'mode: interleaved (one run, two --config configurations)'
      : 'mode: back-to-back runs',
  );
  for (let i = 1; i <= reps; i++) {
    let aa: Verdict;
    let slow: Verdict;
    let unpairedNote = '';
    if (interleaved) {
      const ab = judgeInterleaved(run('ab.json', 'startup/go-version', ...same));
      const cd = judgeInterleaved(run('cd.json', slowScenario, ...slower));
      [aa, slow] = [ab.product, cd.product];
      if (!ab.unpaired.significant) aaQuietUnpaired++;
      if (cd.unpaired.significant && (cd.unpaired.deltaFraction ?? 0) > 0) slowCaughtUnpaired++;
      unpairedNote = ` · unpaired: A/A p=${ab.unpaired.p.toFixed(3)}, slowdown p=${cd.unpaired.p.toFixed(3)}`;
    } else {
      run('a.json', 'startup/go-version');
      run('b.json', 'startup/go-version');
      aa = judge('a.json', 'b.json');
      run('c.json', slowScenario);
      run('d.json', slowScenario, '--go', wrapper);
      slow = judge('c.json', 'd.json');
    }
    if (!aa.significant) aaQuiet++;
    if (slow.significant && (slow.deltaFraction ?? 0) > 0) slowCaught++;
    slowDeltas.push(slow.deltaFraction ?? NaN);
    console.log(
      `rep ${i}: A/A ${aa.significant ? 'SIGNIFICANT' : '~'} (p=${aa.p.toFixed(3)}, ${((aa.deltaFraction ?? 0) * 100).toFixed(1)}%) · ` +
        `slowdown ${slow.significant ? 'significant' : 'MISSED ~'} (p=${slow.p.toFixed(3)}, ${((slow.deltaFraction ?? 0) * 100).toFixed(1)}%)` +
        unpairedNote,
    );
  }
  console.log(
    `A/A not significant: ${aaQuiet}/${reps} (${((100 * aaQuiet) / reps).toFixed(0)}%; bar 90%)`,
  );
  console.log(
    `slowdown detected: ${slowCaught}/${reps} (${((100 * slowCaught) / reps).toFixed(0)}%; bar 90%); ` +
      `median injected slowdown ${(median(slowDeltas) * 100).toFixed(1)}%`,
  );
  if (interleaved)
    console.log(
      `unpaired (Mann-Whitney U on the same samples): A/A not significant ${aaQuietUnpaired}/${reps}, slowdown detected ${slowCaughtUnpaired}/${reps}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

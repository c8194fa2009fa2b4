// `npm run bench:check`: the acceptance bench of `gobaseline check` (issue 11). Twenty
// repetitions of back-to-back `run --scenario startup/go-version` runs into a private store:
// five form the history, then one more run with nothing changed and one with a fixed ~10%
// slowdown are each judged by `check --run FILE`. The go measured is always the same path,
// a small Go wrapper that execs /usr/local/go/bin/go (so the toolchain's identity stays the
// same); for the slowed run the wrapper is swapped for one that first busy-waits ~10% of the
// measured time. Which of the two judged runs comes first alternates between repetitions.
//
//   npm run bench:check [-- REPS RUNS [KEEP_DIR]]   (defaults 20 repetitions, 20 runs per gobaseline run)
//
// With KEEP_DIR, every run file is kept there (KEEP_DIR/rep-N/{h0..h4,same,slow}.json) for
// bench/check-statistics.ts, which judges the same runs by other per-run figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunRecord } from '../src/record/run-record.js';
import { openStore } from '../src/store/open-store.js';
import { buildGoWrapper, installGo } from './go-wrapper.js';
import { cli, machineLine, median, metricValues } from './support.js';

const reps = Number(process.argv[2] ?? 20);
const runs = Number(process.argv[3] ?? 20);
const keepDir = process.argv[4];
const scenario = 'startup/go-version';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-check-'));
process.on('SIGINT', () => {
  rmSync(tmp, { recursive: true, force: true });
  process.exit(130);
});
const env = {
  ...process.env,
  XDG_DATA_HOME: path.join(tmp, 'data'),
  XDG_CACHE_HOME: path.join(tmp, 'cache'),
  XDG_STATE_HOME: path.join(tmp, 'state'),
  XDG_CONFIG_HOME: path.join(tmp, 'config'),
};

const bin = path.join(tmp, 'bin');
mkdirSync(bin, { recursive: true });
const goPath = path.join(bin, 'go');

/** Puts a wrapper at the measured path. */
function install(wrapper: string): void {
  installGo(wrapper, goPath);
}

/** Copies a run file to KEEP_DIR/rep-N/NAME.json when keeping. */
function keep(file: string, rep: number, name: string): void {
  if (!keepDir) return;
  const dir = path.join(keepDir, `rep-${rep}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(file, path.join(dir, `${name}.json`));
}

function runOnce(file: string): RunRecord {
  execFileSync(
    process.execPath,
    [
      cli,
      'run',
      '--scenario',
      scenario,
      '--runs',
      String(runs),
      '--go',
      goPath,
      '--json',
      file,
      '--no-save',
      '--quiet',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env },
  );
  return JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
}

/** check's exit code; what it printed, when the verdict is not the `expected` one. */
function check(db: string, file: string, expected: number): number {
  const r = spawnSync(process.execPath, [cli, 'check', '--db', db, '--run', file], {
    env,
    encoding: 'utf8',
  });
  if (r.status !== expected) console.log(`  check said (exit ${r.status}):\n${r.stdout}`);
  return r.status ?? 70;
}

async function main(): Promise<void> {
  const fast = path.join(tmp, 'go-fast');
  buildGoWrapper(0, fast, tmp);
  install(fast);
  const calib = median(metricValues(runOnce(path.join(tmp, 'calib.json')), scenario, 'wallNs'));
  const delayMicros = Math.round((calib * 0.1) / 1000);
  const slow = path.join(tmp, 'go-slow');
  buildGoWrapper(delayMicros, slow, tmp);
  console.log(
    `wrapper go version median ${(calib / 1e6).toFixed(3)} ms; slowdown busy-wait ${delayMicros} µs`,
  );

  let passUnchanged = 0;
  let failSlowed = 0;
  const started = Date.now();
  const slowdowns: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const db = path.join(tmp, `rep-${rep}.db`);
    const store = await openStore(db, env, { importRuns: false });
    install(fast);
    for (let i = 0; i < 5; i++) {
      const file = path.join(tmp, `h${i}.json`);
      await store.saveRun(runOnce(file));
      keep(file, rep, `h${i}`);
    }
    await store.close();
    const order = rep % 2 === 0 ? ['same', 'slow'] : ['slow', 'same'];
    const codes: Record<string, number> = {};
    const medians: Record<string, number> = {};
    for (const kind of order) {
      install(kind === 'slow' ? slow : fast);
      const file = path.join(tmp, `${kind}.json`);
      medians[kind] = median(metricValues(runOnce(file), scenario, 'wallNs'));
      keep(file, rep, kind);
      codes[kind] = check(db, file, kind === 'slow' ? 1 : 0);
    }
    slowdowns.push((medians.slow as number) / (medians.same as number) - 1);
    if (codes.same === 0) passUnchanged++;
    if (codes.slow === 1) failSlowed++;
    console.log(
      `rep ${rep + 1}: unchanged → exit ${codes.same}, slowed (${(((medians.slow as number) / (medians.same as number) - 1) * 100).toFixed(1)}% vs unchanged) → exit ${codes.slow}`,
    );
    rmSync(db, { force: true });
  }
  const minutes = (Date.now() - started) / 60000;
  console.log('');
  console.log(machineLine());
  console.log(
    `${reps} repetitions × 7 runs of ${runs} samples (${minutes.toFixed(1)} min): ` +
      `unchanged passed ${passUnchanged}/${reps}, slowed failed ${failSlowed}/${reps}; ` +
      `median injected slowdown ${(median(slowdowns) * 100).toFixed(1)}%`,
  );
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  rmSync(tmp, { recursive: true, force: true });
  console.error(err);
  process.exit(70);
});

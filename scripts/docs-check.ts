// `npm run docs:check`: the real demonstrations of `gobaseline check` in docs/check.md, taken
// as a user would and written into the page's `<!-- example: check-demo-... -->` regions.
// A go at a fixed path (bench/go-wrapper.ts: a wrapper that execs /usr/local/go/bin/go) gets a
// history of runs; then one run is made with the machine loaded by background work (the
// project's membw program, one process per CPU, always stopped) and judged, and finally the
// wrapper at the same path is replaced by one that busy-waits ~15% of the measured time first, and
// the next run is judged. Everything lives in a private temp dir (XDG dirs, store, caches),
// removed at the end, also on Ctrl-C. About two minutes.
//
//   npm run docs:check [-- RUNS]     (samples per gobaseline run, default 20)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildGoWrapper, installGo, REAL_GO } from '../bench/go-wrapper.js';
import { cli, machineLine, median, metricValues, repoRoot } from '../bench/support.js';
import type { RunRecord } from '../src/record/run-record.js';
import { startLoad, type LoadHandle } from '../src/measure/background-load.js';
import { ensureMembw } from '../src/measure/membw.js';
import type { Step } from './example-regions.js';
import { rewritePageFile } from './rewrite-page-file.js';

const runs = process.argv[2] ?? '20';
const HISTORY = 5;
/** The injected slowdown, as a fraction of the measured median. */
const SLOWDOWN = 0.15;
const page = path.join(repoRoot, 'docs', 'check.md');
const measure = ['run', '--scenario', 'startup/go-version', '--runs', runs, '--go', './bin/go'];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-docs-check-'));
const work = path.join(tmp, 'work');
const env: NodeJS.ProcessEnv = { ...process.env };
let load: LoadHandle | null = null;
const abort = new AbortController();
process.on('SIGINT', () => abort.abort()); // the child gets it too; clean up after it

/** Runs the CLI in the work dir; resolves with its exit code and stdout. */
function gobaseline(args: string[]): Promise<{ code: number; stdout: string }> {
  console.error(`gobaseline ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: work,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      console.error(`    exit ${code}`);
      if (abort.signal.aborted) reject(new Error('interrupted'));
      else resolve({ code: code ?? 70, stdout });
    });
  });
}

const readRun = (file: string): RunRecord =>
  JSON.parse(readFileSync(path.join(work, file), 'utf8')) as RunRecord;

async function main(): Promise<void> {
  for (const kind of ['DATA', 'CACHE', 'CONFIG', 'STATE']) {
    const dir = path.join(tmp, kind.toLowerCase());
    mkdirSync(dir);
    env[`XDG_${kind}_HOME`] = dir;
  }
  mkdirSync(path.join(work, 'bin'), { recursive: true });
  const goPath = path.join(work, 'bin', 'go');
  const fast = path.join(tmp, 'go-fast');
  buildGoWrapper(0, fast, tmp);
  installGo(fast, goPath);

  const steps: Step[] = [];
  const outputs = new Map<string, string>();
  /** Runs a step whose output the page shows, with its exit code after it. */
  const shown = async (id: string, args: string[]): Promise<number> => {
    const { code, stdout } = await gobaseline(args);
    steps.push({ id, args, ok: [0, 1] });
    outputs.set(id, `${stdout.replace(/\s+$/, '')}\n$ echo $?\n${code}`);
    return code;
  };

  // The history: runs of the unchanged go, saved in the store.
  for (let i = 0; i < HISTORY; i++) {
    const r = await gobaseline([...measure, '--db', 'demo.db', '--json', `h${i}.json`, '--quiet']);
    if (r.code !== 0) throw new Error(`history run ${i + 1} failed (exit ${r.code})`);
  }
  await shown('check-demo-history', [
    'history',
    '--db',
    'demo.db',
    '--scenario',
    'startup/go-version',
    '--metric',
    'wall',
  ]);

  // (b) The machine loaded by background work during the judged run; Go unchanged. The load
  // is CPU-bound (membw's load with arrays that fit in the cache), like the other jobs of a
  // shared CI runner: the canaries follow CPU contention, not memory-bandwidth contention
  // (docs/benchmarks.md, "Drift canaries").
  const membw = await ensureMembw(REAL_GO, env, abort.signal);
  if (membw.kind === 'unavailable') throw new Error(membw.reason);
  const loaders = os.availableParallelism();
  load = await startLoad(loaders, { program: membw.path, signal: abort.signal, arrayMiB: 1 });
  try {
    const r = await gobaseline([...measure, '--no-save', '--json', 'loaded.json', '--quiet']);
    if (r.code !== 0) throw new Error(`the loaded run failed (exit ${r.code})`);
  } finally {
    await load.stop();
    load = null;
  }
  await shown('check-demo-loaded', ['check', '--db', 'demo.db', '--run', 'loaded.json']);

  // (a) The go at the same path replaced by a slower one: busy-waits SLOWDOWN of the median first.
  const history = Array.from({ length: HISTORY }, (_, i) =>
    median(metricValues(readRun(`h${i}.json`), 'startup/go-version', 'wallNs')),
  );
  const delayMicros = Math.round((median(history) * SLOWDOWN) / 1000);
  const slow = path.join(tmp, 'go-slow');
  buildGoWrapper(delayMicros, slow, tmp);
  installGo(slow, goPath);
  const r = await gobaseline([...measure, '--db', 'demo.db', '--quiet']);
  if (r.code !== 0) throw new Error(`the slowed run failed (exit ${r.code})`);
  await shown('check-demo-regression', ['check', '--db', 'demo.db']);
  await shown('check-demo-github', ['check', '--db', 'demo.db', '--format', 'github']);

  const taken =
    `_Demonstrations: taken ${machineLine()}, 1-minute load average ${os.loadavg()[0]!.toFixed(1)} ` +
    `at the end, ${runs} samples per run, the slowed wrapper busy-waiting ${delayMicros} µs ` +
    `(${(SLOWDOWN * 100).toFixed(0)}% of the history's median), ${loaders} CPU-bound load processes ` +
    '(`membw load -mib 1`), ' +
    'by `npm run docs:check`._';
  if (!(await rewritePageFile(page, outputs, steps, repoRoot, taken))) {
    throw new Error('docs/check.md has no check-demo regions');
  }
  console.error('rewrote docs/check.md');
}

main()
  .then(
    () => 0,
    (err: unknown) => {
      console.error(`docs:check: ${err instanceof Error ? err.message : String(err)}`);
      return abort.signal.aborted ? 130 : 1;
    },
  )
  .then(async (code) => {
    await load?.stop();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(code);
  });

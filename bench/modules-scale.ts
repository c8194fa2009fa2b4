// Benchmark: `analyze modules` at scale (issue 12). Two modes:
//
//   npm run bench:modules                      # analyze modules --modules 1000 --cold-runs 3
//   npm run bench:modules -- --generate 10000  # generate 10,000 modules, then one go list -m all
//
// The first times the whole command (generation and measurement, target under 10 minutes on
// this 2-core machine); the second checks that 10,000 modules can be generated with gobaseline's
// own memory under 2 GiB and that the go command lists them. Each reports wall time, the peak
// RSS of the largest process of the tree (/usr/bin/time -v) and gobaseline's own peak RSS
// (bench/own-peak-rss.ts), and the load average, for docs/benchmarks.md. Extra arguments after
// `--` go to `analyze modules` (e.g. `-- --runs 4`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModulesReport } from '../src/analyze/modules-report.js';
import { cli, machineLine, repoRoot, requireTool } from './support.js';

/** The 1,000-module command the speed target is about: 3 timed cold-module-cache runs. */
const ANALYZE_1000 = ['analyze', 'modules', '--modules', '1000', '--cold-runs', '3'];
/** The generator's shape of `analyze modules`' defaults. */
const SHAPE = ['--depth', '3', '--fanout', '3', '--packages', '2', '--files', '2'];

const hook = pathToFileURL(path.join(repoRoot, 'dist', 'bench', 'own-peak-rss.js')).href;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const secs = (ms: number): string =>
  ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${(ms / 1000).toFixed(1)} s`;

interface Timed {
  wallMs: number;
  /** Largest process of the tree (/usr/bin/time -v), bytes. */
  treePeakRss: number;
  /** gobaseline's own node process, bytes (0 for a command that is not gobaseline). */
  ownPeakRss: number;
  stdout: string;
}

/** Runs argv under /usr/bin/time -v; for gobaseline (`own`) with the peak-RSS hook. */
function timed(
  argv: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; own: boolean },
): Timed {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-rss-'));
  const rssFile = path.join(scratch, 'rss');
  try {
    const full = opts.own ? [process.execPath, '--import', hook, cli, ...argv] : argv;
    const started = Date.now();
    const r = spawnSync('/usr/bin/time', ['-v', ...full], {
      cwd: opts.cwd,
      env: { ...(opts.env ?? process.env), GOBASELINE_BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const wallMs = Date.now() - started;
    if (r.status !== 0) {
      throw new Error(`${argv.join(' ')} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
    }
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    const ownKiB = opts.own ? Number(readFileSync(rssFile, 'utf8').trim()) : 0;
    return {
      wallMs,
      treePeakRss: Number(m?.[1] ?? 0) * 1024,
      ownPeakRss: ownKiB * 1024,
      stdout: r.stdout,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const load = (): string => (os.loadavg()[0] ?? 0).toFixed(1);

function analyze1000(extra: string[]): void {
  const argv = [...ANALYZE_1000, ...extra, '--no-save', '--json', '--quiet'];
  console.log(`gobaseline ${argv.join(' ')}   (load ${load()} at the start)`);
  const t = timed(argv, { own: true });
  const report = JSON.parse(t.stdout) as ModulesReport;
  const size = report.perSize[0];
  console.log(
    `whole command          ${secs(t.wallMs)}   (target < 10 min; load ${load()} at the end)`,
  );
  console.log(`status                 ${report.status}`);
  if (size) {
    console.log(`generation             ${secs(size.generateNs / 1e6)}`);
    for (const c of size.commands) {
      const wall = c.analysis.metrics.find((m) => m.key === 'wallNs');
      const med = (mode: string): string => {
        const row = wall?.rows.find((r) => r.configuration === mode);
        return row?.center == null ? '-' : secs(row.center / 1e6);
      };
      console.log(
        `${c.label.padEnd(22)} module ${med('module')} / cold module cache ${med('cold-modcache')}`,
      );
    }
  }
  console.log(`peak RSS, largest process of the tree   ${mib(t.treePeakRss)}`);
  console.log(`peak RSS, gobaseline itself             ${mib(t.ownPeakRss)}`);
}

function generateAndList(modules: number): void {
  const out = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-ws-'));
  try {
    const ws = path.join(out, 'ws');
    const argv = ['generate', '--modules', String(modules), ...SHAPE, '--out', ws, '-q'];
    console.log(`gobaseline ${argv.join(' ')}   (load ${load()} at the start)`);
    const gen = timed(argv, { own: true });
    console.log(`generate               ${secs(gen.wallMs)}`);
    console.log(gen.stdout.trim().replace(/^/gm, '  '));
    console.log(`peak RSS, largest process of the tree   ${mib(gen.treePeakRss)}`);
    console.log(
      `peak RSS, gobaseline itself             ${mib(gen.ownPeakRss)}   (target < 2 GiB)`,
    );
    // One go list -m all in the main module, offline: the go.mod files from the local proxy.
    const env = {
      ...process.env,
      GOENV: 'off',
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-mod=readonly -modcacherw',
      GOPROXY: pathToFileURL(path.join(ws, 'proxy')).href,
      GOSUMDB: 'off',
      GOWORK: 'off',
      GOMODCACHE: path.join(out, 'modcache'),
      GOCACHE: path.join(out, 'gocache'),
      GOPATH: path.join(out, 'gopath'),
    };
    const list = timed(['go', 'list', '-m', 'all'], {
      cwd: path.join(ws, 'main'),
      env,
      own: false,
    });
    const listed = list.stdout.split('\n').filter((l) => l.trim() !== '').length;
    console.log(
      `go list -m all         ${secs(list.wallMs)}, ${listed} modules listed, peak RSS ${mib(list.treePeakRss)}`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

requireTool('/usr/bin/time', 'time');
console.log(`machine: ${machineLine()}`);
const args = process.argv.slice(2);
const at = args.indexOf('--generate');
if (at >= 0) {
  const modules = Number(args[at + 1] ?? '10000');
  if (!Number.isInteger(modules) || modules < 1) {
    console.error('bench: --generate needs a module count');
    process.exit(2);
  }
  generateAndList(modules);
} else {
  analyze1000(args);
}

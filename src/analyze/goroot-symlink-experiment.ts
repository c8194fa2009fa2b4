// The symlink-depth experiment: chains of symlinks in a private directory, link_k -> link_(k-1)
// -> ... -> link_1 -> the real GOROOT (absolute targets; nothing is copied, the real GOROOT is
// only read), and for each depth `GOROOT=<link> <link>/bin/go env GOROOT` and `... go list std`
// with a private GOCACHE, warmed by one untimed run per depth. Depths are interleaved run by run
// (the order rotating every round) so drift and order effects fall on every depth alike.
import fs from 'node:fs';
import path from 'node:path';
import { formatValue } from '../record/units.js';
import { controlledEnv, type PrivatePaths } from '../measure/controlled-env.js';
import type { PrivateDirs } from '../measure/private-dirs.js';
import { judgeClaim, SYMLINK_CLAIM } from './goroot-claims.js';
import { realFs } from './goroot-probe.js';
import {
  roundValues,
  timedSeries,
  type SymlinkDepth,
  type SymlinkExperiment,
} from './goroot-report.js';
import { traceSymlinks } from './goroot-resolution.js';
import { listTree, lstatRounds, mustRun, timedRun, type RunContext } from './goroot-runner.js';
import { slopeOfMedians } from './goroot-stats.js';

/** The symlink depths measured by default. */
export const DEFAULT_DEPTHS = [0, 1, 2, 4, 8];

/** Deepest chain allowed: Linux follows at most 40 symlinks per lookup, leave room for others. */
export const MAX_DEPTH = 32;

/** The commands timed at every depth: label and go arguments. */
export const SYMLINK_COMMANDS: { label: string; args: string[] }[] = [
  { label: 'go env GOROOT', args: ['env', 'GOROOT'] },
  { label: 'go list std', args: ['list', 'std'] },
];

/** Label of the stat probe through the chain (ns per lstat call, not per command). */
export const SYMLINK_STAT_LABEL = 'lstat per call';

/** How the per-level cost is estimated, for the report. */
export const SLOPE_METHOD =
  'Theil–Sen slope of the per-depth medians against depth (robust: one disturbed depth cannot ' +
  'tilt it, and every depth counts, not only 0 and 8), 95% CI from 2000 bootstrap resamples of ' +
  'whole rounds (a round runs every depth back to back, so resampling rounds keeps the ' +
  'pairing that interleaving bought); seeded, so the figures repeat';

/** Options of {@link runSymlinkExperiment}. */
export interface SymlinkOptions {
  /** The real GOROOT (its physical path). */
  target: string;
  depths: number[];
  runs: number;
  dirs: PrivateDirs;
  /** Private GOCACHE (shared by all depths: each depth warms its own entries), GOMODCACHE, TMPDIR. */
  paths: PrivatePaths;
  /** Working directory of the go commands (a private, empty directory). */
  cwd: string;
  userEnv: NodeJS.ProcessEnv;
}

/** Builds link_1 … link_max in `dir`, each pointing (absolutely) at the previous one. */
export function buildChain(dir: string, target: string, max: number): string[] {
  const links = [target];
  for (let k = 1; k <= max; k++) {
    const link = path.join(dir, `goroot-depth-${k}`);
    fs.symlinkSync(links[k - 1] as string, link);
    links.push(link);
  }
  return links;
}

/** Runs the experiment; the chain directory stays under `dirs` (removed with it). */
export async function runSymlinkExperiment(
  ctx: RunContext,
  opts: SymlinkOptions,
): Promise<SymlinkExperiment> {
  const chainDir = fs.realpathSync(opts.dirs.named('goroot-links'));
  const links = buildChain(chainDir, opts.target, Math.max(...opts.depths));
  const gorootAt = (d: number): string => links[d] as string;
  const envAt = (d: number): Record<string, string> =>
    controlledEnv(opts.userEnv, opts.paths, { GOROOT: gorootAt(d) });
  const goAt = (d: number): string => path.join(gorootAt(d), 'bin', 'go');

  const reported = new Map<number, string>();
  ctx.say(
    `symlinks: chains of depth ${opts.depths.join(', ')} to ${opts.target} in ${chainDir}; one untimed run per depth and command`,
  );
  for (const d of opts.depths) {
    const r = await mustRun(ctx, [goAt(d), 'env', 'GOROOT'], envAt(d), opts.cwd, true);
    reported.set(d, r.stdout.trim());
    await mustRun(ctx, [goAt(d), 'list', 'std'], envAt(d), opts.cwd);
  }

  const samples = new Map<string, (number | null)[]>();
  const failures = new Map<string, string[]>();
  const key = (c: string, d: number): string => `${c}@${d}`;
  for (let round = 0; round < opts.runs; round++) {
    ctx.say(`symlinks: round ${round + 1}/${opts.runs}`);
    for (const c of SYMLINK_COMMANDS) {
      for (let i = 0; i < opts.depths.length; i++) {
        const d = opts.depths[(i + round) % opts.depths.length] as number;
        const r = await timedRun(ctx, [goAt(d), ...c.args], envAt(d), opts.cwd);
        const k = key(c.label, d);
        samples.set(k, [...(samples.get(k) ?? []), r.ns]);
        if (r.failure !== null) failures.set(k, [...(failures.get(k) ?? []), r.failure]);
      }
    }
  }

  // The mechanism: every path lookup under GOROOT walks the chain; time lstat through it.
  const names = listTree(path.join(opts.target, 'src'));
  ctx.say(
    `symlinks: stat probe, ${opts.runs} passes of lstat over ${names.length} GOROOT/src entries per depth`,
  );
  const perCall = await lstatRounds(
    ctx,
    opts.depths.map((d) => names.map((n) => path.join(gorootAt(d), 'src', n))),
    opts.runs,
  );

  const perDepth: SymlinkDepth[] = opts.depths.map((d, i) => {
    const goroot = gorootAt(d);
    const trace = traceSymlinks(goroot, realFs, '/');
    const series: SymlinkDepth['series'] = {};
    for (const c of SYMLINK_COMMANDS) {
      const k = key(c.label, d);
      series[c.label] = timedSeries(samples.get(k) ?? [], failures.get(k) ?? []);
    }
    series[SYMLINK_STAT_LABEL] = timedSeries(perCall[i] ?? []);
    return {
      depth: d,
      goroot,
      hops: trace.hops.length,
      resolvesTo: trace.resolved ?? '',
      reportedGoroot: reported.get(d) ?? '',
      series,
    };
  });

  const labels = [...SYMLINK_COMMANDS.map((c) => c.label), SYMLINK_STAT_LABEL];
  const perLevel = labels.map((label) => ({
    command: label,
    interval: slopeOfMedians(
      perDepth.map((p) => p.depth),
      perDepth.map((p) => roundValues(p.series[label] ?? timedSeries([]))),
    ),
  }));
  // The claim is about commands; the stat probe explains them and is not judged.
  const claims = perLevel
    .filter((p) => p.command !== SYMLINK_STAT_LABEL)
    .map((p) => judgeClaim(SYMLINK_CLAIM, `${p.command}, cost per symlink level`, p.interval));
  ctx.say(
    `symlinks: done (${perLevel.map((p) => `${p.command}: ${formatValue('ns', p.interval.estimate)}`).join(', ')} per level)`,
  );
  return {
    target: opts.target,
    chainDir,
    runs: opts.runs,
    depths: opts.depths,
    commands: labels,
    statEntries: names.length,
    perDepth,
    perLevel,
    method: SLOPE_METHOD,
    claims,
  };
}

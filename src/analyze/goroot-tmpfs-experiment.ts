// The tmpfs-vs-disk experiment: a `cp -a` copy of GOROOT on a tmpfs and one on a disk-backed
// file system, each used as GOROOT by its own bin/go; start-up (`go version`, `go env GOROOT`),
// `go list std` (warm private GOCACHE per copy) and a cold `go build -o /dev/null net/http`
// (fresh private GOCACHE per run) on each, plus a direct stat probe: N passes of lstat over every
// entry of each copy's src/, timed in Node. Everything but GOROOT (GOCACHE, TMPDIR, the working
// directory) lives in the same private directory on disk, so only GOROOT's medium differs.
// Runs alternate between the copies (the order flipping every round).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import { controlledEnv, type PrivatePaths } from '../measure/controlled-env.js';
import { PrivateDirs, removeTree } from '../measure/private-dirs.js';
import { formatValue } from '../record/units.js';
import { compareSamples } from '../stats/index.js';
import { judgeClaim, TMPFS_CLAIM, type ClaimCheck } from './goroot-claims.js';
import { storageOf, type PlacementCandidate, type StorageSummary } from './goroot-placement.js';
import {
  roundValues,
  timedSeries,
  type MediumComparison,
  type PlacementInfo,
  type TimedSeries,
  type TmpfsExperiment,
} from './goroot-report.js';
import { copyTree, syncFileSystem } from '../measure/tools.js';
import { listTree, lstatRounds, mustRun, timedRun, type RunContext } from './goroot-runner.js';
import { ratioOfMedians } from './goroot-stats.js';
import { symlinksOutOf } from './goroot-copy-check.js';

/** The commands timed on each copy (N runs each): label and go arguments. */
export const TMPFS_COMMANDS: { label: string; args: string[] }[] = [
  { label: 'go version', args: ['version'] },
  { label: 'go env GOROOT', args: ['env', 'GOROOT'] },
  { label: 'go list std', args: ['list', 'std'] },
];

/** The cold build timed on each copy (`--build-runs` runs each). */
export const COLD_BUILD = {
  label: 'go build net/http (cold GOCACHE)',
  args: ['build', '-o', '/dev/null', 'net/http'],
};

/** Label of the stat probe's row. */
export const STAT_LABEL = 'lstat over GOROOT/src';

type Medium = 'disk' | 'tmpfs';
const MEDIA: Medium[] = ['disk', 'tmpfs'];

/** Options of {@link runTmpfsExperiment}. */
export interface TmpfsOptions {
  /** The real GOROOT (its physical path), copied twice. */
  source: string;
  /** Bytes of its regular files. */
  sourceBytes: number;
  tmpfs: PlacementCandidate;
  disk: PlacementCandidate;
  runs: number;
  /** Cold builds per copy; 0 skips them. */
  buildRuns: number;
  /** The main private directories (on disk): GOCACHEs, TMPDIR and working directory live here. */
  dirs: PrivateDirs;
  paths: PrivatePaths;
  cwd: string;
  userEnv: NodeJS.ProcessEnv;
}

function info(c: PlacementCandidate, storage: StorageSummary | null): PlacementInfo {
  return { dir: c.dir, fsType: c.fsType, mountPoint: c.mountPoint, source: c.source, storage };
}

/** A skipped experiment, with the reason. */
export function skippedTmpfs(reason: string, runs: number, buildRuns: number): TmpfsExperiment {
  return {
    skipped: reason,
    tmpfs: null,
    disk: null,
    gorootBytes: null,
    copyNs: null,
    runs,
    buildRuns,
    rows: [],
    statEntries: null,
    claims: [],
    notes: [],
  };
}

/** Collects per-medium samples and failures for one row. */
class Row {
  readonly samples: Record<Medium, (number | null)[]> = { disk: [], tmpfs: [] };
  readonly failures: Record<Medium, string[]> = { disk: [], tmpfs: [] };

  add(m: Medium, ns: number | null, failure: string | null): void {
    this.samples[m].push(ns);
    if (failure !== null) this.failures[m].push(failure);
  }

  compare(command: string, per: MediumComparison['per']): MediumComparison {
    const disk = timedSeries(this.samples.disk, this.failures.disk);
    const tmpfs = timedSeries(this.samples.tmpfs, this.failures.tmpfs);
    return {
      command,
      per,
      disk,
      tmpfs,
      ratio: ratioOfMedians(roundValues(tmpfs), roundValues(disk)),
      p: pValue(disk, tmpfs),
    };
  }
}

function okValues(s: TimedSeries): number[] {
  return s.samplesNs.filter((v): v is number => v !== null);
}

function pValue(disk: TimedSeries, tmpfs: TimedSeries): number | null {
  if (disk.n < 2 || tmpfs.n < 2) return null;
  return compareSamples(okValues(disk), okValues(tmpfs)).p;
}

/** Runs the experiment. The copies live in private directories removed before it returns. */
export async function runTmpfsExperiment(
  ctx: RunContext,
  opts: TmpfsOptions,
): Promise<TmpfsExperiment> {
  const roots: Record<Medium, PrivateDirs> = {
    disk: PrivateDirs.create(opts.disk.dir),
    tmpfs: PrivateDirs.create(opts.tmpfs.dir),
  };
  try {
    const copies = {} as Record<Medium, string>;
    const copyNs = {} as Record<Medium, number>;
    const size = formatValue('bytes', opts.sourceBytes);
    for (const m of MEDIA) {
      copies[m] = path.join(roots[m].root, 'goroot');
      ctx.say(`tmpfs: copying GOROOT (${size}) to ${copies[m]} with cp -a: takes a few seconds`);
      copyNs[m] = await copyTree(ctx.runner, await fs.realpath(opts.source), copies[m]);
      const escaping = await symlinksOutOf(copies[m]);
      if (escaping.length > 0) {
        throw new EnvironmentError(
          `GOROOT links out of itself (${escaping.join(', ')}): a copy would still read the original`,
        );
      }
    }
    ctx.say('tmpfs: flushing the disk copy (sync -f) so write-back does not disturb the timings');
    await syncFileSystem(ctx.runner, copies.disk);

    const caches = {} as Record<Medium, PrivatePaths>;
    const envOf = (m: Medium, gocache?: string): Record<string, string> =>
      controlledEnv(
        opts.userEnv,
        { ...caches[m], ...(gocache ? { gocache } : {}) },
        {
          GOROOT: copies[m],
        },
      );
    const goOf = (m: Medium): string => path.join(copies[m], 'bin', 'go');
    const notes: string[] = [];
    for (const m of MEDIA) {
      caches[m] = { ...opts.paths, gocache: opts.dirs.named(`gocache-${m}`) };
      const r = await mustRun(ctx, [goOf(m), 'env', 'GOROOT'], envOf(m), opts.cwd, true);
      if (r.stdout.trim() !== copies[m]) {
        notes.push(`go env GOROOT on the ${m} copy printed ${r.stdout.trim()}, not ${copies[m]}`);
      }
      // Untimed: warms the copy's own GOCACHE (package index) and the page cache.
      await mustRun(ctx, [goOf(m), 'version'], envOf(m), opts.cwd);
      await mustRun(ctx, [goOf(m), 'list', 'std'], envOf(m), opts.cwd);
    }

    const rows = TMPFS_COMMANDS.map(() => new Row());
    for (let round = 0; round < opts.runs; round++) {
      ctx.say(`tmpfs: round ${round + 1}/${opts.runs} (go version, go env GOROOT, go list std)`);
      const order = round % 2 === 0 ? MEDIA : [...MEDIA].reverse();
      for (const [i, c] of TMPFS_COMMANDS.entries()) {
        for (const m of order) {
          const r = await timedRun(ctx, [goOf(m), ...c.args], envOf(m), opts.cwd);
          rows[i]?.add(m, r.ns, r.failure);
        }
      }
    }

    // The stat probe: the same relative paths on both copies.
    const names = listTree(path.join(copies.disk, 'src'));
    ctx.say(
      `tmpfs: stat probe, ${opts.runs} passes of lstat over ${names.length} entries per copy`,
    );
    const perCall = await lstatRounds(
      ctx,
      MEDIA.map((m) => names.map((n) => path.join(copies[m], 'src', n))),
      opts.runs,
    );
    const statRow = new Row();
    for (const [i, m] of MEDIA.entries()) for (const v of perCall[i] ?? []) statRow.add(m, v, null);

    const buildRow = new Row();
    for (let round = 0; round < opts.buildRuns; round++) {
      const order = round % 2 === 0 ? MEDIA : [...MEDIA].reverse();
      for (const m of order) {
        ctx.say(
          `tmpfs: cold go build net/http with GOROOT on ${m}, run ${round + 1}/${opts.buildRuns} (about 20 s)`,
        );
        const cold = opts.dirs.fresh(`gocache-cold-${m}`);
        const r = await timedRun(ctx, [goOf(m), ...COLD_BUILD.args], envOf(m, cold), opts.cwd);
        buildRow.add(m, r.ns, r.failure);
        removeTree(cold);
      }
    }

    const comparisons = [
      ...TMPFS_COMMANDS.map((c, i) => (rows[i] as Row).compare(c.label, 'run')),
      statRow.compare(STAT_LABEL, 'lstat call'),
      ...(opts.buildRuns > 0 ? [buildRow.compare(COLD_BUILD.label, 'run')] : []),
    ];
    const claims: ClaimCheck[] = [];
    for (const label of [STAT_LABEL, 'go list std', 'go env GOROOT']) {
      const row = comparisons.find((r) => r.command === label);
      if (row) claims.push(judgeClaim(TMPFS_CLAIM, `${label}: tmpfs/disk`, row.ratio));
    }
    notes.push(
      `the stat probe times fs.lstatSync in Node: each call includes Node's own overhead (the same on both copies), which pulls the ratio towards 1; it is the time a program pays per stat`,
      'both copies are in the page cache after cp -a, as a GOROOT in daily use is; a disk whose cache was dropped would be slower on first access (gobaseline does not drop the machine’s caches)',
    );
    if (opts.tmpfs.dir !== '/tmp') {
      notes.push(
        `the claim names /tmp; here the tmpfs is ${opts.tmpfs.dir} (${opts.tmpfs.fsType}), which is what the claim is about: the medium, not the path`,
      );
    }
    const storage = await storageOf({ disk: opts.disk.dir, tmpfs: opts.tmpfs.dir }, opts.cwd);
    return {
      skipped: null,
      tmpfs: info(opts.tmpfs, storage.tmpfs ?? null),
      disk: info(opts.disk, storage.disk ?? null),
      gorootBytes: opts.sourceBytes,
      copyNs,
      runs: opts.runs,
      buildRuns: opts.buildRuns,
      rows: comparisons,
      statEntries: names.length,
      claims,
      notes,
    };
  } finally {
    for (const m of MEDIA) roots[m].dispose();
  }
}

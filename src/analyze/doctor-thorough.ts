// `doctor --thorough`: the measurements that confirm or refute a finding on this machine, each
// an existing `analyze` experiment run small: `analyze latency`'s built-in probe on the
// filesystems of GOROOT, GOCACHE and GOMODCACHE (a test file beside each cache, never inside)
// and `analyze goroot`'s symlink experiment when GOROOT is reached through symlinks.
import { probeLatency, type LatencyTarget } from '../measure/io-latency.js';
import type { PrivateDirs } from '../measure/private-dirs.js';
import { readMounts } from '../probe/index.js';
import type { StorageLatency, ThoroughFacts } from './doctor-report.js';
import type { PathTrace } from './goroot-resolution.js';
import type { RunContext } from './goroot-runner.js';
import { MIN_ROUNDS_FOR_CI } from './goroot-stats.js';
import { runSymlinkExperiment, SYMLINK_COMMANDS } from './goroot-symlink-experiment.js';

/** --thorough's latency probe: reads per directory and the size of its test files. */
export const THOROUGH_READS = 500;
const THOROUGH_FILE_BYTES = 16 * 2 ** 20;

/** 4 KiB random-read latency on the filesystems of GOROOT, GOCACHE and GOMODCACHE (analyze latency's probe). */
async function measureLatency(
  ctx: RunContext,
  trace: PathTrace,
  caches: { gocache: string; gomodcache: string },
  notes: string[],
): Promise<StorageLatency[]> {
  const targets: LatencyTarget[] = [];
  if (trace.resolved)
    targets.push({ role: 'GOROOT', dir: trace.resolved, method: 'read-existing' });
  if (caches.gocache !== 'off')
    targets.push({ role: 'GOCACHE location', dir: caches.gocache, method: 'test-file-beside' });
  targets.push({ role: 'GOMODCACHE location', dir: caches.gomodcache, method: 'test-file-beside' });
  const results = await probeLatency(
    targets,
    {
      runner: ctx.runner,
      engines: ['builtin'],
      reads: THOROUGH_READS,
      fileBytes: THOROUGH_FILE_BYTES,
      fioPath: null,
      say: ctx.say,
    },
    await readMounts(),
  );
  const out: StorageLatency[] = [];
  for (const r of results) {
    const m = r.measurements[0];
    if (r.skipped) notes.push(`--thorough: ${r.role} latency not measured: ${r.skipped}`);
    if (!m) continue;
    out.push({
      role: r.role,
      dir: r.dir,
      fsType: r.filesystem?.fsType ?? null,
      cache: m.cache,
      reads: m.reads,
      meanUs: m.meanUs,
      p99Us: m.p99Us,
    });
  }
  return out;
}

/** Rounds of --thorough's symlink experiment (each: both depths, both commands). */
export const THOROUGH_SYMLINK_RUNS = MIN_ROUNDS_FOR_CI;

/** --thorough: the experiments that confirm or refute a finding here, reused from `analyze`. */
export async function measureThorough(
  ctx: RunContext,
  trace: PathTrace,
  userEnv: NodeJS.ProcessEnv,
  dirs: PrivateDirs,
  caches: { gocache: string; gomodcache: string },
  notes: string[],
): Promise<ThoroughFacts> {
  const out: ThoroughFacts = { latency: await measureLatency(ctx, trace, caches, notes) };
  if (trace.hops.length === 0 || trace.resolved === null) {
    notes.push('--thorough: GOROOT has no symlinks, so their cost was not measured');
    return out;
  }
  const exp = await runSymlinkExperiment(ctx, {
    target: trace.resolved,
    depths: [0, trace.hops.length],
    runs: THOROUGH_SYMLINK_RUNS,
    dirs,
    paths: dirs.goPaths(),
    cwd: dirs.named('symlink-work'),
    userEnv,
  });
  const perLevel = exp.perLevel.find((p) => p.command === SYMLINK_COMMANDS[0]?.label);
  out.symlinkPerHop = perLevel
    ? {
        estimateNs: perLevel.interval.estimate,
        loNs: perLevel.interval.lo,
        hiNs: perLevel.interval.hi,
      }
    : null;
  return out;
}

// `doctor --thorough`: the measurements that confirm or refute a finding on this machine, each
// an existing experiment run small: `analyze latency`'s built-in probe on the filesystems of
// GOROOT, GOCACHE and GOMODCACHE (a test file beside each cache, never inside), `analyze
// goroot`'s symlink experiment when GOROOT is reached through symlinks, and a short `sweep` of
// GOMAXPROCS or -p (its sampler and its Holm-corrected analysis) on a small warm build.
import { controlledEnv } from '../measure/controlled-env.js';
import { scenarioResult } from '../measure/baseline.js';
import { probeLatency, type LatencyTarget } from '../measure/io-latency.js';
import type { PrivateDirs } from '../measure/private-dirs.js';
import { runScenario, type ProgressSink } from '../measure/sampler.js';
import { readMounts } from '../probe/index.js';
import type { ConcurrencySweep, CpuFacts, StorageLatency, ThoroughFacts } from './doctor-report.js';
import {
  chooseSweep,
  SWEEP_RUNS,
  SWEEP_SCENARIO,
  SWEEP_WARMUP,
  sweepOutcome,
} from './doctor-sweep.js';
import { analyzeScenarioResults } from './sweep-analysis.js';
import { planSweep } from './sweep-plan.js';
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

/**
 * The short sweep: SWEEP_SCENARIO at Go's default concurrency against the points chooseSweep
 * picks, in the controlled environment every measurement has (GOMAXPROCS unset, GOFLAGS empty,
 * private caches), interleaved in a seeded shuffle of each round; `sweep`'s analysis of it.
 */
async function measureSweep(
  ctx: RunContext,
  input: ThoroughInput,
  notes: string[],
): Promise<ConcurrencySweep | null> {
  const choice = chooseSweep(input.cpu, input.goflags);
  if (choice.points.length === 0) {
    notes.push('--thorough: no concurrency setting besides the default to sweep');
    return null;
  }
  const { plan, configurations } = planSweep({
    scenarios: [SWEEP_SCENARIO],
    points: choice.points,
    toolchain: 'local',
    runs: SWEEP_RUNS,
    warmup: SWEEP_WARMUP,
  });
  const planned = plan[0];
  if (!planned) throw new Error('doctor: the short sweep has no scenario');
  const { scenario } = planned;
  const seed = Math.floor(Math.random() * 2 ** 31);
  const warmCacheDir = input.dirs.named('gocache-sweep');
  const env = controlledEnv(input.userEnv, { ...input.dirs.goPaths(), gocache: warmCacheDir }, {});
  const progress: ProgressSink = {
    phase: (id, text) => ctx.say(`short sweep: ${id}: ${text}`),
    sample: () => undefined,
  };
  ctx.say(
    `short sweep: ${scenario.id}, default vs ${choice.points.map((p) => p.name).join(', ')}, ${SWEEP_RUNS} runs each`,
  );
  const runs = await runScenario(
    scenario,
    { warmup: planned.warmup, runs: planned.runs, order: { kind: 'shuffle', seed } },
    configurations.map((configuration) => ({ configuration, goPath: input.goPath, env })),
    { runner: ctx.runner, dirs: input.dirs, warmCacheDir, progress },
  );
  const results = runs.map((run, i) =>
    scenarioResult(scenario, run, configurations[i]?.build ?? {}),
  );
  const analysis = analyzeScenarioResults(scenario.id, results, configurations);
  return sweepOutcome(analysis, choice, { runs: planned.runs, seed });
}

/** What --thorough measures with: what gatherFacts found so far. */
export interface ThoroughInput {
  goPath: string;
  trace: PathTrace;
  userEnv: NodeJS.ProcessEnv;
  dirs: PrivateDirs;
  caches: { gocache: string; gomodcache: string };
  cpu: CpuFacts;
  /** GOFLAGS as the user's go commands see it. */
  goflags: string | undefined;
}

/** --thorough: the experiments that confirm or refute a finding here, reused from `analyze` and `sweep`. */
export async function measureThorough(
  ctx: RunContext,
  input: ThoroughInput,
  notes: string[],
): Promise<ThoroughFacts> {
  const { trace, userEnv, dirs } = input;
  const out: ThoroughFacts = { latency: await measureLatency(ctx, trace, input.caches, notes) };
  out.sweep = await measureSweep(ctx, input, notes);
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

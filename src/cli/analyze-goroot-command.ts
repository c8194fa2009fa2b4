// `gobaseline analyze goroot`: how the toolchain resolves and validates GOROOT, what each
// symlink level in GOROOT costs, and whether GOROOT on tmpfs is slower than on disk, with the
// source document's claims judged against the measurements. Never writes the user's GOROOT,
// GOCACHE or GOMODCACHE: symlink chains point at the real GOROOT, copies and caches live in
// private directories removed at the end (also on error and Ctrl-C).
import { keepAnalysis, type AnalysisStoreOptions } from './store-options.js';
import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { EnvironmentError, ExitCode, UsageError } from '../errors.js';
import { loadCheck, withContext } from '../measure/context.js';
import { readMounts } from '../probe/index.js';
import {
  choosePlacement,
  diskCandidates,
  inspectDir,
  tmpfsCandidates,
  type Placement,
} from '../analyze/goroot-placement.js';
import { probeResolution } from '../analyze/goroot-probe.js';
import {
  GOROOT_REPORT_SCHEMA,
  type GorootReport,
  type TmpfsExperiment,
} from '../analyze/goroot-report.js';
import { renderGorootReport } from '../report/goroot-report.js';
import { treeSize, type RunContext } from '../analyze/goroot-runner.js';
import {
  DEFAULT_DEPTHS,
  MAX_DEPTH,
  runSymlinkExperiment,
} from '../analyze/goroot-symlink-experiment.js';
import { runTmpfsExperiment, skippedTmpfs } from '../analyze/goroot-tmpfs-experiment.js';
import { seconds, wholeNumber } from './options.js';
import { interruptible } from '../measure/interrupt.js';

/** The experiments `--experiment` selects. */
export const EXPERIMENTS = ['symlinks', 'tmpfs', 'all', 'none'] as const;

/** Options of `analyze goroot`. */
export interface AnalyzeGorootOptions extends AnalysisStoreOptions {
  experiment: (typeof EXPERIMENTS)[number];
  /** Timed runs per depth/copy and command (the stat probe: passes). */
  runs: number;
  depths: number[];
  /** Cold net/http builds per copy; `--no-build` sets build to false. */
  buildRuns: number;
  build: boolean;
  tmpfsDir?: string;
  diskDir?: string;
  go?: string;
  json?: boolean;
  /** Seconds before a go command is killed. */
  timeout: number;
  quiet?: boolean;
}

/** Parses `--depths 0,1,2,4,8`: distinct whole numbers 0..MAX_DEPTH, at least two, sorted. */
export function parseDepths(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) > MAX_DEPTH)) {
    throw new InvalidArgumentError(
      `expected comma-separated depths between 0 and ${MAX_DEPTH}, got "${value}"`,
    );
  }
  const depths = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (depths.length < 2) {
    throw new InvalidArgumentError(`expected at least two different depths, got "${value}"`);
  }
  return depths;
}

/** Adds `goroot` to the `analyze` command; `setExit` receives the exit code. */
export function register(analyze: Command, setExit: (code: number) => void): void {
  analyze
    .command('goroot')
    .description(
      'how GOROOT is resolved and validated, the cost per symlink level in GOROOT, and GOROOT on tmpfs vs disk, with the source document’s claims judged',
    )
    .addOption(
      new Option(
        '--experiment <which>',
        'experiments to run after the resolution report (none: the report only)',
      )
        .choices(EXPERIMENTS)
        .default('all'),
    )
    .option('-r, --runs <n>', 'timed runs per depth (or copy) and command', wholeNumber(1), 15)
    .addOption(
      new Option('--depths <list>', 'symlink depths to measure, comma-separated')
        .argParser(parseDepths)
        .default(DEFAULT_DEPTHS, DEFAULT_DEPTHS.join(',')),
    )
    .option(
      '--build-runs <n>',
      'cold `go build net/http` runs per GOROOT copy (about 20 s each)',
      wholeNumber(1),
      1,
    )
    .option('--no-build', 'skip the cold builds of the tmpfs experiment')
    .option('--tmpfs-dir <dir>', 'where to put the tmpfs copy (default: /dev/shm if it is tmpfs)')
    .option('--disk-dir <dir>', 'where to put the disk copy (default: the temp dir if on disk)')
    .option('--go <path>', 'the go binary to analyze (default: go on PATH)')
    .option('--json', 'print the report as JSON instead of tables')
    .addOption(
      new Option('--timeout <seconds>', 'kill a go command running longer than this')
        .argParser(seconds)
        .default(600),
    )
    .option('-q, --quiet', 'no progress output')
    .action(async (opts: AnalyzeGorootOptions) => setExit(await analyzeGorootCommand(opts)));
}

/** Picks a directory for a copy: the one the user named (which must fit), else the defaults. */
async function place(
  given: string | undefined,
  memory: boolean,
  needBytes: number,
): Promise<Placement> {
  const mounts = await readMounts();
  const candidates = (
    given !== undefined ? [given] : memory ? tmpfsCandidates() : diskCandidates()
  ).map((d) => inspectDir(d, mounts));
  const chosen = choosePlacement(candidates, memory, needBytes);
  if (!chosen.ok && given !== undefined) {
    throw new UsageError(`--${memory ? 'tmpfs' : 'disk'}-dir ${given}: ${chosen.reason}`);
  }
  return chosen;
}

/** `gobaseline analyze goroot`; resolves to the exit code. */
export async function analyzeGorootCommand(opts: AnalyzeGorootOptions): Promise<number> {
  const say = opts.quiet ? () => undefined : (line: string) => process.stderr.write(`${line}\n`);
  const runSymlinks = opts.experiment === 'symlinks' || opts.experiment === 'all';
  const runTmpfs = opts.experiment === 'tmpfs' || opts.experiment === 'all';
  const start = loadCheck('at start');
  const report = await interruptible((signal) =>
    withContext(
      { go: opts.go, userEnv: process.env, overrides: {}, timeoutMs: opts.timeout * 1000, signal },
      async (m): Promise<GorootReport> => {
        const ctx: RunContext = { runner: m.runner, say };
        const { dirs, paths, goPath, warnings } = m;
        const cwd = m.workDir;
        say(`resolution: asking ${goPath} for its GOROOT`);
        const resolution = await probeResolution(ctx, goPath, process.env, paths, process.cwd());
        const target = fs.realpathSync(resolution.trace.resolved ?? resolution.goroot);

        const symlinks = runSymlinks
          ? await runSymlinkExperiment(ctx, {
              target,
              depths: opts.depths,
              runs: opts.runs,
              dirs,
              paths,
              cwd,
              userEnv: process.env,
            })
          : null;

        let tmpfs: TmpfsExperiment | null = null;
        const buildRuns = opts.build ? opts.buildRuns : 0;
        if (runTmpfs) {
          say(`tmpfs: measuring the size of ${target}`);
          const size = await treeSize(target);
          // Room for the copy plus 10% and 64 MiB for file-system overhead.
          const need = Math.ceil(size.bytes * 1.1) + 64 * 2 ** 20;
          const onTmpfs = await place(opts.tmpfsDir, true, need);
          const onDisk = await place(opts.diskDir, false, need);
          if (!onTmpfs.ok) {
            tmpfs = skippedTmpfs(onTmpfs.reason, opts.runs, buildRuns);
            say(`tmpfs: skipped: ${onTmpfs.reason}`);
          } else if (!onDisk.ok) {
            tmpfs = skippedTmpfs(onDisk.reason, opts.runs, buildRuns);
            say(`tmpfs: skipped: ${onDisk.reason}`);
          } else {
            try {
              tmpfs = await runTmpfsExperiment(ctx, {
                source: target,
                sourceBytes: size.bytes,
                tmpfs: onTmpfs.candidate,
                disk: onDisk.candidate,
                runs: opts.runs,
                buildRuns,
                dirs,
                paths,
                cwd,
                userEnv: process.env,
              });
            } catch (err) {
              // A copy that cannot run (a noexec mount) or would read the original is a skipped
              // experiment, not a failed analysis: the symlink results are kept.
              if (!(err instanceof EnvironmentError)) throw err;
              tmpfs = skippedTmpfs(err.message, opts.runs, buildRuns);
              say(`tmpfs: skipped: ${err.message}`);
            }
          }
        }

        const end = loadCheck('at end');
        if (end.warning) warnings.push(end.warning);
        return {
          schemaVersion: GOROOT_REPORT_SCHEMA,
          command: 'analyze goroot',
          go: { path: goPath, version: resolution.goBinary.version },
          measuredBy: m.runner.measuredBy,
          resolution,
          symlinks,
          tmpfs,
          load: { start: start.loadAvg1, end: end.loadAvg1, threads: end.threads },
          warnings,
        };
      },
    ),
  );
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderGorootReport(report));
  await keepAnalysis('goroot', report, opts);
  return ExitCode.ok;
}

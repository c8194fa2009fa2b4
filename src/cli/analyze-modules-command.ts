// `gobaseline analyze modules`: module resolution at scale. For each size a synthetic workspace
// is generated (generate/) and `go list -deps`, `go list -m -json all` and a warm `go build`
// are timed under GOPATH mode, module mode (warm and cold module cache), vendor/, -mod=mod,
// the checksum database and GO111MODULE=auto, interleaved; the table, the scaling chart
// (--svg) and chapter 3's claims judged. Offline; the user's caches and GOPATH are never used.
// With --project DIR the same on the user's own module (analyze/modules-project.ts).
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { optionsProblem } from '../generate/plan.js';
import { measureModules, sizeOptions } from '../analyze/modules-session.js';
import { MODULE_COMMANDS, moduleModes } from '../analyze/modules-modes.js';
import { measureProject } from '../analyze/modules-project.js';
import { withContext } from '../measure/context.js';
import { checkProjectDir } from '../measure/project.js';
import { interruptible } from '../measure/interrupt.js';
import { renderModulesReport } from '../report/modules-report.js';
import { modulesSvg } from '../report/modules-svg.js';
import { StderrProgress } from '../report/progress.js';
import { checkWarmCache, warmCacheOption } from './measure-session.js';
import { checkOutputFile, writeOutput } from './output-file.js';
import { seconds, wholeNumber } from './options.js';
import { keepAnalysis, type AnalysisStoreOptions } from './store-options.js';

/** Sizes `analyze modules` measures by default: a few minutes on a 2-core machine. */
export const DEFAULT_SIZES = [10, 100];

/** Options of `analyze modules`. */
export interface AnalyzeModulesOptions extends AnalysisStoreOptions {
  modules: number[];
  depth: number;
  fanout: number;
  packages: number;
  files: number;
  seed: number;
  runs: number;
  coldRuns?: number;
  warmup: number;
  go?: string;
  warmCache?: string;
  json?: boolean;
  svg?: string;
  timeout: number;
  quiet?: boolean;
  project?: string;
  tryVendor?: boolean;
  modcache?: string;
}

/** Options that shape generated workspaces: meaningless with --project. */
const GENERATOR_OPTIONS = ['modules', 'depth', 'fanout', 'packages', 'files', 'seed'] as const;

/** Parses `--modules 10,100,1000`: distinct whole numbers >= 1, ascending. */
export function parseSizes(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) {
    throw new InvalidArgumentError(
      `expected comma-separated module counts, each a whole number >= 1, got "${value}"`,
    );
  }
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** Adds `modules` to the `analyze` command; `setExit` receives the exit code. */
export function register(analyze: Command, setExit: (code: number) => void): void {
  analyze
    .command('modules')
    .description(
      'module resolution at scale on generated workspaces: GOPATH vs modules, vendor/, a cold module cache, -mod=mod, the checksum database, GO111MODULE=auto; scaling chart and the source document’s claims judged',
    )
    .addOption(
      new Option('--modules <list>', 'dependency modules per workspace, comma-separated')
        .argParser(parseSizes)
        .default(DEFAULT_SIZES, DEFAULT_SIZES.join(',')),
    )
    .option('--depth <n>', 'layers of dependency modules (at most the size)', wholeNumber(1), 3)
    .option('--fanout <n>', 'direct dependencies of a module', wholeNumber(1), 3)
    .option('--packages <n>', 'packages per module', wholeNumber(1), 2)
    .option('--files <n>', 'Go files per package', wholeNumber(1), 2)
    .option('--seed <n>', 'the generator’s seed', wholeNumber(0), 1)
    .option('-r, --runs <n>', 'timed runs per command and mode', wholeNumber(1), 6)
    .option(
      '--cold-runs <n>',
      'timed runs of the cold-module-cache mode, the most expensive (default: --runs)',
      wholeNumber(1),
    )
    .option('-w, --warmup <n>', 'uncounted rounds after the untimed first run', wholeNumber(0), 0)
    .option('--go <path>', 'the go binary to measure (default: go on PATH)')
    .addOption(warmCacheOption())
    .option('--json', 'print the whole analysis as JSON instead of tables')
    .option('--svg <file>', 'write the scaling chart (log-log, one line per mode) as SVG')
    .addOption(
      new Option('--timeout <seconds>', 'kill a go command running longer than this')
        .argParser(seconds)
        .default(600),
    )
    .option('-q, --quiet', 'no progress output')
    .option(
      '--project <dir>',
      'measure your own module instead of generated workspaces (a private copy; its files are never modified)',
    )
    .option('--try-vendor', 'with --project: make vendor/ in a temporary copy when it has none')
    .option(
      '--modcache <dir>',
      'with --project: download its dependencies into this module cache (default: a private one)',
    )
    .action(async (opts: AnalyzeModulesOptions, cmd: Command) => {
      const given = GENERATOR_OPTIONS.filter((o) => cmd.getOptionValueSource(o) === 'cli');
      setExit(await analyzeModulesCommand(opts, given));
    });
}

/** Checks the --project options; `given` are the generator options named on the command line. */
function checkProjectOptions(opts: AnalyzeModulesOptions, given: readonly string[]): void {
  if (opts.project === undefined) {
    if (opts.tryVendor) throw new UsageError('--try-vendor needs --project DIR');
    if (opts.modcache !== undefined) throw new UsageError('--modcache needs --project DIR');
    return;
  }
  const first = given[0];
  if (first !== undefined)
    throw new UsageError(
      `--${first} shapes generated workspaces: not with --project (your module is measured as it is)`,
    );
  if (opts.svg)
    throw new UsageError('--svg draws scaling over generated sizes: not with --project');
  if (opts.modcache !== undefined) {
    const dir = path.resolve(opts.modcache);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`--modcache ${opts.modcache}: no such directory`);
  }
}

/** `gobaseline analyze modules`; resolves to the exit code. */
export async function analyzeModulesCommand(
  opts: AnalyzeModulesOptions,
  given: readonly string[] = [],
): Promise<number> {
  checkProjectOptions(opts, given);
  const projectDir = opts.project === undefined ? undefined : checkProjectDir(opts.project);
  const workspace = {
    depth: opts.depth,
    fanout: opts.fanout,
    packages: opts.packages,
    files: opts.files,
    seed: opts.seed,
  };
  for (const m of opts.modules) {
    const problem = optionsProblem(sizeOptions(workspace, m));
    if (problem) throw new UsageError(problem);
  }
  const warmCacheDir = opts.warmCache === undefined ? undefined : checkWarmCache(opts.warmCache);
  checkOutputFile(opts.svg, '--svg');
  if (opts.svg === '-') throw new UsageError('--svg needs a file name');
  const say = opts.quiet ? () => undefined : (line: string) => process.stderr.write(`${line}\n`);
  const subjects = projectDir === undefined ? opts.modules.length : 1;
  const cells = subjects * MODULE_COMMANDS.length * moduleModes('').length;
  const progress = new StderrProgress(cells, process.stderr, opts.quiet === true);
  if (opts.coldRuns !== undefined && opts.coldRuns > opts.runs)
    throw new UsageError(`--cold-runs ${opts.coldRuns} is more than --runs ${opts.runs}`);
  const sampling = {
    runs: opts.runs,
    ...(opts.coldRuns === undefined ? {} : { coldRuns: opts.coldRuns }),
    warmup: opts.warmup,
    ...(warmCacheDir === undefined ? {} : { warmCacheDir }),
  };
  const report = await interruptible((signal) =>
    withContext(
      { go: opts.go, userEnv: process.env, overrides: {}, timeoutMs: opts.timeout * 1000, signal },
      (ctx) =>
        projectDir === undefined
          ? measureModules(ctx, { sizes: opts.modules, workspace, ...sampling }, progress, say)
          : measureProject(
              ctx,
              {
                dir: projectDir,
                tryVendor: opts.tryVendor === true,
                ...(opts.modcache === undefined ? {} : { modcache: path.resolve(opts.modcache) }),
                userEnv: process.env,
                ...sampling,
              },
              progress,
              say,
            ),
    ),
  );
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderModulesReport(report));
  if (opts.svg) {
    await writeOutput(opts.svg, modulesSvg(report), '--svg');
    say(`wrote ${opts.svg}`);
  }
  const measured = report.perSize.length > 0 || (report.project?.commands.length ?? 0) > 0;
  if (measured) await keepAnalysis('modules', report, opts);
  return report.status === 'interrupted' ? ExitCode.interrupted : ExitCode.ok;
}

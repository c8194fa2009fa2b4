// `gobaseline sweep`: one scenario (or the user's own command) over the cartesian product of
// --param values, every configuration interleaved run by run in a seeded shuffle of each round
// with `default` (no settings) as the base; prints the table with Holm-corrected changes and
// the best configuration, writes the response curves (--svg), the run (--json) and saves it
// like `run`. Ctrl-C keeps the samples taken so far.
import { Command, Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { analyzeSweep } from '../analyze/sweep-analysis.js';
import { planSweep } from '../analyze/sweep-plan.js';
import {
  recommendCandidates,
  recommendFromSweep,
  recommendPoints,
} from '../analyze/recommend-candidates.js';
import type { RecommendationReport } from '../analyze/recommendation-report.js';
import { topologyForRecommendation } from '../analyze/recommend-session.js';
import { interruptible } from '../measure/interrupt.js';
import { findScenario } from '../scenarios/catalogue.js';
import { projectScenarioTemplates } from '../scenarios/project.js';
import { renderRecommendation } from '../report/recommendation.js';
import type { SweepPoint } from '../analyze/sweep-params.js';
import type { SweepReport } from '../analyze/sweep-report.js';
import { resolveToolchains } from '../measure/toolchains.js';
import { MIN_RUNS_FOR_CI } from '../measure/sampler.js';
import type { RunRecord } from '../record/run-record.js';
import type { Scenario } from '../scenarios/types.js';
import { renderGoBench } from '../report/gobench.js';
import {
  renderDockerCacheSummary,
  renderLinkFlagsSummary,
  scenariosWithoutBinary,
} from '../report/sweep-preset.js';
import { linkRecipe } from '../analyze/link-recipe.js';
import { checkProjectDir } from '../measure/project.js';
import { dockerCacheTargets, sweepTargets } from './sweep-targets.js';
import { wrapText } from '../report/fit-width.js';
import { renderSweepJson, renderSweepTable } from '../report/sweep-table.js';
import { sweepSvg } from '../report/sweep-svg.js';
import { ensureRunsDir } from '../store/run-files.js';
import {
  addAutoOptions,
  autoPlan,
  checkWarmCache,
  keepRun,
  measureInterruptibly,
  shuffleOrder,
  type AutoOptions,
  warmCacheOption,
} from './measure-session.js';
import { collectList, collectRepeat, seconds, wholeNumber } from './options.js';
import { addStoreOptions, checkStore, NO_SAVE_RUN, type StoreOptions } from './store-options.js';
import { checkOutputFile, writeOutput } from './output-file.js';
import { outputWidth } from './terminal-width.js';

export type SweepFormat = 'table' | 'gobench' | 'json';

export interface SweepOptions extends AutoOptions, StoreOptions {
  scenario?: string[];
  cmd?: string;
  param?: string[];
  runs?: number;
  warmup?: number;
  seed?: number;
  yes?: boolean;
  svg?: string;
  json?: string;
  format: SweepFormat;
  timeout: number;
  quiet?: boolean;
  wide?: boolean;
  recommend?: boolean;
  preset?: string;
  warmCache?: string;
  /** A Go module directory: its project scenarios and --cmd run in a private copy of it. */
  project?: string;
}

/** What a preset says under the tables: the best link flags, the docker rebuild's gain. */
function presetSummary(
  run: RunRecord,
  report: SweepReport,
  preset: string | undefined,
  width: number,
): string {
  if (preset === 'link-flags')
    return `\n${renderLinkFlagsSummary(linkRecipe(run, report), scenariosWithoutBinary(run), width)}`;
  if (preset === 'docker-cache') return `\n${renderDockerCacheSummary(report, width)}`;
  return '';
}

/** What goes to stdout: the run itself with --json -, else the sweep in --format. */
function stdoutText(run: RunRecord, report: SweepReport, opts: SweepOptions): string {
  if (opts.json === '-') return `${JSON.stringify(run, null, 2)}\n`;
  switch (opts.format) {
    case 'gobench':
      return renderGoBench(run);
    case 'json':
      return renderSweepJson(report);
    case 'table': {
      const width = outputWidth(opts.wide);
      const prose = width === 'wide' ? Infinity : width;
      const warnings = run.warnings.map((w) => wrapText(`  ${w}`, prose));
      const advice = report.recommendation
        ? `\n${renderRecommendation(report.recommendation, prose)}`
        : presetSummary(run, report, opts.preset, prose);
      return (
        renderSweepTable(report, width) +
        advice +
        (warnings.length ? `\nwarnings:\n${warnings.join('\n')}\n` : '')
      );
    }
  }
}

/** One line naming the configurations that yielded nothing, or null when all were measured. */
function failedLine(report: SweepReport): string | null {
  const failures = report.scenarios.flatMap((s) =>
    s.failures.map(
      (f) =>
        `${report.scenarios.length > 1 ? `${s.scenarioId} ` : ''}${f.configuration} (${f.reason})`,
    ),
  );
  if (failures.length === 0) return null;
  const total = report.scenarios.reduce((n, s) => n + (s.metrics[0]?.rows.length ?? 0), 0);
  return `${failures.length} of ${total} configurations failed, the others are measured: ${failures.join('; ')}`;
}

/** Whether every scenario builds with go build, so `-p` can be swept too. */
function understandsP(scenarios: readonly (string | Scenario)[]): boolean {
  return scenarios.every((s) => {
    const scenario =
      typeof s === 'string'
        ? (findScenario(s) ?? projectScenarioTemplates().find((t) => t.id === s))
        : s;
    return scenario?.buildSettings?.includes('p') === true;
  });
}

/**
 * --recommend: the points come from this machine's topology (Go's default GOMAXPROCS measured
 * first); null when the topology offers nothing but the default to measure.
 */
async function recommendedPoints(
  opts: SweepOptions,
  scenarios: readonly (string | Scenario)[],
  goPath: string,
): Promise<{ points: SweepPoint[]; advice: Omit<RecommendationReport, 'scenarios'> } | null> {
  if (opts.param?.length)
    throw new UsageError(
      '--recommend chooses GOMAXPROCS and p from the topology; leave out --param',
    );
  const topology = await interruptible((signal) =>
    topologyForRecommendation({
      goPath,
      userEnv: process.env,
      timeoutMs: opts.timeout * 1000,
      signal,
    }),
  );
  const plan = recommendCandidates(topology);
  const withP = understandsP(scenarios);
  const points = recommendPoints(plan, withP);
  const advice = { topology, plan, params: withP ? ['GOMAXPROCS', 'p'] : ['GOMAXPROCS'] };
  if (points.length > 0) return { points, advice };
  const width = outputWidth(opts.wide);
  process.stdout.write(
    renderRecommendation({ ...advice, scenarios: [] }, width === 'wide' ? Infinity : width) +
      'nothing to measure: the topology offers no value besides the default, so there is nothing to recommend\n',
  );
  return null;
}

export async function sweepCommand(opts: SweepOptions): Promise<number> {
  const targets = sweepTargets(opts);
  const { points } = targets;
  const auto = autoPlan(opts);
  // Every path is checked before anything is measured: a typo costs a line, not a sweep.
  checkOutputFile(opts.json, '--json');
  checkOutputFile(opts.svg, '--svg');
  if (opts.svg === '-') throw new UsageError('--svg needs a file name');
  const warmCacheDir = opts.warmCache ? checkWarmCache(opts.warmCache) : undefined;
  const projectDir = opts.project === undefined ? undefined : checkProjectDir(opts.project);
  if (targets.preset === 'docker-cache') {
    const docker = await dockerCacheTargets(projectDir !== undefined);
    (projectDir === undefined ? targets.scenarios : targets.inModule).push(...docker);
  }
  if (opts.save) ensureRunsDir();
  await checkStore(opts);
  const toolchains = await resolveToolchains([], [], process.env);
  const toolchain = toolchains[0];
  if (!toolchain) throw new UsageError('sweep: no toolchain');
  let advice: Omit<RecommendationReport, 'scenarios'> | null = null;
  if (opts.recommend) {
    const recommended = await recommendedPoints(opts, targets.scenarios, toolchain.goPath);
    if (recommended === null) return ExitCode.ok;
    points.push(...recommended.points);
    advice = recommended.advice;
  }
  const runs = opts.runs ?? (opts.auto ? MIN_RUNS_FOR_CI : undefined);
  const { plan, projectIds, configurations } = planSweep({
    scenarios: targets.scenarios,
    ...(projectDir === undefined ? {} : { project: { inModule: targets.inModule } }),
    points,
    toolchain: toolchain.label,
    runs,
    warmup: opts.warmup,
  });
  if (projectDir === undefined && targets.inModule.length > 0)
    throw new Error('sweep: scenarios for a module without --project');
  const inProject = projectIds.length + targets.inModule.length;

  const run = await measureInterruptibly(
    {
      plan,
      suite: null,
      project:
        projectDir === undefined
          ? undefined
          : {
              dir: projectDir,
              ids: projectIds,
              inModule: targets.inModule,
              runs: opts.runs ?? (opts.auto ? MIN_RUNS_FOR_CI : undefined),
              warmup: opts.warmup,
            },
      toolchains: [toolchain],
      configurations,
      warmCacheDir,
      order: shuffleOrder(opts.seed),
      auto,
      userEnv: process.env,
      overrides: {},
      runsOverride: opts.runs ?? null,
      warmupOverride: opts.warmup ?? null,
      timeoutMs: opts.timeout * 1000,
    },
    // Preparing the project (copy, download) is one step more.
    (plan.length + inProject) * configurations.length + (projectDir ? 1 : 0),
    opts.quiet,
  );
  if (run === null) return ExitCode.interrupted;

  const report = analyzeSweep(run);
  if (advice) {
    // Only from what was measured: the sweep's own Holm-corrected comparisons with `default`.
    report.recommendation = {
      ...advice,
      scenarios: report.scenarios.map((s) => ({
        scenarioId: s.scenarioId,
        recommendation: recommendFromSweep(s),
      })),
    };
  }
  process.stdout.write(stdoutText(run, report, opts));
  let svgCode: number | null = null;
  if (opts.svg) {
    try {
      await writeOutput(opts.svg, sweepSvg(report), '--svg');
      process.stderr.write(`wrote ${opts.svg}\n`);
    } catch (err) {
      process.stderr.write(`gobaseline: ${(err as Error).message}\n`);
      svgCode = ExitCode.usage;
    }
  }
  const keptCode = await keepRun(run, opts, opts.json === '-' ? undefined : opts.json);
  if (keptCode !== null) return keptCode;
  if (svgCode !== null) return svgCode;

  if (run.status === 'interrupted') return ExitCode.interrupted;
  if (!run.scenarios.some((s) => s.samples.some((x) => x.ok))) {
    const why = report.scenarios.flatMap((s) => s.failures)[0];
    process.stderr.write(
      `gobaseline: nothing was measured${why ? `: ${why.configuration}: ${why.reason}` : ''}\n`,
    );
    return ExitCode.environment;
  }
  // A value the go command rejects is bad input: say which configuration, keep the others.
  const failed = failedLine(report);
  if (failed) {
    process.stderr.write(`gobaseline: ${failed}\n`);
    return ExitCode.usage;
  }
  return ExitCode.ok;
}

/** Adds `sweep` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  const sweep = program
    .command('sweep')
    .description(
      'measure one scenario over a matrix of settings, interleaved run by run: the table with Holm-corrected changes vs default, the best configuration, response curves',
    )
    .option('--scenario <id>', 'the scenario to sweep (see `gobaseline scenarios`)', collectList)
    .option(
      '--cmd <command>',
      "your own command instead, as one string split like a shell does (no expansion), e.g. 'go build ./...'; `go` is the toolchain measured",
    )
    .option(
      '--preset <name>',
      "a sweep whose scenarios and points are given: link-flags (default, -ldflags='-s -w', -trimpath on hello world cold and warm, and --project's builds: wall, link time, binary size, the best flags) or docker-cache (docker build of `recipe dockerfile`: cold vs a rebuild with cache mounts; needs a Docker engine with BuildKit)",
    )
    .option(
      '--project <dir>',
      'your Go module: --scenario project/build-cold etc. and --cmd run in a private copy of it (dependencies downloaded once, untimed; your tree is never modified)',
    )
    .option(
      '--param <NAME=VALUES>',
      'a parameter and its values: an environment variable (GOMAXPROCS, GOGC, GODEBUG, ...) or a build setting (p, ldflags, trimpath, cache); values as a list 1,2,4 or a range 1..8, 1..8+2, 50..400*2 (repeatable; the configurations are the product)',
      collectRepeat,
    )
    .option(
      '-r, --runs <n>',
      'counted runs per configuration (default: per scenario)',
      wholeNumber(1),
    )
    .option('-w, --warmup <n>', 'uncounted warm-up rounds (default: per scenario)', wholeNumber(0))
    .option(
      '--seed <n>',
      'the seed of the shuffled order of each round (default random, recorded)',
      wholeNumber(0),
    )
    .option('--yes', 'run a sweep of more than 500 configurations')
    .option('--svg <file>', 'write the response curves (one panel per metric) as SVG')
    .option(
      '--json <file>',
      'also write the whole run as JSON to this file ("-": to stdout, no table)',
    )
    .addOption(
      new Option(
        '-f, --format <format>',
        'what to print: the table, Go benchmark format (benchstat -col /gomaxprocs) or the analysis as JSON',
      )
        .choices(['table', 'gobench', 'json'])
        .default('table'),
    )
    .addOption(
      new Option('--timeout <seconds>', 'kill a command running longer than this')
        .argParser(seconds)
        .default(600),
    )
    .addOption(warmCacheOption())
    .option('-q, --quiet', 'no progress output')
    .option('--wide', "print every column of the table, whatever the terminal's width")
    .option(
      '--recommend',
      "derive GOMAXPROCS and -p values from this machine's topology (cores, CPU quota, cpuset, NUMA, Go's default), measure them against the default and recommend one only if it is significantly faster",
    );
  addAutoOptions(sweep);
  addStoreOptions(sweep, NO_SAVE_RUN);
  sweep.action(async (opts: SweepOptions) => setExit(await sweepCommand(opts)));
}

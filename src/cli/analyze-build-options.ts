// What `analyze build` and `analyze cache` share on the command line: their options, reading a
// --graph file, and printing the report (table or JSON, and the --svg chart).
import { promises as fs } from 'node:fs';
import { Option, type Command } from 'commander';
import type { BuildAnalysisReport } from '../analyze/build-report.js';
import { DEFAULT_PACKAGE, reportFromGraph } from '../analyze/build-session.js';
import { UsageError } from '../errors.js';
import { buildChartSvg } from '../report/build-svg.js';
import { collectList, wholeNumber } from './options.js';
import { checkOutputFile, writeOutput } from './output-file.js';
import { keepAnalysis, type AnalysisStoreOptions } from './store-options.js';
import {
  addBuildTargetOptions,
  addGoCommandOptions,
  type BuildTargetOptions,
  type GoCommandOptions,
} from './build-target-options.js';

/** Options shared by `analyze build` and `analyze cache`. */
export interface AnalyzeBuildOptions
  extends BuildTargetOptions, GoCommandOptions, AnalysisStoreOptions {
  cache?: 'cold' | 'warm';
  prime?: string[];
  top: number;
  svg?: string;
  json?: boolean;
  graph?: string;
  saveGraph?: string;
}

/** Options of `analyze cache` only. */
export interface AnalyzeCacheOptions extends AnalyzeBuildOptions {
  verify?: boolean;
  relocatedGoroot?: boolean;
  runs: number;
}

export function addSharedOptions(cmd: Command, defaultCache: 'cold' | 'warm'): Command {
  addBuildTargetOptions(cmd, DEFAULT_PACKAGE)
    .addOption(
      new Option(
        '--cache <state>',
        `GOCACHE state the build starts from (default: ${defaultCache})`,
      ).choices(['cold', 'warm']),
    )
    .option(
      '--prime <pkg>',
      'start from an empty GOCACHE primed by an untimed build of these packages (repeatable), e.g. net/url: a partly warm cache',
      collectList,
    )
    .option('--top <n>', 'how many of the slowest compiles to show', wholeNumber(1), 10)
    .option('--svg <file>', 'write a Gantt chart of the critical path and the slowest compiles')
    .option('--json', 'print the report as JSON instead of tables')
    .option(
      '--graph <file>',
      'analyze this action graph (go build -debug-actiongraph) instead of building',
    )
    .option('--save-graph <file>', "also write the build's raw action graph to this file");
  return addGoCommandOptions(cmd);
}

/** Progress lines on stderr, unless --quiet. */
export function progress(opts: AnalyzeBuildOptions): (line: string) => void {
  return opts.quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`);
}

/** Reads an action graph file (--graph); a missing or unreadable file is a usage error. */
export async function readGraphFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--graph ${file}: ${(err as Error).message}`);
  }
}

export async function output(
  report: BuildAnalysisReport,
  opts: AnalyzeBuildOptions,
  render: (r: BuildAnalysisReport) => string,
): Promise<void> {
  if (opts.svg) {
    const c = report.cache;
    const state =
      c.state === 'primed'
        ? `cache primed by ${c.primedWith.join(' ')}`
        : c.state === 'graph-file'
          ? 'from an action graph file'
          : `${c.state} cache`;
    const title = `gobaseline ${report.command} · ${report.target.packages.join(' ') || 'build'} · ${state}`;
    await writeOutput(opts.svg, buildChartSvg(title, report.analysis), '--svg');
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(render(report));
  if (opts.svg && !opts.quiet) process.stderr.write(`wrote ${opts.svg}\n`);
  // A graph read from a file (--graph) was not measured here: stored without a machine.
  const measuredHere = report.cache.state !== 'graph-file';
  await keepAnalysis(report.command.replace(/^analyze /, ''), report, opts, measuredHere);
}

export function refuseWithGraph(opts: AnalyzeCacheOptions | AnalyzeBuildOptions): void {
  const c = opts as AnalyzeCacheOptions;
  const clash = [
    opts.package && '--package',
    opts.project && '--project',
    opts.cache && '--cache',
    opts.prime && '--prime',
    opts.saveGraph && '--save-graph',
    c.verify && '--verify',
    c.relocatedGoroot && '--relocated-goroot',
  ].filter(Boolean);
  if (clash.length)
    throw new UsageError(`--graph reads a finished build; it excludes ${clash.join(', ')}`);
}

/** Writes the build's raw action graph to --save-graph, when given. */
export function saver(
  opts: AnalyzeBuildOptions,
): ((graphText: string) => Promise<void>) | undefined {
  const file = opts.saveGraph;
  return file === undefined ? undefined : (text) => writeOutput(file, text, '--save-graph');
}

/** --svg and --save-graph are checked before anything is measured. */
function checkOutputs(opts: { svg?: string; saveGraph?: string }): void {
  checkOutputFile(opts.svg, '--svg');
  checkOutputFile(opts.saveGraph, '--save-graph');
}

/**
 * The start of `analyze build` and `analyze cache`: --svg and --save-graph checked before
 * anything runs, then `--graph FILE`, the report of a finished build read from its action graph
 * and printed like a measured one; false when no --graph was given (the command then builds).
 */
export async function reportGraphFile(
  opts: AnalyzeBuildOptions | AnalyzeCacheOptions,
  command: 'analyze build' | 'analyze cache',
  render: (r: BuildAnalysisReport) => string,
): Promise<boolean> {
  checkOutputs(opts);
  if (opts.graph === undefined) return false;
  refuseWithGraph(opts);
  const text = await readGraphFile(opts.graph);
  await output(reportFromGraph(text, opts.graph, opts, command), opts, render);
  return true;
}

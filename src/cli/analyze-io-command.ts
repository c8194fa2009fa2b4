// `gobaseline analyze io`: a build traced with `strace -f`, its file-system calls attributed to
// GOROOT/src, GOROOT/pkg, GOCACHE, GOMODCACHE, the project, ..., cold and warm GOCACHE side by
// side, checked against strace's own counts (analyze/io-session.ts does the work).
// Every go command gets private GOCACHE, GOMODCACHE and TMPDIR, removed at the end (also on
// Ctrl-C); the user's own directories are never written.
import { keepAnalysis, type AnalysisStoreOptions } from './store-options.js';
import { Option, type Command } from 'commander';
import type { IoReport } from '../analyze/io-report.js';
import {
  DEFAULT_IO_PACKAGE,
  fromTraceFile,
  traceBuilds,
  type IoSessionOptions,
} from '../analyze/io-session.js';
import { requireStrace } from '../analyze/io-tracer.js';
import { failedChecks, renderIoReport } from '../report/io-report.js';
import { ioHeatMapSvg } from '../report/io-svg.js';
import { wholeNumber } from './options.js';
import { exitForChecks } from './failed-checks.js';
import { interruptible } from '../measure/interrupt.js';
import { checkOutputDir, checkOutputFile, writeOutput } from './output-file.js';
import {
  addBuildTargetOptions,
  addGoCommandOptions,
  type BuildTargetOptions,
  type GoCommandOptions,
} from './build-target-options.js';

/** Options of `analyze io`. */
export interface AnalyzeIoOptions
  extends IoSessionOptions, BuildTargetOptions, GoCommandOptions, AnalysisStoreOptions {
  svg?: string;
  json?: boolean;
}

/** Adds `io` to the `analyze` command; `setExit` receives the exit code. */
export function register(analyze: Command, setExit: (code: number) => void): void {
  const io = addBuildTargetOptions(
    analyze
      .command('io')
      .description(
        'file-system calls of a build, traced with strace -f, by area (GOROOT, GOCACHE, GOMODCACHE, project, ...), cold and warm GOCACHE side by side',
      ),
    DEFAULT_IO_PACKAGE,
  )
    .addOption(
      new Option('--cache <state>', 'GOCACHE state(s) to trace')
        .choices(['cold', 'warm', 'both'])
        .default('both'),
    )
    .option('--top <n>', 'how many of the most-called files to list', wholeNumber(1), 10)
    .option('--svg <file>', 'write a heat map (areas × kinds of call, colour by count)')
    .option('--json', 'print the report as JSON instead of tables')
    .option(
      '--verify',
      'also count with a separate `strace -c -f` build in the same cache state (openat and stat family must agree within 5%)',
    )
    .option(
      '--trace <file>',
      'analyze this trace (strace -f -y -o FILE) instead of building; areas from go env and your GOCACHE/GOMODCACHE',
    )
    .option('--save-trace <dir>', 'also copy the raw trace files into this directory');
  addGoCommandOptions(io, 'a traced build').action(async (opts: AnalyzeIoOptions) =>
    setExit(await analyzeIoCommand(opts)),
  );
}

function progress(quiet: boolean | undefined): (line: string) => void {
  return quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`);
}

async function output(report: IoReport, opts: AnalyzeIoOptions): Promise<void> {
  if (opts.svg) await writeOutput(opts.svg, ioHeatMapSvg(report), '--svg');
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderIoReport(report));
  if (opts.svg && !opts.quiet) process.stderr.write(`wrote ${opts.svg}\n`);
  await keepAnalysis('io', report, opts);
}

/** Exit 1 when a count check failed (the parsed counts disagree with strace's own). */
function exitFor(report: IoReport): number {
  return exitForChecks(failedChecks(report).map((l) => `count check failed: ${l}`));
}

/** `gobaseline analyze io`; resolves to the exit code. */
export async function analyzeIoCommand(opts: AnalyzeIoOptions): Promise<number> {
  checkOutputFile(opts.svg, '--svg');
  checkOutputDir(opts.saveTrace, '--save-trace');
  if (opts.trace !== undefined) {
    const report = await interruptible((signal) => fromTraceFile(opts, signal));
    await output(report, opts);
    return exitFor(report);
  }
  const stracePath = requireStrace(process.env.PATH);
  const say = progress(opts.quiet);
  const report = await interruptible((signal) => traceBuilds(opts, stracePath, signal, say));
  await output(report, opts);
  return exitFor(report);
}

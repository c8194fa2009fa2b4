// `gobaseline analyze latency`: 4 KiB random-read latency on the filesystems of GOROOT, the temp
// dir, GOCACHE and GOMODCACHE (analyze/latency-session.ts chooses the targets and engines).
import { keepAnalysis, type AnalysisStoreOptions } from './store-options.js';
import { Option, type Command } from 'commander';
import { measureLatency, type LatencySessionOptions } from '../analyze/latency-session.js';
import { ExitCode } from '../errors.js';
import { renderLatencyReport } from '../report/io-latency.js';
import { interruptible } from '../measure/interrupt.js';
import { collectRepeat, wholeNumber } from './options.js';

/** Options of `analyze latency`. */
export interface AnalyzeLatencyOptions extends LatencySessionOptions, AnalysisStoreOptions {
  json?: boolean;
  quiet?: boolean;
}

/** Adds `latency` to the `analyze` command; `setExit` receives the exit code. */
export function register(analyze: Command, setExit: (code: number) => void): void {
  analyze
    .command('latency')
    .description(
      '4 KiB random-read latency at queue depth 1 on the filesystems of GOROOT, the temp dir, GOCACHE and GOMODCACHE (fio when installed)',
    )
    .addOption(
      new Option('--engine <engine>', 'fio, the built-in probe, or both (auto: fio when installed)')
        .choices(['auto', 'builtin', 'fio', 'both'])
        .default('auto'),
    )
    .option('--reads <n>', 'timed reads per directory and engine', wholeNumber(10), 2000)
    .option('--file-size <MiB>', 'size of each private test file', wholeNumber(1), 64)
    .option('--dir <path>', 'also probe this directory, e.g. /dev/shm (repeatable)', collectRepeat)
    .option('--no-direct', 'buffered reads through the page cache instead of O_DIRECT')
    .option('--go <path>', 'the go binary whose GOROOT is probed (default: go on PATH)')
    .option('--json', 'print the results as JSON instead of a table')
    .option('-q, --quiet', 'no progress output')
    .action(async (opts: AnalyzeLatencyOptions) => setExit(await analyzeLatencyCommand(opts)));
}

function progress(quiet: boolean | undefined): (line: string) => void {
  return quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`);
}

/** `gobaseline analyze latency`; resolves to the exit code. */
export async function analyzeLatencyCommand(opts: AnalyzeLatencyOptions): Promise<number> {
  const report = await interruptible((signal) =>
    measureLatency(opts, signal, progress(opts.quiet)),
  );
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderLatencyReport(report));
  await keepAnalysis('latency', report, opts);
  if (report.results.some((r) => r.measurements.length > 0)) return ExitCode.ok;
  const why = report.results.map((r) => `${r.role}: ${r.skipped ?? 'no measurement'}`).join('; ');
  process.stderr.write(`gobaseline: no directory could be measured (${why})\n`);
  return ExitCode.environment;
}

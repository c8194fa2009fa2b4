// `gobaseline compare A B [C ...]`: benchstat-style comparison of runs (run JSON files) or Go
// benchmark text files (go test -bench output, `report --format gobench`), told apart by content.
import { promises as fs } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { compareInputs } from '../report/compare.js';
import {
  checkCommonGround,
  prepareComparison,
  selectMetrics,
  type LoadedInput,
} from '../report/compare-inputs.js';
import { renderCompare, type CompareFormat } from '../report/compare-render.js';
import { parseGoBench } from '../parse/gobench-reader.js';
import { readRunFile } from '../store/run-files.js';
import { collectList } from './options.js';
import { outputWidth } from './terminal-width.js';

export interface CompareCommandOptions {
  /** Significance level, 0-1. */
  alpha: number;
  /** Confidence level of the median intervals, 0-1. */
  confidence: number;
  format: CompareFormat;
  /** Metrics to compare (keys or units); all when absent. */
  metric?: string[];
  /** With the table format: every column, whatever the terminal's width. */
  wide?: boolean;
}

/** A number strictly between 0 and 1, e.g. --alpha 0.01. */
function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n >= 1) {
    throw new InvalidArgumentError(`expected a number between 0 and 1, got "${value}"`);
  }
  return n;
}

/** Reads one input: a gobaseline run file (JSON) or Go benchmark text; anything else is refused. */
export async function loadInput(path: string): Promise<LoadedInput> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  if (text.trimStart().startsWith('{')) return { path, kind: 'run', run: await readRunFile(path) };
  const file = parseGoBench(text, path);
  if (file.results.length === 0) {
    throw new UsageError(
      `${path} is neither a gobaseline run file nor Go benchmark output (no Benchmark result lines)`,
    );
  }
  return { path, kind: 'gobench', file };
}

export async function compareCommand(
  files: string[],
  opts: CompareCommandOptions,
): Promise<number> {
  if (files.length < 2) throw new UsageError('compare needs at least two inputs (A B [C ...])');
  const loaded: LoadedInput[] = [];
  for (const file of files) loaded.push(await loadInput(file));
  const prepared = prepareComparison(loaded);
  const metrics = selectMetrics(prepared, opts.metric);
  checkCommonGround(prepared.inputs, metrics);
  const report = compareInputs(prepared.inputs, metrics, {
    alpha: opts.alpha,
    confidence: opts.confidence,
  });
  process.stdout.write(renderCompare(report, opts.format, outputWidth(opts.wide)));
  return ExitCode.ok;
}

/** Adds `compare` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('compare')
    .description(
      'compare runs or Go benchmark files benchstat-style: centre ± CI, change vs the first, p-value',
    )
    .argument('<files...>', 'run JSON files or Go benchmark text files; the first is the base')
    .addOption(
      new Option('--alpha <a>', 'significance level of the Mann-Whitney U test')
        .argParser(fraction)
        .default(0.05),
    )
    .addOption(
      new Option('--confidence <c>', 'confidence level of the median intervals')
        .argParser(fraction)
        .default(0.95),
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'md', 'csv', 'json'])
        .default('table'),
    )
    .option(
      '--metric <key>',
      'compare only this metric, e.g. wallNs or ns/op (repeatable, or comma-separated; default: all)',
      collectList,
    )
    .option('--wide', "with --format table: every column, whatever the terminal's width")
    .action(async (files: string[], opts: CompareCommandOptions) =>
      setExit(await compareCommand(files, opts)),
    );
}

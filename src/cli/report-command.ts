// `gobaseline report RUN.json`: writes a saved run as the terminal table, Markdown, CSV, JSON
// or the Go benchmark format (for benchstat), to stdout or --output FILE.
import { Command, Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { csvReporter } from '../report/csv.js';
import { goBenchReporter } from '../report/gobench.js';
import { jsonReporter } from '../report/json.js';
import { markdownReporter } from '../report/markdown.js';
import type { Reporter } from '../report/reporter.js';
import { readRunFile } from '../store/run-files.js';
import { checkOutputFile, writeOutput } from './output-file.js';
import { renderRun } from './run-command.js';
import { outputWidth } from './terminal-width.js';

/** Every --format, by name. */
export const REPORTERS: Readonly<Record<string, Reporter>> = {
  table: { render: renderRun },
  md: markdownReporter,
  csv: csvReporter,
  json: jsonReporter,
  gobench: goBenchReporter,
};

export interface ReportCommandOptions {
  format: string;
  output?: string;
  wide?: boolean;
}

export async function reportCommand(file: string, opts: ReportCommandOptions): Promise<number> {
  const reporter = REPORTERS[opts.format];
  if (!reporter) throw new UsageError(`unknown format "${opts.format}"`);
  checkOutputFile(opts.output, '--output');
  const run = await readRunFile(file);
  // The table fits the terminal it is printed on; a file gets the stable compact form.
  const text =
    opts.format === 'table'
      ? renderRun(run, outputWidth(opts.wide, opts.output && opts.output !== '-' ? {} : undefined))
      : reporter.render(run);
  if (!opts.output || opts.output === '-') {
    process.stdout.write(text);
    return ExitCode.ok;
  }
  await writeOutput(opts.output, text, '--output');
  process.stderr.write(`wrote ${opts.output}\n`);
  return ExitCode.ok;
}

/** Adds `report` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('write a saved run as a table, Markdown, CSV, JSON or Go benchmark format')
    .argument('<run.json>', 'a run file (gobaseline run --json FILE, or a saved run)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(Object.keys(REPORTERS))
        .default('table'),
    )
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--wide', "with --format table: every column, whatever the terminal's width")
    .action(async (file: string, opts: ReportCommandOptions) =>
      setExit(await reportCommand(file, opts)),
    );
}

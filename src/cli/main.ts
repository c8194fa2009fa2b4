#!/usr/bin/env node
// gobaseline's command line: parses flags with commander and maps errors to exit codes
// (0 ok, 1 regression, 2 usage/input, 3 environment, 130 interrupted).
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, hasExitCode } from '../errors.js';
import { toolVersion } from '../measure/baseline.js';
import { collectEnv, collectList, collectRepeat, seconds, wholeNumber } from './options.js';
import { register as registerAnalyze } from './analyze-command.js';
import { register as registerCache } from './cache-command.js';
import { register as registerCheck } from './check-command.js';
import { register as registerHistory } from './history-command.js';
import { register as registerCompare } from './compare-command.js';
import { register as registerDoctor } from './doctor-command.js';
import { register as registerGenerate } from './generate-command.js';
import { register as registerRecipe } from './recipe-command.js';
import { register as registerReport } from './report-command.js';
import { runCommand } from './run-command.js';
import { scenariosCommand } from './scenarios-command.js';
import { register as registerPush } from './push-command.js';
import { register as registerServe } from './serve-command.js';
import { register as registerSweep } from './sweep-command.js';
import { register as registerToken } from './token-command.js';
import { addAutoOptions, warmCacheOption } from './measure-session.js';
import { addStoreOptions, NO_SAVE_RUN } from './store-options.js';

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('gobaseline')
    .description('Reproducible performance baselines for a Go development environment')
    .version(toolVersion())
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 regression or failed check, 2 bad usage or input,\n' +
        '3 the environment cannot be measured (no or broken go), 130 interrupted.',
    )
    .exitOverride()
    .configureOutput({
      // One line per error, with the hint on the same line.
      outputError: (text, write) =>
        write(`gobaseline: ${text.replace(/^error: /, '').trimEnd()} (see --help)\n`),
    });

  const run = program
    .command('run')
    .description('measure a suite of scenarios on this machine, print the table and save the run')
    .option('-s, --suite <id>', 'suite to run: quick (default) or standard')
    .option(
      '--scenario <id>',
      'run only this scenario (repeatable, or comma-separated)',
      collectList,
    )
    .option('-r, --runs <n>', 'counted runs per scenario (default: per scenario)', wholeNumber(1))
    .option(
      '-w, --warmup <n>',
      'uncounted warm-up runs per scenario (default: per scenario)',
      wholeNumber(0),
    )
    .option(
      '--go <path>',
      'a go binary to measure (repeatable: toolchains are compared, run by run; default: go on PATH)',
      collectRepeat,
    )
    .option(
      '--toolchain <versions>',
      'toolchains to compare, e.g. go1.27.3,local (fetched with GOTOOLCHAIN into a private module cache)',
      collectList,
    )
    .option(
      '--config <spec>',
      "a configuration to compare, run by run: 'NAME: KEY=VALUE ...' with environment variables (GOGC=50), build settings (p=2 ldflags='-s -w' trimpath=true cache=cold|warm) or go=PATH|VERSION (repeatable)",
      collectRepeat,
    )
    .addOption(
      new Option(
        '--order <kind>',
        'order of the configurations inside each round (default abba)',
      ).choices(['abba', 'shuffle']),
    )
    .option(
      '--seed <n>',
      'with --order shuffle: the seed of the shuffle (default random)',
      wholeNumber(0),
    )
    .option(
      '--project <dir>',
      'measure your Go module too: build (cold, warm), vet and test compile of a private copy (alone: only these; see docs/project.md)',
    )
    .option(
      '-e, --env <KEY=VALUE>',
      'set a variable for the measured commands (repeatable)',
      collectEnv,
    )
    .option(
      '--json <file>',
      'also write the whole run as JSON to this file ("-": to stdout, no table)',
    )
    .option('--no-canary', "don't measure the drift canaries (the machine's own speed)")
    .option(
      '--fresh-bandwidth',
      "measure the machine's memory bandwidth even if a run measured it in the last hour",
    )
    .addOption(warmCacheOption())
    .addOption(
      new Option('--timeout <seconds>', 'kill a command running longer than this')
        .argParser(seconds)
        .default(600),
    )
    .option('-q, --quiet', 'no progress output')
    .option('--wide', "print every column of the table, whatever the terminal's width");
  addAutoOptions(run);
  addStoreOptions(run, NO_SAVE_RUN);
  run
    .option(
      '--push <url>',
      'also send the saved run to a gobaseline serve at this URL (kept queued if it cannot: see push)',
    )
    .option(
      '--token <token>',
      'with --push: a write token of the server (default: $GOBASELINE_TOKEN)',
    );
  run.action(async (opts) => setExit(await runCommand(opts)));

  program
    .command('scenarios')
    .description('list the scenarios and suites')
    .option('--json', 'print the catalogue as JSON')
    .action((opts) => scenariosCommand(opts));
  registerSweep(program, setExit);
  registerReport(program, setExit);
  registerCompare(program, setExit);
  registerDoctor(program, setExit);
  registerAnalyze(program, setExit);
  registerCache(program, setExit);
  registerRecipe(program, setExit);
  registerCheck(program, setExit);
  registerHistory(program, setExit);
  registerGenerate(program, setExit);
  registerServe(program, setExit);
  registerPush(program, setExit);
  registerToken(program, setExit);
  return program;
}

async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`gobaseline --help | head`) is not an error; a run goes on and
  // is still saved.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  let exitCode: number = ExitCode.ok;
  const program = buildProgram((code) => (exitCode = code));
  if (argv.length <= 2) {
    program.outputHelp({ error: true });
    return ExitCode.usage;
  }
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      const clean = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
        err.code,
      );
      return clean ? ExitCode.ok : ExitCode.usage;
    }
    if (hasExitCode(err)) {
      process.stderr.write(`gobaseline: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(
      `gobaseline: internal error (please report): ${err instanceof Error ? err.stack : String(err)}\n`,
    );
    return 70;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});

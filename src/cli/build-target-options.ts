// Options shared by the analyze commands that run builds (`build`, `cache`, `io`): what to
// build (--package, --project) and how to run the go command (--go, -e, --timeout, -q).
import { Option, type Command } from 'commander';
import { collectEnv, collectList, seconds } from './options.js';

/** What to build. */
export interface BuildTargetOptions {
  package?: string[];
  project?: string;
}

/** How to run the go command. */
export interface GoCommandOptions {
  go?: string;
  env?: Record<string, string>;
  /** Seconds a go command may run before it is killed. */
  timeout: number;
  quiet?: boolean;
}

/** Adds --package and --project (defaulting to `defaultPackage`, or ./... in a project). */
export function addBuildTargetOptions(cmd: Command, defaultPackage: string): Command {
  return cmd
    .option(
      '--package <pkg>',
      `package pattern to build (repeatable; default ${defaultPackage}, or ./... with --project)`,
      collectList,
    )
    .option('--project <dir>', "build in your module's directory instead of the standard library");
}

/** Adds --go, -e/--env, --timeout and -q. */
export function addGoCommandOptions(cmd: Command, timeoutWhat = 'a go command'): Command {
  return cmd
    .option('--go <path>', 'the go binary to use (default: go on PATH)')
    .option(
      '-e, --env <KEY=VALUE>',
      'set a variable for the go commands (repeatable), e.g. GOFLAGS=-trimpath',
      collectEnv,
    )
    .addOption(
      new Option('--timeout <seconds>', `kill ${timeoutWhat} running longer than this`)
        .argParser(seconds)
        .default(600),
    )
    .option('-q, --quiet', 'no progress output');
}

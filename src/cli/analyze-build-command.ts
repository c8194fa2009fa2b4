// `gobaseline analyze build`: build a target with a private GOCACHE in a chosen state, read the
// go command's action graph, and report compile times and the critical path
// (analyze/build-session.ts does the work). Every go command gets private GOCACHE, GOMODCACHE
// and TMPDIR, removed at the end (also on Ctrl-C).
import type { Command } from 'commander';
import { cacheState, measureBuild, prepareCache, withSession } from '../analyze/build-session.js';
import { ExitCode } from '../errors.js';
import { renderBuildReport } from '../report/build-report.js';
import {
  addSharedOptions,
  output,
  progress,
  reportGraphFile,
  saver,
  type AnalyzeBuildOptions,
} from './analyze-build-options.js';
import { interruptible } from '../measure/interrupt.js';

/** Adds `build` to the `analyze` command; `setExit` receives the exit code. */
export function register(analyze: Command, setExit: (code: number) => void): void {
  addSharedOptions(
    analyze
      .command('build')
      .description(
        'per-package compile times and the critical path, from the action graph of a build with a private GOCACHE',
      ),
    'cold',
  )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  gobaseline analyze build                      # cold net/http: slowest compiles, critical path',
        '  gobaseline analyze build --project . --svg build.svg   # your module (./...), with a chart',
        '  gobaseline analyze build --graph graph.json   # from go build -debug-actiongraph=graph.json',
      ].join('\n'),
    )
    .action(async (opts: AnalyzeBuildOptions) => setExit(await analyzeBuildCommand(opts)));
}

/** `gobaseline analyze build`; resolves to the exit code. */
export async function analyzeBuildCommand(opts: AnalyzeBuildOptions): Promise<number> {
  if (await reportGraphFile(opts, 'analyze build', renderBuildReport)) return ExitCode.ok;
  const state = cacheState(opts, 'cold');
  const report = await interruptible((signal) =>
    withSession(opts, signal, progress(opts), async (s) => {
      await prepareCache(s, state);
      return (await measureBuild(s, opts, 'analyze build', state, saver(opts))).report;
    }),
  );
  await output(report, opts, renderBuildReport);
  return ExitCode.ok;
}

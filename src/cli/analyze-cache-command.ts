// `gobaseline analyze cache`: the build-cache hit rate from the action graph of a build with a
// private GOCACHE; --verify cross-checks it with `go build -x`, --relocated-goroot repeats the
// warm build with a copy of GOROOT elsewhere (analyze/goroot-relocation.ts).
import type { Command } from 'commander';
import {
  cacheState,
  compilesInCacheCopy,
  measureBuild,
  prepareCache,
  withSession,
} from '../analyze/build-session.js';
import { compareWithBuildX } from '../analyze/build-x-agreement.js';
import { relocateGoroot } from '../analyze/goroot-relocation.js';
import { ExitCode } from '../errors.js';
import { renderCacheReport, verifyLines } from '../report/build-report.js';
import {
  addSharedOptions,
  output,
  progress,
  reportGraphFile,
  saver,
  type AnalyzeCacheOptions,
} from './analyze-build-options.js';
import { exitForChecks } from './failed-checks.js';
import { interruptible } from '../measure/interrupt.js';
import { wholeNumber } from './options.js';

/** Adds `cache` to the `analyze` command; `setExit` receives the exit code. */
export function register(analyze: Command, setExit: (code: number) => void): void {
  addSharedOptions(
    analyze
      .command('cache')
      .description(
        'build-cache hit rate from the action graph of a build with a private GOCACHE; --relocated-goroot: the same GOCACHE with GOROOT copied elsewhere',
      ),
    'warm',
  )
    .option('--verify', 'cross-check the hit count with `go build -x` in a copy of the same cache')
    .option(
      '--relocated-goroot',
      'time warm builds with GOROOT and with a copy of GOROOT elsewhere, same GOCACHE',
    )
    .option('--runs <n>', 'timed builds per GOROOT with --relocated-goroot', wholeNumber(1), 5)
    .addHelpText(
      'after',
      [
        '',
        'Compile actions are the graph\'s mode "build" actions; one that ran no tool (Cmd null)',
        'was served from the cache. Exit code 1 when --verify disagrees.',
        '',
        'Examples:',
        '  gobaseline analyze cache                        # warm net/http: every package from the cache',
        '  gobaseline analyze cache --prime net/url --verify   # partly warm, checked with go build -x',
        '  gobaseline analyze cache --relocated-goroot     # same GOCACHE, GOROOT copied elsewhere',
      ].join('\n'),
    )
    .action(async (opts: AnalyzeCacheOptions) => setExit(await analyzeCacheCommand(opts)));
}

/** `gobaseline analyze cache`; resolves to the exit code. */
export async function analyzeCacheCommand(opts: AnalyzeCacheOptions): Promise<number> {
  if (await reportGraphFile(opts, 'analyze cache', renderCacheReport)) return ExitCode.ok;
  const state = cacheState(opts, 'warm');
  const report = await interruptible((signal) =>
    withSession(opts, signal, progress(opts), async (s) => {
      await prepareCache(s, state);
      const xCompiled = opts.verify ? await compilesInCacheCopy(s) : null;
      const { report, actions } = await measureBuild(s, opts, 'analyze cache', state, saver(opts));
      if (xCompiled !== null) report.verify = compareWithBuildX(actions, xCompiled);
      if (opts.relocatedGoroot) report.relocation = await relocateGoroot(s, opts.runs);
      return report;
    }),
  );
  await output(report, opts, renderCacheReport);
  const v = report.verify;
  return exitForChecks(
    v && !v.agrees
      ? [`--verify: the action graph disagrees with \`go build -x\`: ${verifyLines(v).join('; ')}`]
      : [],
  );
}

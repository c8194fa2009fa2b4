// `gobaseline cache`: lists what gobaseline keeps between runs (its cache directory with the
// rusage helper and fetched toolchains, its data directory with saved runs) with sizes on
// disk; `gobaseline cache clean` removes the cache directory, `--saved-runs` also the saved run
// files, and says that the run store (gobaseline.db) is kept: it is only ever removed by hand.
import { Argument, Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { formatValue } from '../record/units.js';
import { cleanKept, keptPlaces, type KeptPlace } from '../store/kept-files.js';

export interface CacheCommandOptions {
  clean?: boolean;
  savedRuns?: boolean;
  json?: boolean;
}

const size = (bytes: number): string => formatValue('bytes', bytes);

/** The listing, as text. */
export function renderKept(places: KeptPlace[]): string {
  const out: string[] = ['gobaseline keeps (sizes on disk, as du counts them):'];
  for (const p of places) {
    out.push('');
    if (!p.exists) {
      out.push(`${p.kind}  ${p.path}  (none)`);
      continue;
    }
    out.push(`${p.kind}  ${p.path}  ${size(p.diskBytes)}  (cleared by: ${p.clearedBy})`);
    const width = Math.max(...p.entries.map((e) => e.name.length));
    for (const e of p.entries)
      out.push(`  ${size(e.diskBytes).padStart(9)}  ${e.name.padEnd(width)}  ${e.what}`);
  }
  return `${out.join('\n')}\n`;
}

export async function cacheCommand(
  action: string | undefined,
  opts: CacheCommandOptions,
): Promise<number> {
  const clean = action === 'clean' || opts.clean === true;
  if (opts.savedRuns && !clean) {
    throw new UsageError('--saved-runs only goes with clean: gobaseline cache clean --saved-runs');
  }
  if (!clean) {
    const places = await keptPlaces();
    process.stdout.write(
      opts.json ? `${JSON.stringify({ places }, null, 2)}\n` : renderKept(places),
    );
    return ExitCode.ok;
  }
  const { removed, kept } = await cleanKept({ savedRuns: opts.savedRuns === true });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ removed, kept }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (removed.length === 0) process.stdout.write('nothing to remove\n');
  for (const r of removed) process.stdout.write(`removed ${r.path} (${size(r.diskBytes)})\n`);
  for (const k of kept) {
    process.stdout.write(
      `kept ${k.path} (${size(k.diskBytes)}): the run store still holds the saved runs and analyses; remove it by hand if you mean to\n`,
    );
  }
  return ExitCode.ok;
}

/** Adds `cache` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('cache')
    .description("list what gobaseline keeps on disk with sizes, or remove its cache ('clean')")
    .addArgument(new Argument('[action]', 'list (default) or clean').choices(['list', 'clean']))
    .option('--clean', 'the same as the clean action')
    .option(
      '--saved-runs',
      'with clean: also remove the saved run files (runs/ in the data directory; the run store gobaseline.db is kept)',
    )
    .option('--json', 'print as JSON')
    .action(async (action: string | undefined, opts: CacheCommandOptions) =>
      setExit(await cacheCommand(action, opts)),
    );
}

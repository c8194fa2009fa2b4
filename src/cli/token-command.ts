// `gobaseline token create --scope write|read`: a new API token for `serve`, printed once on
// stdout; the store (the same --db as serve's) keeps only its SHA-256 hash.
import { Option, type Command } from 'commander';
import { ExitCode } from '../errors.js';
import { newToken, SCOPES, tokenHash } from '../server/tokens.js';
import { openStore } from '../store/open-store.js';
import type { TokenScope } from '../store/store.js';
import { dbOption } from './store-options.js';

export interface TokenCreateOptions {
  db?: string;
  scope: TokenScope;
  name?: string;
}

export async function tokenCreateCommand(opts: TokenCreateOptions): Promise<number> {
  const store = await openStore(opts.db, process.env, { importRuns: false });
  try {
    const token = newToken();
    await store.saveToken({
      hash: tokenHash(token),
      scope: opts.scope,
      name: opts.name ?? '',
      createdAt: new Date().toISOString(),
    });
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `created a ${opts.scope} token${opts.name ? ` "${opts.name}"` : ''} in ${store.location}; it is shown only now\n`,
    );
    return ExitCode.ok;
  } finally {
    await store.close();
  }
}

/** Adds `token` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  const token = program.command('token').description('API tokens for serve');
  token
    .command('create')
    .description('create an API token (printed once; the store keeps only its hash)')
    .addOption(
      new Option('--scope <scope>', 'write: push runs and read; read: only read')
        .choices([...SCOPES])
        .makeOptionMandatory(),
    )
    .option('--name <name>', 'a name to tell the token apart')
    .addOption(dbOption())
    .action(async (opts: TokenCreateOptions) => setExit(await tokenCreateCommand(opts)));
}

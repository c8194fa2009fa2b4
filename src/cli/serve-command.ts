// `gobaseline serve`: the HTTP API (docs/openapi.json), /metrics and the dashboard over a run
// store. Prints where it listens on stderr; Ctrl-C or SIGTERM closes it (open requests finish).
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { buildServer, DEFAULT_BODY_LIMIT_BYTES } from '../server/app.js';
import { registerDashboard } from '../server/dashboard.js';
import { openStore } from '../store/open-store.js';
import { dbOption } from './store-options.js';

export interface ServeOptions {
  db?: string;
  listen: { host: string; port: number };
  bodyLimit: number;
  readToken?: boolean;
}

/** HOST:PORT, [IPv6]:PORT, :PORT or PORT (host 127.0.0.1); port 0 picks a free one. */
export function listenAddress(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*))?:?(\d+)$/.exec(value.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 0 && port <= 65535)) {
    throw new InvalidArgumentError(`expected HOST:PORT such as 127.0.0.1:8787, got "${value}"`);
  }
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

/** A size in bytes: "1048576", "512KiB", "16MiB" (also KB, MB as powers of 1024). */
export function byteSize(value: string): number {
  const m = /^(\d+)\s*(B|KiB|KB|MiB|MB|GiB|GB)?$/i.exec(value.trim());
  const scale: Record<string, number> = {
    b: 1,
    kib: 1024,
    kb: 1024,
    mib: 1024 ** 2,
    mb: 1024 ** 2,
    gib: 1024 ** 3,
    gb: 1024 ** 3,
  };
  const n = m ? Number(m[1]) * (scale[(m[2] ?? 'b').toLowerCase()] ?? 1) : NaN;
  if (!(n >= 1024))
    throw new InvalidArgumentError(`expected a size such as 16MiB (at least 1KiB), got "${value}"`);
  return n;
}

export async function serveCommand(opts: ServeOptions): Promise<number> {
  const store = await openStore(opts.db, process.env, { importRuns: false });
  const app = await buildServer({
    store,
    bodyLimitBytes: opts.bodyLimit,
    readToken: opts.readToken === true,
    extend: (app) => registerDashboard(app, store),
  });
  let address: string;
  try {
    address = await app.listen({ host: opts.listen.host, port: opts.listen.port });
  } catch (err) {
    await app.close();
    await store.close();
    const e = err as NodeJS.ErrnoException;
    const where = `${opts.listen.host}:${opts.listen.port}`;
    if (e.code === 'EADDRINUSE') throw new UsageError(`--listen ${where}: the address is in use`);
    throw new UsageError(`--listen ${where}: ${e.message}`);
  }
  process.stderr.write(`gobaseline serve: listening on ${address} (store: ${store.location})\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await app.close();
  await store.close();
  process.stderr.write(`gobaseline serve: stopped (${signal})\n`);
  return signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.ok;
}

/** Adds `serve` to the program. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description(
      'serve the HTTP API (push and read runs), /metrics for Prometheus and the dashboard',
    )
    .addOption(dbOption())
    .addOption(
      new Option('--listen <host:port>', 'address to listen on (port 0: any free port)')
        .argParser(listenAddress)
        .default(listenAddress('127.0.0.1:8787'), '127.0.0.1:8787'),
    )
    .addOption(
      new Option('--body-limit <size>', 'largest request body; larger pushes get 413')
        .argParser(byteSize)
        .default(DEFAULT_BODY_LIMIT_BYTES, '16MiB'),
    )
    .option('--read-token', 'require a read or write token to read the API and /metrics too')
    .addHelpText(
      'after',
      '\nTokens: gobaseline token create --scope write|read --db SAME-DB. Exit codes: 0 stopped by\n' +
        'SIGTERM, 130 by Ctrl-C, 2 bad options or address in use, 3 the store cannot be opened.',
    )
    .action(async (opts: ServeOptions) => setExit(await serveCommand(opts)));
}

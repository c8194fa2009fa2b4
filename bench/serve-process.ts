// A `gobaseline serve` process on a loopback port, as the load bench and the tests start it:
// resolves with its URL once it listens, and stops it (SIGTERM) on demand or when this process
// exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { cli } from './support.js';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote on stderr so far. */
  stderr: () => string;
  /** SIGTERM, and its exit code. */
  stop: () => Promise<number | null>;
}

/** Starts `gobaseline serve --db DB --listen 127.0.0.1:PORT ...extra` (port 0: any free one). */
export function startServe(
  db: string,
  opts: { port?: number; extra?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--db', db, '--listen', `127.0.0.1:${opts.port ?? 0}`, ...(opts.extra ?? [])],
    { env: opts.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const kill = (): void => void child.kill('SIGTERM');
  process.once('exit', kill);
  const stop = async (): Promise<number | null> => {
    process.removeListener('exit', kill);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`serve did not start within ${opts.timeoutMs ?? 30_000} ms: ${err}`));
    }, opts.timeoutMs ?? 30_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, stderr: () => err, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening: ${err}`));
    });
  });
}

// `npm run docs:serve`: the real examples of docs/serve.md, taken as a user would: a token, a
// `serve` on loopback, runs measured and pushed with `run --push`, the API read with curl (its
// JSON cut to a few lines), /metrics, refused requests, and a push while the server is down,
// retried by `push` once it is up again. Everything lives in a private temp dir (XDG dirs, both
// databases), removed at the end; the server is stopped, also on failure. About a minute.
//
//   npm run docs:serve
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe, type ServeProcess } from '../bench/serve-process.js';
import { cli, machineLine, repoRoot } from '../bench/support.js';
import type { Step } from './example-regions.js';
import { rewritePageFile } from './rewrite-page-file.js';

const page = path.join(repoRoot, 'docs', 'serve.md');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-docs-serve-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  XDG_DATA_HOME: path.join(tmp, 'data'),
  XDG_CACHE_HOME: path.join(tmp, 'cache'),
  XDG_CONFIG_HOME: path.join(tmp, 'config'),
  XDG_STATE_HOME: path.join(tmp, 'state'),
  CI: 'true',
};
/** The port the page shows; another free one is used (and shown) when it is taken. */
const PORT = 8787;
const steps: Step[] = [];
const outputs = new Map<string, string>();

/** Runs the CLI in the temp dir; resolves with its exit code, stdout and stderr. */
function gobaseline(
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  console.error(`gobaseline ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: tmp,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Keeps a step's output for the page (what a user sees: stdout and stderr) and its command. */
function keep(id: string, args: string[], text: string, shown?: string): void {
  // $TOKEN stays a shell variable on the page, not a quoted word.
  steps.push({ id, args, shown: shown ?? `gobaseline ${args.join(' ')}` });
  // Paths in the temp dir as a user's: the data directory, and the working directory.
  outputs.set(
    id,
    text.replaceAll(`${tmp}/data`, '~/.local/share').replaceAll(`${tmp}/`, '').replaceAll(tmp, '.'),
  );
}

/** A curl call shown on the page and made with fetch; JSON is pretty-printed. */
async function curl(
  id: string,
  base: string,
  pathAndQuery: string,
  opts: {
    method?: string;
    token?: string;
    body?: string;
    headers?: boolean;
    lines?: number;
    /** Part of the JSON shown, as the jq filter `jq` (shown on the page) selects it. */
    pick?: { jq: string; select: (body: unknown) => unknown };
  } = {},
): Promise<void> {
  const res = await fetch(`${base}${pathAndQuery}`, {
    method: opts.method ?? 'GET',
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
  const parsed: unknown = json ? JSON.parse(text) : null;
  let body = json
    ? JSON.stringify(opts.pick ? opts.pick.select(parsed) : parsed, null, 2)
    : text.trimEnd();
  const lines = body.split('\n');
  if (opts.lines !== undefined && lines.length > opts.lines) {
    body = [...lines.slice(0, opts.lines), '...'].join('\n');
  }
  const shownUrl = `http://127.0.0.1:${new URL(base).port}${pathAndQuery}`;
  const parts = ['curl -s'];
  if (opts.headers) parts.push('-i');
  if (opts.method && opts.method !== 'GET') parts.push(`-X ${opts.method}`);
  if (opts.token)
    parts.push(`-H "Authorization: Bearer $${opts.token === readToken ? 'READ' : 'TOKEN'}"`);
  if (opts.body !== undefined) parts.push(`-H 'Content-Type: application/json' -d @run.json`);
  parts.push(`'${shownUrl}'`);
  if (opts.pick) parts.push(`| jq '${opts.pick.jq}'`);
  const status = opts.headers ? `HTTP/1.1 ${res.status} ${res.statusText}\n` : '';
  keep(id, [], `${status}${body}`, parts.join(' '));
}

let readToken = '';

async function main(): Promise<void> {
  const serverDb = path.join(tmp, 'server.db');
  const created = await gobaseline([
    'token',
    'create',
    '--scope',
    'write',
    '--name',
    'ci',
    '--db',
    'server.db',
  ]);
  if (created.code !== 0) throw new Error(created.stderr);
  const token = created.stdout.trim();
  // The token is random: the page shows its shape, not this one.
  const shape = `${token.slice(0, 8)}…(43 characters after gbt_)`;
  keep(
    'serve-token',
    ['token', 'create', '--scope', 'write', '--name', 'ci', '--db', 'server.db'],
    `${shape}\n${created.stderr}`,
  );
  readToken = (
    await gobaseline(['token', 'create', '--scope', 'read', '--db', 'server.db'])
  ).stdout.trim();

  let server: ServeProcess | null = null;
  const start = async (port: number): Promise<ServeProcess> => {
    try {
      return await startServe(serverDb, { port, env });
    } catch {
      return startServe(serverDb, { port: 0, env });
    }
  };
  try {
    server = await start(PORT);
    const base = server.url;
    const port = new URL(base).port;
    keep(
      'serve-start',
      ['serve', '--db', 'server.db', '--listen', `127.0.0.1:${port}`],
      server.stderr(),
    );

    // Runs measured here and pushed, each saved in the local store first.
    const measure = [
      'run',
      '--scenario',
      'startup/go-version',
      '--runs',
      '5',
      '--warmup',
      '1',
      '--no-canary',
      '--quiet',
    ];
    const shownPush = [
      ...measure,
      '--db',
      'local.db',
      '--label',
      'commit=abc123',
      '--push',
      base,
      '--token',
      '$TOKEN',
    ];
    let first = '';
    for (let i = 0; i < 7; i++) {
      const r = await gobaseline([
        ...measure,
        '--db',
        'local.db',
        '--label',
        `commit=c${i}`,
        '--push',
        base,
        '--token',
        token,
      ]);
      if (r.code !== 0) throw new Error(r.stderr);
      if (i === 0) first = r.stderr;
    }
    keep('serve-push', shownPush, first.replace(/\n$/, ''));

    await curl('serve-machines', base, '/api/v1/machines');
    await curl('serve-runs', base, '/api/v1/runs?limit=2');
    const series = '/api/v1/series?scenario=startup/go-version&metric=wall';
    await curl('serve-series', base, series, { lines: 21 });
    await curl('serve-series-last', base, series, {
      pick: {
        jq: '.groups[0].points[-1]',
        select: (b) => (b as { groups: { points: unknown[] }[] }).groups[0]?.points.at(-1),
      },
    });
    await curl('serve-regressions', base, '/api/v1/regressions');
    await curl('serve-metrics', base, '/metrics', { lines: 16 });
    const aRun = readFileSync(
      path.join(repoRoot, 'test', 'fixtures', 'runs', 'startup-a.json'),
      'utf8',
    );
    await curl('serve-401', base, '/api/v1/runs', { method: 'POST', body: aRun, headers: true });
    await curl('serve-403', base, '/api/v1/runs', {
      method: 'POST',
      body: aRun,
      token: readToken,
      headers: true,
    });
    await curl('serve-400', base, '/api/v1/runs', {
      method: 'POST',
      body: JSON.stringify({ ...JSON.parse(aRun), scenarios: 'none' }),
      token,
      headers: true,
    });

    // The server goes down: the next run stays saved and queued; push retries it once it is up.
    await server.stop();
    server = null;
    const down = await gobaseline([
      ...measure,
      '--db',
      'local.db',
      '--push',
      base,
      '--token',
      token,
    ]);
    keep(
      'serve-down',
      [...measure, '--db', 'local.db', '--push', base, '--token', '$TOKEN'],
      down.stderr.trimEnd(),
    );
    const stillDown = await gobaseline(['push', '--db', 'local.db', '--token', token]);
    keep(
      'serve-push-down',
      ['push', '--db', 'local.db', '--token', '$TOKEN'],
      `${stillDown.stderr}(exit ${stillDown.code})`,
    );
    server = await startServe(serverDb, { port: Number(port), env });
    const up = await gobaseline(['push', '--db', 'local.db'], { GOBASELINE_TOKEN: token });
    keep('serve-push-up', ['push', '--db', 'local.db'], `${up.stderr}(exit ${up.code})`);
  } finally {
    if (server) await server.stop();
  }

  const help = await gobaseline(['serve', '--help']);
  keep('serve-help', ['serve', '--help'], help.stdout);
  const pushHelp = await gobaseline(['push', '--help']);
  keep('push-help', ['push', '--help'], pushHelp.stdout);

  const taken = `_Examples: taken ${machineLine()}, 1-minute load average ${os.loadavg()[0]!.toFixed(1)}, by \`npm run docs:serve\`._`;
  if (!(await rewritePageFile(page, outputs, steps, repoRoot, taken))) {
    throw new Error('docs/serve.md has no serve example regions');
  }
  console.error('rewrote docs/serve.md');
}

main()
  .then(
    () => 0,
    (err: unknown) => {
      console.error(`docs:serve: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    },
  )
  .then((code) => {
    rmSync(tmp, { recursive: true, force: true });
    process.exitCode = code;
  });

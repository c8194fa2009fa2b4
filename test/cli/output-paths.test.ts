// Paths the user names are checked before anything is measured (one line, exit 2), gobaseline
// never creates the user's directories, never loops on /proc, and a run measured before a write
// fails is kept in the data directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cliEnv, readRun, runCli, runCliUntil, tempDir } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';

const runFile = fixturePath('runs/startup-a.json');
const goVersion = ['run', '--scenario', 'startup/go-version', '--runs', '2', '--warmup', '0'];
// Fails the test instead of hanging it (Node 20's recursive mkdir spins forever on /proc/nope).
const LIMIT_MS = 60_000;

/** Exit 2 with one `gobaseline:` line matching `pattern`, and nothing measured. */
function assertRefusedBeforeMeasuring(
  r: { code: number | null; stdout: string; stderr: string },
  pattern: RegExp,
): void {
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, no progress, got: ${r.stderr}`);
  assert.match(lines[0] ?? '', /^gobaseline: /);
  assert.match(lines[0] ?? '', pattern);
  assert.equal(r.stdout, '');
}

test(
  'run --json under /proc/nope: exit 2 before measuring, no hang',
  { timeout: LIMIT_MS },
  async () => {
    const r = await runCli([...goVersion, '--json', '/proc/nope/x.json'], cliEnv(), LIMIT_MS);
    assertRefusedBeforeMeasuring(
      r,
      /^gobaseline: --json \/proc\/nope\/x\.json: directory \/proc\/nope does not exist$/,
    );
  },
);

test(
  'run --json under a file: exit 2 before measuring, not an internal error',
  { timeout: LIMIT_MS },
  async () => {
    const r = await runCli([...goVersion, '--json', '/etc/passwd/x.json'], cliEnv(), LIMIT_MS);
    assertRefusedBeforeMeasuring(
      r,
      /--json \/etc\/passwd\/x\.json: \/etc\/passwd is not a directory$/,
    );
  },
);

test(
  "run --json in a missing directory: exit 2, the user's directory is not created",
  { timeout: LIMIT_MS },
  async () => {
    const missing = path.join(tempDir(), 'not', 'yet');
    const r = await runCli(
      [...goVersion, '--json', path.join(missing, 'x.json')],
      cliEnv(),
      LIMIT_MS,
    );
    assertRefusedBeforeMeasuring(r, /directory .*\/not\/yet does not exist$/);
    assert.equal(existsSync(path.dirname(missing)), false);
  },
);

test(
  'run --warm-cache naming a file is bad usage (exit 2), not a broken toolchain',
  { timeout: LIMIT_MS },
  async () => {
    const r = await runCli([...goVersion, '--warm-cache', '/etc/passwd'], cliEnv(), LIMIT_MS);
    assertRefusedBeforeMeasuring(
      r,
      /^gobaseline: --warm-cache \/etc\/passwd: \/etc\/passwd is not a directory$/,
    );
  },
);

test(
  'a data directory (XDG_DATA_HOME) under /proc: exit 2 before measuring, no hang',
  { timeout: LIMIT_MS },
  async () => {
    const r = await runCli(goVersion, cliEnv({ XDG_DATA_HOME: '/proc/nope' }), LIMIT_MS);
    assertRefusedBeforeMeasuring(
      r,
      /data directory \/proc\/nope\/gobaseline\/runs .*XDG_DATA_HOME.*: \/proc is on the kernel's proc filesystem/,
    );
  },
);

test(
  'report --output under /proc/nope or under a file: exit 2 naming the real problem',
  { timeout: LIMIT_MS },
  async () => {
    const proc = await runCli(
      ['report', runFile, '--output', '/proc/nope/x.txt'],
      cliEnv(),
      LIMIT_MS,
    );
    assertRefusedBeforeMeasuring(
      proc,
      /--output \/proc\/nope\/x\.txt: directory \/proc\/nope does not exist$/,
    );
    const file = await runCli(
      ['report', runFile, '--output', '/etc/passwd/x.txt'],
      cliEnv(),
      LIMIT_MS,
    );
    assertRefusedBeforeMeasuring(
      file,
      /--output \/etc\/passwd\/x\.txt: \/etc\/passwd is not a directory$/,
    );
    assert.doesNotMatch(file.stderr, /EEXIST/);
    const missing = path.join(tempDir(), 'sub');
    const sub = await runCli(
      ['report', runFile, '--output', path.join(missing, 'x.txt')],
      cliEnv(),
      LIMIT_MS,
    );
    assertRefusedBeforeMeasuring(sub, /directory .*\/sub does not exist$/);
    assert.equal(existsSync(missing), false);
  },
);

test(
  'analyze build --svg and --save-graph are checked before building',
  { timeout: LIMIT_MS },
  async () => {
    const graph = fixturePath('actiongraph-hello-link-go1.26.8.json');
    const svg = await runCli(
      ['analyze', 'build', '--graph', graph, '--svg', '/proc/nope/x.svg'],
      cliEnv(),
      LIMIT_MS,
    );
    assertRefusedBeforeMeasuring(
      svg,
      /^gobaseline: --svg \/proc\/nope\/x\.svg: directory \/proc\/nope does not exist$/,
    );
    const saved = await runCli(
      ['analyze', 'build', '--package', 'unicode/utf8', '--save-graph', '/etc/passwd/g.json'],
      cliEnv(),
      LIMIT_MS,
    );
    assertRefusedBeforeMeasuring(
      saved,
      /^gobaseline: --save-graph \/etc\/passwd\/g\.json: \/etc\/passwd is not a directory$/,
    );
  },
);

test(
  'analyze io --save-trace and --svg are checked before tracing',
  { timeout: LIMIT_MS },
  async () => {
    const trace = await runCli(
      ['analyze', 'io', '--package', 'unicode/utf8', '--save-trace', '/proc/nope/t'],
      cliEnv(),
      LIMIT_MS,
    );
    assertRefusedBeforeMeasuring(
      trace,
      /^gobaseline: --save-trace \/proc\/nope\/t: directory \/proc\/nope does not exist$/,
    );
    const svg = await runCli(
      ['analyze', 'io', '--package', 'unicode/utf8', '--svg', '/etc/passwd/x.svg'],
      cliEnv(),
      LIMIT_MS,
    );
    assertRefusedBeforeMeasuring(
      svg,
      /^gobaseline: --svg \/etc\/passwd\/x\.svg: \/etc\/passwd is not a directory$/,
    );
  },
);

test(
  'a --json file that cannot be written at the end: the run is kept in the data directory, exit 2',
  { timeout: LIMIT_MS },
  async () => {
    const dir = tempDir();
    const json = path.join(dir, 'run.json');
    const env = cliEnv();
    // The path is fine when checked; its directory goes away while the run measures.
    const r = await runCliUntil(
      /runs \(warm-ups included\)/,
      () => rmSync(dir, { recursive: true, force: true }),
      [
        'run',
        '--scenario',
        'startup/go-version',
        '--runs',
        '200',
        '--warmup',
        '0',
        '--no-save',
        '--json',
        json,
      ],
      env,
    );
    assert.equal(r.code, 2, r.stderr);
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    const m = /^gobaseline: --json .*run\.json: ENOENT: .*; the run is saved in (\S+)$/.exec(last);
    assert.ok(m, `says where the run is: ${last}`);
    const runs = path.join(env.XDG_DATA_HOME ?? '', 'gobaseline', 'runs');
    assert.equal(path.dirname(m[1] ?? ''), runs);
    assert.equal(readRun(m[1] ?? '').scenarios[0]?.samples.length, 200);
    assert.match(r.stdout, /startup\/go-version/);
    assert.equal(readdirSync(runs).length, 1);
  },
);

// `gobaseline generate` with the real go command: a tiny workspace builds and vets offline in
// module mode (cold module cache filled from the local proxy), with -mod=vendor, and in GOPATH
// mode; the same seed gives the same bytes; bad input is one line and exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { cliEnv, interruptWhen, runCli, sharedWarmCache, tempDir } from '../support/cli.js';

const run = promisify(execFile);
const SIZES = [
  '--modules',
  '5',
  '--depth',
  '2',
  '--fanout',
  '2',
  '--packages',
  '2',
  '--files',
  '2',
];

/** Relative path → sha256 of every file below dir: the bytes, not the times. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** go with private caches (the tests' shared warm GOCACHE), offline, no go env file. */
async function go(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run('go', args, {
    cwd,
    env: {
      ...process.env,
      GOCACHE: sharedWarmCache,
      GOMODCACHE: path.join(tempDir('gbtest-modcache-'), 'm'),
      GOPATH: tempDir('gbtest-gopath-'),
      GOENV: 'off',
      GOTOOLCHAIN: 'local',
      CGO_ENABLED: '0',
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      GOPROXY: 'off',
      ...env,
    },
  });
  return stdout;
}

const first = tempDir();
let generated: Promise<{ code: number | null; stdout: string; stderr: string }> | null = null;
/** One generated workspace (with --gopath and --vendor) shared by the tests of this file. */
function workspace(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  generated ??= runCli([
    'generate',
    ...SIZES,
    '--seed',
    '3',
    '--gopath',
    '--vendor',
    '--out',
    first,
  ]);
  return generated;
}

test('generate prints what it made and the main module builds and vets offline from the proxy', async () => {
  const r = await workspace();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /dependencies {2}5 modules in 2 layers \(fan-out 2\)/);
  assert.match(r.stdout, /go\.mod {8}5 requirements, go\.sum 10 lines/);
  const main = path.join(first, 'main');
  const env = { GOPROXY: `file://${path.join(first, 'proxy')}`, GOFLAGS: '-mod=mod -modcacherw' };
  await go(['build', './...'], main, env);
  await go(['vet', './...'], main, env);
  assert.match(await go(['run', './cmd/app'], main, env), /^score \d+\n$/);
  // go accepts the zips: the hashes of the extracted modules match go.sum.
  await go(['mod', 'download'], main, env);
  assert.match(await go(['list', '-m', 'all'], main, env), /example\.com\/\w+\/\w+ v1\.\d+\.\d+/);
  const manifest = JSON.parse(readFileSync(path.join(first, 'workspace.json'), 'utf8'));
  assert.equal(manifest.counts.modules, 5);
});

test('the vendored copy builds with -mod=vendor and no proxy; the GOPATH tree with GO111MODULE=off', async () => {
  assert.equal((await workspace()).code, 0);
  await go(['build', '-mod=vendor', './...'], path.join(first, 'main-vendor'), {});
  const gopath = path.join(first, 'gopath');
  const app = path.join(gopath, 'src', 'example.com', 'Synth', 'app');
  const off = { GO111MODULE: 'off', GOPATH: gopath, GOFLAGS: '' };
  await go(['build', './...'], app, off);
  // Every package, the dependencies' included, is vet clean.
  await go(['vet', 'example.com/...'], app, off);
});

test('the same seed gives a byte-identical tree, another seed a different one', async () => {
  assert.equal((await workspace()).code, 0);
  const again = tempDir();
  const r = await runCli([
    'generate',
    ...SIZES,
    '--seed',
    '3',
    '--gopath',
    '--vendor',
    '-q',
    '--out',
    again,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const a = contents(first);
  const b = contents(again);
  delete a['workspace.json'];
  delete b['workspace.json'];
  assert.deepEqual(b, a);
  const other = tempDir();
  assert.equal((await runCli(['generate', ...SIZES, '--seed', '4', '-q', '--out', other])).code, 0);
  assert.notEqual(contents(other)['main/go.sum'], a['main/go.sum']);
});

test('bad sizes, a non-empty or unwritable --out: one line, exit 2, nothing written', async () => {
  const out = tempDir();
  const cases: [string[], RegExp][] = [
    [['--modules', '0'], /--modules must be a whole number >= 1, got 0/],
    [['--files', '-1'], /--files/],
    [['--modules', '3', '--depth', '4'], /--depth 4 needs at least 4 modules/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['generate', ...args, '--out', path.join(out, 'w')], cliEnv());
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  assert.deepEqual(readdirSync(out), []);
  writeFileSync(path.join(out, 'keep.txt'), 'mine');
  const full = await runCli(['generate', '--modules', '1', '--depth', '1', '--out', out]);
  assert.equal(full.code, 2);
  assert.match(full.stderr, /--out .*: not empty \(give an empty directory, or --force\)/);
  const file = path.join(out, 'keep.txt');
  const unwritable = await runCli(['generate', '--out', path.join(file, 'w')]);
  assert.equal(unwritable.code, 2);
  assert.equal(unwritable.stderr.trim().split('\n').length, 1);
  assert.equal(readFileSync(file, 'utf8'), 'mine');
});

test('Ctrl-C while publishing: exit 130 and the half-written workspace is removed', async () => {
  const out = path.join(tempDir(), 'ws');
  const args = ['generate', '--modules', '400', '--depth', '3', '--files', '1', '--out', out];
  const r = await interruptWhen(/published 50\/400/, 'SIGINT', 0, args, cliEnv());
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /gobaseline: interrupted/);
  assert.equal(existsSync(out), false);
});

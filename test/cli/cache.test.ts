// `gobaseline cache`: lists gobaseline's own directories with sizes; `clean` removes only its
// cache directory, saved runs only with --saved-runs, never the user's Go directories.
// Real directories under a private XDG_CACHE_HOME and XDG_DATA_HOME.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliEnv, runCli, tempDir } from '../support/cli.js';

interface Layout {
  env: NodeJS.ProcessEnv;
  cache: string;
  runs: string;
  gocache: string;
  gomodcache: string;
}

/** A cache and data directory as gobaseline leaves them, and the user's own Go caches. */
function layout(): Layout {
  const root = tempDir('gbtest-cache-');
  const cache = path.join(root, 'xdg-cache', 'gobaseline');
  const runs = path.join(root, 'xdg-data', 'gobaseline', 'runs');
  const gocache = path.join(root, 'user-gocache');
  const gomodcache = path.join(root, 'user-gomodcache');
  const toolchain = path.join(
    cache,
    'toolchains',
    'golang.org',
    'toolchain@v0.0.1-go1.27.3.linux-amd64',
  );
  for (const d of [
    path.join(toolchain, 'bin'),
    runs,
    gocache,
    gomodcache,
    path.join(cache, 'toolchains', 'cache'),
  ])
    fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(cache, 'rusage-exec-0123456789ab'), Buffer.alloc(20_000));
  fs.writeFileSync(path.join(toolchain, 'bin', 'go'), Buffer.alloc(300_000));
  fs.writeFileSync(
    path.join(cache, 'toolchains', 'cache', 'v0.0.1-go1.27.3.linux-amd64.ziphash'),
    'h1:x\n',
  );
  // Module caches are read-only unless fetched with -modcacherw: clean must still remove them.
  fs.chmodSync(path.join(toolchain, 'bin'), 0o555);
  fs.chmodSync(toolchain, 0o555);
  fs.writeFileSync(path.join(runs, 'a.json'), '{}');
  fs.writeFileSync(path.join(runs, 'b.json'), '{}');
  fs.writeFileSync(path.join(gocache, 'README'), 'mine');
  fs.writeFileSync(path.join(gomodcache, 'keep'), 'mine');
  const env = cliEnv({
    XDG_CACHE_HOME: path.dirname(cache),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    GOCACHE: gocache,
    GOMODCACHE: gomodcache,
  });
  return { env, cache, runs, gocache, gomodcache };
}

test('cache lists the cache and data directories with sizes and what each entry is', async () => {
  const l = layout();
  const r = await runCli(['cache'], l.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^cache  ${l.cache}  \\d`, 'm'));
  assert.match(r.stdout, /cleared by: gobaseline cache clean\)/);
  assert.match(r.stdout, /rusage-exec-0123456789ab {2}the rusage helper/);
  assert.match(r.stdout, /toolchains .*toolchains fetched by --toolchain: go1\.27\.3/);
  assert.match(r.stdout, /runs {2}2 saved runs/);
  assert.match(r.stdout, /cleared by: gobaseline cache clean --saved-runs, runs\/ only\)/);

  const json = await runCli(['cache', '--json'], l.env);
  const { places } = JSON.parse(json.stdout) as {
    places: {
      kind: string;
      path: string;
      diskBytes: number;
      entries: { name: string; diskBytes: number }[];
    }[];
  };
  const cache = places.find((p) => p.kind === 'cache');
  assert.equal(cache?.path, l.cache);
  // Sizes are on disk: at least the bytes written, and the whole is the sum of its parts or more.
  const toolchains = cache?.entries.find((e) => e.name === 'toolchains');
  assert.ok((toolchains?.diskBytes ?? 0) >= 300_000);
  assert.ok((cache?.diskBytes ?? 0) >= (toolchains?.diskBytes ?? 0) + 20_000);
});

test('cache clean removes the cache directory only; runs need --saved-runs; Go caches stay', async () => {
  const l = layout();
  const r = await runCli(['cache', 'clean'], l.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^removed ${l.cache} \\(\\d`, 'm'));
  assert.equal(fs.existsSync(l.cache), false);
  assert.deepEqual(fs.readdirSync(l.runs).sort(), ['a.json', 'b.json']);
  assert.equal(fs.readFileSync(path.join(l.gocache, 'README'), 'utf8'), 'mine');
  assert.equal(fs.readFileSync(path.join(l.gomodcache, 'keep'), 'utf8'), 'mine');

  const again = await runCli(['cache', '--clean'], l.env);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, 'nothing to remove\n');

  // The run store holds the same runs: never removed by clean, and the output says so.
  const db = path.join(path.dirname(l.runs), 'gobaseline.db');
  fs.writeFileSync(db, 'the runs, stored');
  const runs = await runCli(['cache', 'clean', '--saved-runs'], l.env);
  assert.equal(runs.code, 0, runs.stderr);
  assert.equal(fs.existsSync(l.runs), false);
  assert.equal(fs.readFileSync(db, 'utf8'), 'the runs, stored');
  assert.match(runs.stdout, new RegExp(`^removed ${l.runs} \\(`, 'm'));
  assert.match(runs.stdout, new RegExp(`^kept ${db} \\(.*\\): the run store still holds`, 'm'));
  assert.equal(fs.existsSync(path.join(l.gocache, 'README')), true);
  const json = await runCli(['cache', 'clean', '--saved-runs', '--json'], l.env);
  assert.deepEqual(JSON.parse(json.stdout), {
    removed: [],
    kept: [{ path: db, diskBytes: fs.statSync(db).blocks * 512 }],
  });
});

test('cache clean refuses when its directory overlaps your GOCACHE; --saved-runs alone is a usage error', async () => {
  const l = layout();
  const r = await runCli(['cache', 'clean'], { ...l.env, GOCACHE: path.join(l.cache, 'go-build') });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^gobaseline: not removing .*overlaps your Go directory/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(fs.existsSync(path.join(l.cache, 'rusage-exec-0123456789ab')), true);

  const bad = await runCli(['cache', '--saved-runs'], l.env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--saved-runs only goes with clean/);
  assert.equal(fs.existsSync(l.runs), true);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  goClean,
  parseTrimpath,
  predictGoroot,
  resolutionChecks,
  traceSymlinks,
  type FsView,
  type GorootFacts,
} from '../../src/analyze/goroot-resolution.js';

/** A fake file system: directories, files and symlinks (path -> target). */
function fakeFs(dirs: string[], links: Record<string, string>, files: string[] = []): FsView {
  return {
    kind(p) {
      if (p in links) return 'symlink';
      if (p === '/' || dirs.includes(p)) return 'dir';
      if (files.includes(p)) return 'file';
      return 'missing';
    },
    readlink(p) {
      const t = links[p];
      if (t === undefined) throw new Error(`EINVAL ${p}`);
      return t;
    },
  };
}

const GOROOT_DIRS = [
  '/opt',
  '/opt/go1.26',
  '/opt/go1.26/bin',
  '/usr',
  '/usr/local',
  '/tmp',
  '/tmp/x',
];

test('a physical path has no hops', () => {
  const t = traceSymlinks('/opt/go1.26', fakeFs(GOROOT_DIRS, {}), '/');
  assert.deepEqual(t, {
    path: '/opt/go1.26',
    absolute: true,
    hops: [],
    resolved: '/opt/go1.26',
    error: null,
  });
});

test('a chain of absolute and relative links is followed hop by hop', () => {
  const view = fakeFs(GOROOT_DIRS, {
    '/tmp/x/l3': '/tmp/x/l2',
    '/tmp/x/l2': 'l1',
    '/tmp/x/l1': '/opt/go1.26',
  });
  const t = traceSymlinks('/tmp/x/l3', view, '/');
  assert.deepEqual(
    t.hops.map((h) => `${h.link} -> ${h.target}`),
    ['/tmp/x/l3 -> /tmp/x/l2', '/tmp/x/l2 -> l1', '/tmp/x/l1 -> /opt/go1.26'],
  );
  assert.equal(t.resolved, '/opt/go1.26');
  assert.equal(t.error, null);
});

test('links in parent directories count, and relative paths resolve against cwd', () => {
  const view = fakeFs(GOROOT_DIRS, { '/usr/local/go': '../../opt/go1.26', '/home': '/usr' });
  const t = traceSymlinks('../home/local/go/bin', view, '/tmp');
  assert.equal(t.absolute, false);
  assert.deepEqual(t.hops, [
    { link: '/home', target: '/usr' },
    { link: '/usr/local/go', target: '../../opt/go1.26' },
  ]);
  assert.equal(t.resolved, '/opt/go1.26/bin');
});

test('missing components and loops are errors, with the hops so far', () => {
  const missing = traceSymlinks('/tmp/x/l1', fakeFs(GOROOT_DIRS, { '/tmp/x/l1': '/nowhere' }), '/');
  assert.equal(missing.resolved, null);
  assert.match(missing.error ?? '', /\/nowhere does not exist/);
  assert.equal(missing.hops.length, 1);
  const loop = traceSymlinks(
    '/tmp/x/a',
    fakeFs(GOROOT_DIRS, { '/tmp/x/a': 'b', '/tmp/x/b': 'a' }),
    '/',
  );
  assert.match(loop.error ?? '', /ELOOP/);
  const file = traceSymlinks('/tmp/f/x', fakeFs(GOROOT_DIRS, {}, ['/tmp/f']), '/');
  assert.match(file.error ?? '', /not a directory/);
});

test('goClean follows filepath.Clean', () => {
  assert.equal(goClean(''), '.');
  assert.equal(goClean('/opt/go/'), '/opt/go');
  assert.equal(goClean('./l3/'), 'l3');
  assert.equal(goClean('/a//b/../c'), '/a/c');
  assert.equal(goClean('/'), '/');
});

const isGoroot = (dir: string): boolean => dir === '/opt/go1.26';

test('GOROOT from the environment is used verbatim and wins over the go env file', () => {
  const p = predictGoroot({
    envGoroot: './l3/',
    envFile: { path: '/home/u/.config/go/env', goroot: '/x' },
    executable: '/opt/go1.26/bin/go',
    isGoroot,
    builtIn: '',
  });
  assert.equal(p.source, 'environment');
  assert.equal(p.value, './l3/');
  assert.match(p.detail, /overridden/);
});

test('GOROOT from the go env file is cleaned', () => {
  const p = predictGoroot({
    envGoroot: '',
    envFile: { path: '/e', goroot: '/tmp/x/l2/' },
    executable: '/opt/go1.26/bin/go',
    isGoroot,
    builtIn: '',
  });
  assert.equal(p.source, 'go env file');
  assert.equal(p.value, '/tmp/x/l2');
});

test('unset: the binary location, also from bin/GOOS_GOARCH', () => {
  const base = { envGoroot: undefined, envFile: null, isGoroot, builtIn: '' as string | null };
  assert.deepEqual(
    [
      predictGoroot({ ...base, executable: '/opt/go1.26/bin/go' }).source,
      predictGoroot({ ...base, executable: '/opt/go1.26/bin/go' }).value,
    ],
    ['executable location', '/opt/go1.26'],
  );
  assert.equal(
    predictGoroot({ ...base, executable: '/opt/go1.26/bin/linux_arm64/go' }).value,
    '/opt/go1.26',
  );
});

test('unset and not inside a GOROOT: built-in default, or nothing for a trimmed binary', () => {
  const base = { envGoroot: undefined, envFile: null, isGoroot, executable: '/tmp/x/go' };
  const built = predictGoroot({ ...base, builtIn: '/usr/lib/go' });
  assert.equal(built.source, 'built-in default');
  assert.equal(built.value, '/usr/lib/go');
  const trimmed = predictGoroot({ ...base, builtIn: '' });
  assert.equal(trimmed.source, 'none');
  assert.equal(trimmed.value, '');
  assert.equal(predictGoroot({ ...base, builtIn: null }).source, 'built-in default');
});

const goodFacts: GorootFacts = {
  goroot: '/opt/go1.26',
  isDir: true,
  hasPkgTool: true,
  toolDir: '/opt/go1.26/pkg/tool/linux_amd64',
  hasCompileAndLink: true,
  versionFile: 'go1.26.8',
  goVersion: 'go1.26.8',
  hasGoEnvFile: true,
};

test('checks pass on a healthy GOROOT', () => {
  const checks = resolutionChecks(goodFacts);
  assert.equal(checks.length, 6);
  assert.ok(
    checks.every((c) => c.ok === true),
    JSON.stringify(checks),
  );
});

test('checks flag a relative GOROOT, a version mismatch and a missing go.env', () => {
  const checks = resolutionChecks({
    ...goodFacts,
    goroot: 'l3',
    versionFile: 'go1.25.0',
    hasGoEnvFile: false,
  });
  const byName = new Map(checks.map((c) => [c.name, c]));
  assert.equal(byName.get('GOROOT is absolute')?.ok, false);
  assert.equal(byName.get('GOROOT/VERSION matches the go binary')?.ok, false);
  assert.match(byName.get('GOROOT/VERSION matches the go binary')?.detail ?? '', /go1\.25\.0/);
  assert.equal(byName.get('GOROOT/go.env exists')?.ok, false);
  const devel = resolutionChecks({ ...goodFacts, versionFile: null });
  assert.equal(devel.find((c) => c.name.startsWith('GOROOT/VERSION'))?.ok, null);
});

test('parseTrimpath reads go version -m', () => {
  const out =
    '/usr/local/go/bin/go: go1.26.8\n\tpath\tcmd/go\n\tbuild\t-buildmode=exe\n\tbuild\t-trimpath=true\n';
  assert.equal(parseTrimpath(out), true);
  assert.equal(parseTrimpath('x: go1.26\n\tpath\tcmd/go\n\tbuild\t-compiler=gc\n'), false);
  assert.equal(parseTrimpath('garbage'), null);
});

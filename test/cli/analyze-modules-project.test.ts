// `analyze modules --project DIR` with the real go command on real modules (github.com/google/uuid
// from the module proxy, and a tiny module requiring it): every mode that applies measured,
// GOPATH mode skipped with its reason, vendor/ made by --try-vendor in a temporary copy, the
// cold module cache filled through the proxy; the module's files byte-identical afterwards; the
// analysis saved. Bad input is one line and exit 2. No timing assertions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ModulesReport } from '../../src/analyze/modules-report.js';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli, sharedWarmCache, tempDir } from '../support/cli.js';
import { UUID, UUID_VERSION, moduleWithDependency, uuidModule } from '../support/go-modules.js';
import { fileHashes } from '../support/tree-digest.js';

test('analyze modules --project --try-vendor --modcache: every applicable mode measured, GOPATH skipped, files unchanged, saved', async () => {
  const dir = moduleWithDependency();
  const before = fileHashes(dir);
  const tmp = tempDir('gbtest-modules-');
  const modcache = tempDir('gbtest-modcache-');
  const env = cliEnv({ TMPDIR: tmp });
  const r = await runCli(
    [
      'analyze',
      'modules',
      '--project',
      dir,
      '--try-vendor',
      '--modcache',
      modcache,
      '--runs',
      '1',
      '--warm-cache',
      sharedWarmCache,
      '--json',
    ],
    env,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fileHashes(dir), before, 'every file of the module is byte-identical');
  const report = JSON.parse(r.stdout) as ModulesReport;
  assert.equal(report.status, 'complete');
  assert.deepEqual(report.sizes, []);
  assert.equal(report.workspace, null);
  const p = report.project;
  assert.ok(p);
  assert.equal(p.modulePath, 'example.com/withdep');
  assert.equal(p.dependencyModules, 1);
  assert.equal(p.packages, 2);
  assert.equal(p.vendor, 'made');
  assert.equal(p.modcache, modcache);
  assert.deepEqual(
    p.commands.map((c) => c.command),
    ['list-deps', 'list-m', 'build'],
  );
  for (const c of p.commands) {
    for (const s of c.series) {
      if (s.mode === 'gopath' || s.mode === 'auto-out') {
        assert.match(s.skipped ?? '', /GOPATH mode does not apply to your module/);
        continue;
      }
      if (c.command === 'list-m' && s.mode === 'vendor') {
        assert.match(s.skipped ?? '', /vendor directory/);
        continue;
      }
      assert.equal(s.skipped, null, `${c.command} ${s.mode}`);
      assert.ok(
        s.wallNs.every((w) => w !== null && w > 0),
        `${c.command} ${s.mode}: ${JSON.stringify(c.analysis.failures)}`,
      );
    }
  }
  assert.ok(report.claims.length > 0);
  // The dependency went into the named module cache, which is kept; nothing else is left.
  assert.ok(existsSync(path.join(modcache, `${UUID}@${UUID_VERSION}`)));
  assert.deepEqual(
    readdirSync(tmp).filter((n) => n.startsWith('gobaseline-')),
    [],
  );
  const store = await openStore(undefined, env, { importRuns: false });
  try {
    const [a] = await store.listAnalyses('modules');
    assert.equal((a?.report as ModulesReport | undefined)?.project?.modulePath, p.modulePath);
  } finally {
    await store.close();
  }
});

test('analyze modules --project on a module without vendor/: the table says vendor mode and GOPATH mode were skipped and why', async () => {
  const dir = uuidModule();
  const before = fileHashes(dir);
  const r = await runCli([
    'analyze',
    'modules',
    '--project',
    dir,
    '--runs',
    '1',
    '--warm-cache',
    sharedWarmCache,
    '--no-save',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fileHashes(dir), before);
  assert.match(r.stdout, /your module github\.com\/google\/uuid in /);
  assert.match(
    r.stdout,
    /github\.com\/google\/uuid: 0 dependency modules, 1 package; vendor\/: none/,
  );
  assert.match(
    r.stdout,
    /skipped: go list -deps \.\/\.\.\. under gopath, auto-out: GOPATH mode does not apply to your module/,
  );
  assert.match(
    r.stdout,
    /skipped: go build \.\/\.\.\. \(warm\) under vendor: the module has no vendor\/ directory \(--try-vendor makes one/,
  );
  assert.match(r.stdout, /at 0 modules: GOSUMDB=sum\.golang\.org \/ off/);
  assert.match(r.stdout, /go build \.\/\.\.\. \(warm\) │ module/);
});

test('analyze modules --project: bad input is one line, exit 2', async () => {
  const empty = tempDir('gbtest-project-');
  const cases: [string[], RegExp][] = [
    [['--project', empty], /no go\.mod there/],
    [['--project', path.join(empty, 'missing')], /: no such directory$/],
    [
      ['--project', empty, '--modules', '10'],
      /--modules shapes generated workspaces: not with --project/,
    ],
    [
      ['--project', empty, '--modcache', path.join(empty, 'missing')],
      /--modcache .*: no such directory$/,
    ],
    [['--try-vendor'], /--try-vendor needs --project DIR/],
    [['--modcache', empty], /--modcache needs --project DIR/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['analyze', 'modules', ...args, '--no-save']);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), message);
  }
});

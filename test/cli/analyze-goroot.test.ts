// `analyze goroot` end to end, as a user runs it. One real, small symlink experiment; no
// timing assertions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MEMORY_FS_TYPES } from '../../src/analyze/goroot-placement.js';
import { readMounts } from '../../src/probe/index.js';
import { mountForPath } from '../../src/probe/storage.js';
import type { GorootReport } from '../../src/analyze/goroot-report.js';
import { findGoOnPath } from '../../src/probe/index.js';
import { removeTree } from '../../src/measure/private-dirs.js';
import { cliEnv, runCli, tempDir, type CliResult } from '../support/cli.js';

function runGoroot(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return runCli(['analyze', 'goroot', ...args], env);
}

/** The GOROOT of the go on PATH, found without running go. */
function realGoroot(): string {
  const go = findGoOnPath(process.env.PATH);
  assert.ok(go, 'go on PATH');
  return path.dirname(path.dirname(fs.realpathSync(go)));
}

/** mtime and ctime of GOROOT's top entries: any write or chmod there changes them. */
function fingerprint(goroot: string): string {
  return ['', 'src', 'pkg', 'pkg/tool', 'bin', 'bin/go', 'VERSION']
    .map((p) => {
      const st = fs.lstatSync(path.join(goroot, p));
      return `${p}:${st.mtimeMs}:${st.ctimeMs}:${st.mode}:${st.size}`;
    })
    .join('\n');
}

test('symlink experiment: depths 0 and 2, GOROOT resolved through the chain, nothing left behind', async () => {
  const goroot = realGoroot();
  const before = fingerprint(goroot);
  const tmp = tempDir('gbtest-goroot-');
  try {
    const r = await runGoroot(
      ['--experiment', 'symlinks', '--runs', '3', '--depths', '0,2', '--json'],
      cliEnv({ TMPDIR: tmp, GOROOT: undefined }),
    );
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as GorootReport;
    assert.equal(report.command, 'analyze goroot');
    assert.equal(report.tmpfs, null);

    // The resolution report: the real GOROOT, from the binary's location.
    assert.equal(fs.realpathSync(report.resolution.goroot), goroot);
    assert.equal(report.resolution.source, 'executable location');
    assert.equal(report.resolution.agrees, true);
    assert.ok(report.resolution.checks.find((c) => c.name === 'GOROOT is a directory')?.ok);

    const s = report.symlinks;
    assert.ok(s);
    assert.deepEqual(s.depths, [0, 2]);
    assert.equal(s.runs, 3);
    assert.deepEqual(
      s.perDepth.map((d) => d.depth),
      [0, 2],
    );
    for (const d of s.perDepth) {
      assert.equal(d.hops, d.depth, `depth ${d.depth} follows ${d.hops} links`);
      assert.equal(d.resolvesTo, goroot);
      // The go command keeps GOROOT as given: the chain's link, not its target.
      assert.equal(d.reportedGoroot, d.goroot);
      for (const c of ['go env GOROOT', 'go list std', 'lstat per call']) {
        const series = d.series[c];
        assert.ok(series, c);
        assert.equal(series.n, 3, `${c} at depth ${d.depth}: ${series.firstFailure ?? ''}`);
        assert.equal(series.failures, 0);
      }
    }
    const deep = s.perDepth[1];
    assert.ok(deep && deep.goroot.startsWith(fs.realpathSync(tmp)), deep?.goroot);
    assert.equal(s.perLevel.length, 3);
    assert.ok(s.statEntries > 1000);
    assert.equal(s.claims.length, 2);
    for (const c of s.claims) assert.equal(c.claimId, 'symlink-level-cost');
    // 3 runs are too few for a CI: the claim cannot be decided.
    for (const c of s.claims) assert.equal(c.verdict, 'inconclusive');

    // Private directories (the chain included) are gone, GOROOT is untouched.
    assert.equal(fs.existsSync(s.chainDir), false);
    assert.deepEqual(
      fs.readdirSync(tmp).filter((n) => n.startsWith('gobaseline-')),
      [],
    );
    assert.equal(fingerprint(goroot), before);
    assert.match(r.stderr, /symlinks: round 3\/3/);
  } finally {
    removeTree(tmp);
  }
});

test('the table output has the resolution and the claim', async () => {
  const r = await runGoroot(['--experiment', 'none', '-q'], cliEnv());
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /GOROOT resolution/);
  assert.match(r.stdout, /GOROOT \(go env GOROOT\)/);
  assert.equal(r.stderr, '');
});

test('a GOROOT that does not exist: exit 3, one line', async () => {
  const r = await runGoroot(
    ['--experiment', 'none', '-q'],
    cliEnv({ GOROOT: '/nonexistent-goroot' }),
  );
  assert.equal(r.code, 3);
  assert.match(
    r.stderr,
    /^gobaseline: the Go toolchain at .* does not work: .*cannot find GOROOT directory/,
  );
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('no go at --go: exit 3, one line', async () => {
  const r = await runGoroot(['--go', '/nonexistent/go'], cliEnv());
  assert.equal(r.code, 3);
  assert.equal(r.stderr, 'gobaseline: no Go toolchain at /nonexistent/go\n');
});

test('bad usage: exit 2', async () => {
  for (const args of [
    ['--depths', '3'],
    ['--depths', '0,x'],
    ['--experiment', 'everything'],
    ['--runs', '0'],
  ]) {
    const r = await runGoroot(args, cliEnv());
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('--tmpfs-dir on a disk is refused before anything is copied', async (t) => {
  const tmp = tempDir('gbtest-goroot-');
  try {
    const fsType = mountForPath(await readMounts(), fs.realpathSync(tmp))?.fsType;
    if (fsType === undefined || MEMORY_FS_TYPES.includes(fsType)) {
      t.skip(`the temp dir is on ${fsType ?? 'an unknown file system'}, not a disk`);
      return;
    }
    const disk = fs.mkdtempSync(path.join(tmp, 'disk-'));
    const r = await runGoroot(
      ['--experiment', 'tmpfs', '--tmpfs-dir', disk, '-q'],
      cliEnv({ TMPDIR: tmp }),
    );
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^gobaseline: --tmpfs-dir .* is not in memory\n$/);
    assert.deepEqual(
      fs.readdirSync(tmp).filter((n) => n.startsWith('gobaseline-')),
      [],
    );
  } finally {
    removeTree(tmp);
  }
});

// `gobaseline doctor` end to end, each situation built for real: a GOROOT reached through a
// symlink chain, GOCACHE on a tmpfs, GOFLAGS=-a, a vendor tree out of sync, GO111MODULE=off,
// an unreachable GOPROXY; a clean environment reports nothing but the machine's load. Every
// run has its own go env file (GOENV), GOCACHE and GOMODCACHE: the user's are never touched.
// The newest Go release comes from a local HTTP server speaking the proxy's toolchain list.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DoctorReport } from '../../src/analyze/doctor-report.js';
import { findGoOnPath, probeHost } from '../../src/probe/index.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { openStore } from '../../src/store/open-store.js';
import { resolveToolchains } from '../../src/measure/toolchains.js';
import { requireToolchain, skipUnlessCi } from '../support/ci.js';
import { tinyRun } from '../support/tiny-runs.js';
import { cliEnv, cliPath, runCli, tempDir } from '../support/cli.js';

const goPath = findGoOnPath(process.env.PATH);
const localVersion = execFileSync(goPath ?? 'go', ['env', 'GOVERSION'], {
  env: { ...process.env, GOENV: 'off', GOTOOLCHAIN: 'local', GOCACHE: tempDir('gbtest-gc-') },
})
  .toString()
  .trim();
/** The real GOROOT of the go on PATH, found without running go. */
const realGoroot = path.dirname(path.dirname(fs.realpathSync(goPath ?? '')));

let proxy: http.Server;
let proxyUrl = '';
before(async () => {
  // A proxy whose newest toolchain is the local one: the clean run has no go-outdated finding.
  proxy = http.createServer((req, res) => {
    if (req.url === '/golang.org/toolchain/@v/list') {
      res.end(`v0.0.1-${localVersion}.linux-amd64\nv0.0.1-${localVersion}.linux-arm64\n`);
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
after(() => proxy.close());

/** A clean environment: private go env file, caches on disk, the local proxy, nothing set. */
function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const dir = tempDir('gbtest-doctor-');
  const goenv = path.join(dir, 'go.env');
  fs.writeFileSync(goenv, '');
  return cliEnv({
    GOENV: goenv,
    GOCACHE: path.join(dir, 'gocache'),
    GOMODCACHE: path.join(dir, 'gomodcache'),
    GOPROXY: `${proxyUrl},direct`,
    GOFLAGS: undefined,
    GOROOT: undefined,
    GOMAXPROCS: undefined,
    GO111MODULE: undefined,
    GOTOOLCHAIN: undefined,
    GOPRIVATE: undefined,
    GONOPROXY: undefined,
    GOSUMDB: undefined,
    PATH: `${path.dirname(goPath ?? '')}:/usr/bin:/bin`,
    ...extra,
  });
}

async function doctor(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<{ code: number | null; report: DoctorReport; stderr: string }> {
  const r = await runCli(['doctor', '--json', '--quiet', ...args], env, timeoutMs);
  assert.ok(r.stdout.startsWith('{'), `JSON expected, got: ${r.stdout.slice(0, 300)} ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as DoctorReport, stderr: r.stderr };
}

/** The findings other than the machine's load (which the other helpers on this machine make). */
function setupFindings(report: DoctorReport): string[] {
  return report.findings.filter((f) => f.id !== 'load-busy').map((f) => `${f.id}:${f.severity}`);
}

test('a clean environment: no findings but the machine load, exit 0, the facts in the JSON', async () => {
  const { code, report } = await doctor([], cleanEnv());
  assert.deepEqual(setupFindings(report), []);
  assert.equal(code, 0);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.command, 'doctor');
  assert.equal(report.mode, 'normal');
  assert.equal(report.facts.toolchain.newest, localVersion);
  assert.deepEqual(
    report.facts.proxies.map((p) => p.reachable),
    [true],
  );
  assert.equal(fs.realpathSync(report.facts.goroot?.value ?? ''), realGoroot);
  assert.equal(report.facts.gocache.storage?.fsClass, 'disk');
  assert.equal(report.summary.bad, 0);
});

test('GOROOT through a chain of 3 symlinks: goroot-symlinks, a warning', async () => {
  const dir = tempDir('gbtest-chain-');
  fs.symlinkSync(realGoroot, path.join(dir, 'l3'));
  fs.symlinkSync(path.join(dir, 'l3'), path.join(dir, 'l2'));
  fs.symlinkSync(path.join(dir, 'l2'), path.join(dir, 'l1'));
  const { code, report } = await doctor(['--quick'], cleanEnv({ GOROOT: path.join(dir, 'l1') }));
  const f = report.findings.find((x) => x.id === 'goroot-symlinks');
  assert.ok(f, JSON.stringify(report.findings));
  assert.equal(f.severity, 'warn');
  assert.equal(report.facts.goroot?.hops.length, 3);
  assert.deepEqual(f.fix?.commands, [
    `export GOROOT=${realGoroot}   # and remove it from your shell profile`,
  ]);
  assert.equal(code, 0);
});

// One --thorough run for both of its experiments that need a situation: it is the slowest mode.
test("--thorough: the symlink cost in GOROOT (analyze goroot's experiment) and a short sweep of the user's -p (sweep's sampler)", async () => {
  const dir = tempDir('gbtest-hop-');
  fs.symlinkSync(realGoroot, path.join(dir, 'go'));
  // A -p above the CPUs: p-mismatch, which the short sweep measures against the default.
  const p = os.availableParallelism() + 1;
  const { report } = await doctor(
    ['--thorough'],
    cleanEnv({ GOROOT: path.join(dir, 'go'), GOFLAGS: `-p=${p}` }),
    300_000,
  );
  assert.equal(report.mode, 'thorough');
  const sweep = report.facts.thorough?.sweep;
  assert.equal(sweep?.scenarioId, 'build/hello-link');
  assert.equal(sweep?.compared, 'your settings');
  assert.deepEqual(
    sweep?.points.map((x) => `${x.param}=${x.value}`),
    [`p=${p}`],
  );
  assert.ok(sweep.baseMedianNs && sweep.baseMedianNs > 0, JSON.stringify(sweep));
  assert.equal(sweep.points[0]?.failure, null);
  const mismatch = report.findings.find((x) => x.id === 'p-mismatch');
  assert.match(
    mismatch?.evidence.at(-1) ?? '',
    new RegExp(`^measured here: build/hello-link takes .* with -p=${p} vs .* at the default, `),
  );
  assert.match(
    mismatch?.expectedGain ?? '',
    /^(confirmed|not confirmed|refuted) on this machine: /,
  );
  assert.ok(report.facts.thorough?.symlinkPerHop, JSON.stringify(report.facts.thorough));
  assert.deepEqual(
    report.facts.thorough.latency?.map((l) => l.role),
    ['GOROOT', 'GOCACHE location', 'GOMODCACHE location'],
  );
  const f = report.findings.find((x) => x.id === 'goroot-symlinks');
  assert.equal(f?.severity, 'info');
  assert.ok(
    f?.evidence.some((e) => e.startsWith('measured: ')),
    JSON.stringify(f),
  );
  assert.ok(f?.expectedGain);
});

test('GOROOT that is not a Go installation: goroot-invalid, exit 1', async () => {
  const dir = tempDir('gbtest-notgo-');
  const { code, report } = await doctor(['--quick'], cleanEnv({ GOROOT: dir }));
  assert.deepEqual(setupFindings(report), ['goroot-invalid:bad']);
  assert.equal(code, 1);
});

test('GOCACHE on a tmpfs mounted for the test: gocache-memory', async (t) => {
  const mnt = tempDir('gbtest-tmpfs-');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8g', 'tmpfs', mnt], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) {
    skipUnlessCi(t, `cannot mount a tmpfs: ${(mounted.stderr || String(mounted.error)).trim()}`);
    return;
  }
  try {
    const env = cleanEnv({ GOCACHE: path.join(mnt, 'gocache') });
    const { report } = await doctor(['--quick'], env);
    assert.deepEqual(setupFindings(report), ['gocache-memory:warn']);
    const f = report.findings.find((x) => x.id === 'gocache-memory');
    assert.ok(f?.evidence.some((e) => e.includes(`mounted at ${mnt}`)));
  } finally {
    spawnSync('umount', [mnt]);
  }
});

test('GOTOOLCHAIN naming a toolchain missing from GOMODCACHE: doctor says it downloads, and does not', async () => {
  const env = cleanEnv({ GOTOOLCHAIN: 'go1.27.3' });
  const { report } = await doctor(['--quick'], env);
  assert.deepEqual(setupFindings(report), ['gotoolchain-download:info']);
  assert.equal(report.facts.toolchain.switchTo, 'go1.27.3');
  assert.equal(fs.existsSync(path.join(env.GOMODCACHE as string, 'golang.org')), false);
});

test("two go installations on PATH (go1.27.3 from gobaseline's toolchain cache): go-shadowed", async (t) => {
  if (!(await requireToolchain(t, 'go1.27.3'))) return;
  const [other] = await resolveToolchains([], ['go1.27.3'], cliEnv());
  assert.ok(other);
  const env = cleanEnv({
    PATH: `${path.dirname(goPath ?? '')}:${path.dirname(other.goPath)}:/usr/bin:/bin`,
  });
  const { report } = await doctor(['--quick'], env);
  assert.deepEqual(setupFindings(report), ['go-shadowed:warn']);
  const f = report.findings.find((x) => x.id === 'go-shadowed');
  assert.ok(
    f?.evidence.some((e) => e.endsWith(`${localVersion} (used)`)),
    JSON.stringify(f),
  );
  assert.ok(f?.evidence.some((e) => e.endsWith('go1.27.3')));
});

test('in a cgroup limited to half a CPU, GOMAXPROCS=4 is above the quota', async (t) => {
  // cgroup v1 (this machine) or v2: a child cgroup with a CPU quota, entered by a shell that
  // then becomes doctor. Skipped where cgroups cannot be created (not root, read-only cgroupfs).
  const v1 = '/sys/fs/cgroup/cpu';
  const v2 = fs.existsSync('/sys/fs/cgroup/cgroup.controllers');
  const dir = path.join(v2 ? '/sys/fs/cgroup' : v1, `gbtest-doctor-${process.pid}`);
  try {
    fs.mkdirSync(dir);
    if (v2) fs.writeFileSync(path.join(dir, 'cpu.max'), '50000 100000');
    else fs.writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), '50000');
  } catch (err) {
    fs.rmSync(dir, { recursive: false, force: true });
    t.skip(`cannot create a CPU-limited cgroup: ${(err as Error).message}`);
    return;
  }
  try {
    const env = cleanEnv({ GOMAXPROCS: '4' });
    const r = spawnSync(
      'sh',
      [
        '-c',
        `echo $$ > ${dir}/cgroup.procs && exec "$0" "$@"`,
        process.execPath,
        cliPath,
        'doctor',
        '--quick',
        '--json',
        '--quiet',
      ],
      { env, encoding: 'utf8', timeout: 120_000 },
    );
    const report = JSON.parse(r.stdout) as DoctorReport;
    assert.equal(report.facts.cpu.quotaCpus, 0.5);
    assert.deepEqual(setupFindings(report), ['gomaxprocs-above-quota:warn']);
  } finally {
    fs.rmdirSync(dir);
  }
});

test('GOFLAGS=-a in the environment: goflags-a, bad, exit 1; the fix unsets it', async () => {
  const { code, report } = await doctor(['--quick'], cleanEnv({ GOFLAGS: '-a' }));
  assert.deepEqual(setupFindings(report), ['goflags-a:bad']);
  assert.equal(code, 1);
  assert.deepEqual(report.findings.find((x) => x.id === 'goflags-a')?.fix?.commands, [
    'unset GOFLAGS   # and remove it from your shell profile',
  ]);
});

test('GO111MODULE=off and an unreachable GOPROXY', async () => {
  const { code, report } = await doctor(
    [],
    cleanEnv({ GO111MODULE: 'off', GOPROXY: 'http://127.0.0.1:1' }),
  );
  assert.deepEqual(setupFindings(report), ['goproxy-unreachable:bad', 'go111module:warn']);
  assert.equal(code, 1);
  assert.equal(report.facts.proxies[0]?.reachable, false);
});

test('a vendor tree out of sync with go.mod: vendor-out-of-sync from the real go command', async () => {
  const app = tempDir('gbtest-vendor-');
  fs.writeFileSync(path.join(app, 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
  fs.writeFileSync(path.join(app, 'main.go'), 'package main\n\nfunc main() {}\n');
  fs.mkdirSync(path.join(app, 'vendor'));
  fs.writeFileSync(
    path.join(app, 'vendor', 'modules.txt'),
    '# example.com/dep v1.0.0\n## explicit\nexample.com/dep\n',
  );
  const { code, report } = await doctor(['--quick', '--project', app], cleanEnv());
  assert.deepEqual(setupFindings(report), ['vendor-out-of-sync:bad']);
  assert.equal(code, 1);
  const f = report.findings.find((x) => x.id === 'vendor-out-of-sync');
  assert.ok(
    f?.evidence.some((e) => e.includes('inconsistent vendoring')),
    JSON.stringify(f),
  );
  assert.deepEqual(f?.fix?.commands, [`cd ${fs.realpathSync(app)} && go mod vendor`]);
});

test('--apply in a private go env file: the reversible fixes run once, each with its undo', async () => {
  const env = cleanEnv({ GOFLAGS: undefined });
  const goenv = env.GOENV as string;
  fs.writeFileSync(goenv, 'GOFLAGS=-a -count=1 -trimpath\nGO111MODULE=on\n');
  const r = await runCli(['doctor', '--quick', '--quiet', '--apply'], env, 120_000);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stdout,
    /\[goflags-a\] go env -w GOFLAGS=-trimpath\n {4}undo: go env -w 'GOFLAGS=-a -count=1 -trimpath'/,
  );
  assert.match(r.stdout, /\[goflags-count\] \(the same change, already applied\)/);
  assert.match(
    r.stdout,
    /\[go111module\] go env -u GO111MODULE\n {4}undo: go env -w GO111MODULE=on/,
  );
  assert.equal(fs.readFileSync(goenv, 'utf8'), 'GOFLAGS=-trimpath\n');
  const again = await doctor(['--quick'], env);
  assert.deepEqual(setupFindings(again.report), []);
  assert.equal(again.code, 0);
});

test('--fix prints the commands and changes nothing', async () => {
  const env = cleanEnv({ GOPROXY: undefined });
  fs.writeFileSync(env.GOENV as string, 'GOPROXY=direct\n');
  const r = await runCli(['doctor', '--quick', '--quiet', '--fix'], env, 120_000);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /# warn goproxy-direct: .*\(reversible: --apply runs it\)\ngo env -w GOPROXY=https:\/\/proxy.golang.org,direct\n/,
  );
  assert.equal(fs.readFileSync(env.GOENV as string, 'utf8'), 'GOPROXY=direct\n');
});

test('open regressions of the run store, with the environment change beside them', async () => {
  const db = path.join(tempDir('gbtest-doctor-db-'), 'store.db');
  const store = await openStore(db, process.env, { importRuns: false });
  // The runs are this machine's (doctor looks at its own machine's newest run).
  const host = await probeHost();
  const here = (r: RunRecord): RunRecord => ({ ...r, fingerprint: { ...r.fingerprint, ...host } });
  const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString();
  for (const [i, s] of [1.0, 1.01, 0.99, 1.02, 0.995].entries()) {
    await store.saveRun(here(tinyRun(`h${i}`, at(i), { samples: 10, scaleWall: s })));
  }
  const slow = here(tinyRun('slow', at(10), { samples: 10, scaleWall: 1.3 }));
  slow.fingerprint.go.env.GOFLAGS = '-race';
  await store.saveRun(slow);
  await store.close();
  const { report } = await doctor(['--quick', '--db', db], cleanEnv());
  const f = report.findings.find((x) => x.id === 'open-regression');
  assert.ok(f, JSON.stringify(report.findings.map((x) => x.id)));
  assert.match(
    f.title,
    /^startup\/go-version \[go1\.26\.8\] wallNs regressed: \+30\.0% vs the baseline .* \(5 runs\), run slow/,
  );
  assert.ok(
    f.evidence.includes('changed near it: go.env.GOFLAGS: "" → "-race"'),
    JSON.stringify(f.evidence),
  );
  const none = await doctor(['--quick'], cleanEnv());
  assert.deepEqual(none.report.facts.regressions, null);
  assert.ok(none.report.notes.some((n) => n.startsWith('no run store yet')));
});

test('bad usage exits 2, no usable go exits 3', async () => {
  const both = await runCli(['doctor', '--quick', '--thorough'], cleanEnv());
  assert.equal(both.code, 2);
  assert.match(both.stderr, /^gobaseline: .*--quick.*--thorough/);
  const none = await runCli(['doctor', '--go', '/nonexistent/go'], cleanEnv());
  assert.equal(none.code, 3);
  assert.equal(none.stderr.trim().split('\n').length, 1, none.stderr);
  const noMod = await runCli(['doctor', '--project', tempDir('gbtest-nomod-')], cleanEnv());
  assert.equal(noMod.code, 2);
  assert.match(noMod.stderr, /no go\.mod there/);
});

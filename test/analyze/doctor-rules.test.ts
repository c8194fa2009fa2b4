// Every doctor rule on hand-made facts: the healthy machine has no finding; each change of
// one fact gives the rule's finding, with its severity, evidence and fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DoctorFacts, Finding } from '../../src/analyze/doctor-report.js';
import { diagnose, summarize } from '../../src/analyze/doctor-rules.js';
import { compareGoVersions } from '../../src/analyze/doctor-rules-toolchain.js';
import { goModToolchain, switchTarget } from '../../src/analyze/doctor-facts.js';
import { goEnvArgs, undoCommand } from '../../src/analyze/doctor-fix.js';
import { newestToolchain } from '../../src/parse/toolchain-list.js';
import { healthyFacts, memoryPlace } from '../support/doctor-facts.js';

function only(facts: DoctorFacts): Finding {
  const found = diagnose(facts);
  assert.equal(found.length, 1, `one finding, got ${found.map((f) => f.id).join(', ')}`);
  return found[0] as Finding;
}

function withFacts(change: (f: DoctorFacts) => void): DoctorFacts {
  const f = healthyFacts();
  change(f);
  return f;
}

test('a healthy environment has no finding', () => {
  assert.deepEqual(diagnose(healthyFacts()), []);
  assert.deepEqual(summarize([]), { bad: 0, warn: 0, info: 0 });
});

test('GOROOT relative, through symlinks, on a network filesystem, invalid', () => {
  const rel = only(
    withFacts((f) => {
      if (!f.goroot) return;
      f.goroot.value = '../go';
      f.goroot.absolute = false;
      f.sources.GOROOT = 'environment';
    }),
  );
  assert.equal(rel.id, 'goroot-relative');
  assert.equal(rel.severity, 'bad');
  assert.match(rel.fix?.commands[0] ?? '', /^export GOROOT=\/usr\/local\/go/);
  assert.equal(rel.fix?.goEnv, undefined, 'an environment variable is not changed by --apply');

  const hops = [1, 2, 3].map((i) => ({
    link: `/tmp/l${i}`,
    target: i < 3 ? `/tmp/l${i + 1}` : '/usr/local/go',
  }));
  const chain = only(
    withFacts((f) => {
      if (f.goroot) Object.assign(f.goroot, { value: '/tmp/l1', hops });
      f.sources.GOROOT = 'go env file';
      f.thorough = { symlinkPerHop: { estimateNs: 4000, loNs: 2500, hiNs: 6000 } };
    }),
  );
  assert.equal(chain.id, 'goroot-symlinks');
  assert.equal(chain.severity, 'warn');
  assert.ok(chain.evidence.includes('/tmp/l3 -> /usr/local/go'));
  assert.deepEqual(chain.fix?.goEnv, [{ key: 'GOROOT', value: '/usr/local/go' }]);
  assert.equal(chain.expectedGain, 'about 12.0 µs per go command start');
  const short = only(withFacts((f) => f.goroot && (f.goroot.hops = hops.slice(2))));
  assert.equal(short.severity, 'info');

  const nfs = only(
    withFacts((f) => {
      if (!f.goroot?.storage) return;
      Object.assign(f.goroot.storage, {
        fsType: 'nfs4',
        fsClass: 'network',
        source: 'srv:/go',
        block: null,
      });
    }),
  );
  assert.equal(nfs.id, 'goroot-storage');
  assert.match(nfs.title, /network filesystem \(nfs4\)/);
  const ninep = only(
    withFacts(
      (f) =>
        f.goroot?.storage &&
        Object.assign(f.goroot.storage, { fsType: '9p', fsClass: 'host-share', block: null }),
    ),
  );
  assert.match(ninep.title, /host-shared filesystem \(9p\)/);

  const invalid = only(
    withFacts((f) => {
      const check = f.goroot?.checks.find((c) => c.name === 'GOROOT/pkg/tool exists');
      if (check) Object.assign(check, { ok: false, detail: 'missing: not a Go installation' });
      f.sources.GOROOT = 'go env file';
    }),
  );
  assert.equal(invalid.id, 'goroot-invalid');
  assert.equal(invalid.severity, 'bad');
  assert.deepEqual(invalid.fix?.goEnv, [{ key: 'GOROOT', value: null }]);
});

test('several go on PATH: a warning when their versions differ', () => {
  const two = (v: string) =>
    withFacts((f) =>
      f.goOnPath.push({ path: '/usr/bin/go', realPath: '/usr/lib/go-1.22/bin/go', version: v }),
    );
  const differ = only(two('go1.22.2'));
  assert.equal(differ.id, 'go-shadowed');
  assert.equal(differ.severity, 'warn');
  assert.match(differ.evidence[0] ?? '', /go1\.26\.8 \(used\)/);
  assert.equal(only(two('go1.26.8')).severity, 'info');
  // The same binary through two PATH entries is one installation.
  const same = withFacts((f) =>
    f.goOnPath.push({ path: '/usr/bin/go', realPath: '/usr/local/go/bin/go', version: 'go1.26.8' }),
  );
  assert.deepEqual(diagnose(same), []);
});

test('GOCACHE off, in memory, on the network, disk nearly full, very large; GOMODCACHE likewise', () => {
  const off = only(
    withFacts((f) =>
      Object.assign(f.gocache, { path: 'off', storage: null, disk: null, source: 'environment' }),
    ),
  );
  assert.equal(off.id, 'gocache-off');
  assert.equal(off.severity, 'bad');
  assert.deepEqual(off.fix?.commands, ['unset GOCACHE   # and remove it from your shell profile']);

  const tmpfs = only(
    withFacts((f) =>
      Object.assign(f.gocache, {
        storage: memoryPlace('GOCACHE', '/dev/shm/gc'),
        source: 'go env file',
      }),
    ),
  );
  assert.equal(tmpfs.id, 'gocache-memory');
  assert.deepEqual(tmpfs.fix?.goEnv, [{ key: 'GOCACHE', value: null }]);
  const modTmpfs = only(
    withFacts((f) => (f.gomodcache.storage = memoryPlace('GOMODCACHE', '/tmp/mod'))),
  );
  assert.equal(modTmpfs.id, 'gomodcache-memory');
  assert.equal(
    modTmpfs.fix?.goEnv,
    undefined,
    'the default location itself: the user picks the new one',
  );

  const net = only(
    withFacts(
      (f) =>
        f.gomodcache.storage &&
        Object.assign(f.gomodcache.storage, { fsType: 'cifs', fsClass: 'network', block: null }),
    ),
  );
  assert.equal(net.id, 'gomodcache-network');

  const full = only(
    withFacts((f) => (f.gocache.disk = { freeBytes: 1 * 2 ** 30, totalBytes: 100 * 2 ** 30 })),
  );
  assert.equal(full.id, 'gocache-disk-full');
  assert.equal(full.severity, 'warn');
  assert.match(full.evidence[1] ?? '', /1\.00 GiB free of 100 GiB \(1\.0%\)/);
  const fuller = diagnose(
    withFacts(
      (f) =>
        (f.gocache.disk = f.gomodcache.disk =
          { freeBytes: 100 * 2 ** 20, totalBytes: 100 * 2 ** 30 }),
    ),
  );
  assert.deepEqual(
    fuller.map((x) => `${x.id}:${x.severity}`),
    ['gocache-disk-full:bad', 'gomodcache-disk-full:bad'],
  );

  const large = only(
    withFacts((f) => Object.assign(f.gomodcache, { sizeBytes: 30 * 2 ** 30, sizeComplete: false })),
  );
  assert.equal(large.id, 'gomodcache-large');
  assert.match(large.title, /more than 30\.0 GiB/);
  assert.deepEqual(large.fix?.commands, ['go clean -modcache']);
});

test('--thorough latency: slow storage only when O_DIRECT reads average over 1 ms', () => {
  const lat = (role: string, meanUs: number, cache: 'direct' | 'page-cache' = 'direct') => ({
    role,
    dir: '/x',
    fsType: 'nfs4',
    cache,
    reads: 500,
    meanUs,
    p99Us: meanUs * 3,
  });
  const slow = only(
    withFacts(
      (f) =>
        (f.thorough = {
          latency: [
            lat('GOROOT', 150),
            lat('GOMODCACHE location', 2400),
            lat('GOCACHE location', 5000, 'page-cache'),
          ],
        }),
    ),
  );
  assert.equal(slow.id, 'slow-storage');
  assert.equal(slow.title, 'GOMODCACHE location: 4 KiB random reads take 2400 µs on average');
  assert.match(slow.evidence[1] ?? '', /nearest reference: SATA SSD, 11\.4× its mean/);
});

test('GOFLAGS with -a, -race, -count=1: each a finding, the fix keeps the other flags', () => {
  const found = diagnose(
    withFacts((f) => {
      f.goEnv.GOFLAGS = '-a -race -count=1 -trimpath';
      f.sources.GOFLAGS = 'go env file';
    }),
  );
  assert.deepEqual(
    found.map((x) => `${x.id}:${x.severity}`),
    ['goflags-a:bad', 'goflags-race:warn', 'goflags-count:warn'],
  );
  assert.deepEqual(found[0]?.fix?.goEnv, [{ key: 'GOFLAGS', value: '-trimpath' }]);
  const alone = only(withFacts((f) => (f.goEnv.GOFLAGS = '-a')));
  assert.deepEqual(alone.fix?.commands, ['go env -u GOFLAGS']);
  assert.deepEqual(diagnose(withFacts((f) => (f.goEnv.GOFLAGS = '-race=false -mod=mod'))), []);
});

test('GOMAXPROCS above the quota or below the CPUs, -p mismatched, load, powersave', () => {
  const above = only(
    withFacts((f) => {
      f.cpu.quotaCpus = 2;
      f.cpu.goDefaultProcs = 2;
      f.cpu.gomaxprocsEnv = '8';
    }),
  );
  assert.equal(above.id, 'gomaxprocs-above-quota');
  assert.ok(above.evidence.includes('cgroup CPU quota 2 CPUs'));
  assert.equal(only(withFacts((f) => (f.cpu.gomaxprocsEnv = '2'))).id, 'gomaxprocs-below-cores');
  assert.equal(only(withFacts((f) => (f.cpu.gomaxprocsEnv = 'max'))).id, 'gomaxprocs-invalid');
  assert.deepEqual(diagnose(withFacts((f) => (f.cpu.gomaxprocsEnv = '8'))), []);

  const p = only(withFacts((f) => (f.goEnv.GOFLAGS = '-p=32')));
  assert.equal(p.id, 'p-mismatch');
  assert.match(p.why, /32 compiles at once on 8 CPUs/);
  assert.match(p.expectedGain ?? '', /--param p=8,32/);
  assert.deepEqual(diagnose(withFacts((f) => (f.goEnv.GOFLAGS = '-p=8'))), []);

  const busy = only(withFacts((f) => (f.cpu.loadAvg1 = 6.5)));
  assert.equal(busy.id, 'load-busy');
  assert.match(busy.evidence[0] ?? '', /6\.50.*idle below 1\.00/);
  assert.equal(only(withFacts((f) => (f.cpu.governor = 'powersave'))).id, 'governor-powersave');
});

test('GOPROXY direct, off, unreachable; GOPRIVATE covering public hosts; GOSUMDB off', () => {
  const direct = only(withFacts((f) => (f.goEnv.GOPROXY = 'direct')));
  assert.equal(direct.id, 'goproxy-direct');
  assert.deepEqual(direct.fix?.goEnv, [
    { key: 'GOPROXY', value: 'https://proxy.golang.org,direct' },
  ]);
  assert.equal(only(withFacts((f) => (f.goEnv.GOPROXY = 'off'))).id, 'goproxy-off');

  const down = only(
    withFacts((f) => {
      f.goEnv.GOPROXY = 'http://127.0.0.1:9,https://proxy.golang.org,direct';
      f.proxies = [
        { url: 'http://127.0.0.1:9', reachable: false, detail: 'ECONNREFUSED' },
        { url: 'https://proxy.golang.org', reachable: true, detail: 'HTTP 200 in 80 ms' },
      ];
    }),
  );
  assert.equal(down.id, 'goproxy-unreachable');
  assert.equal(down.severity, 'bad');
  assert.deepEqual(down.fix?.goEnv, [{ key: 'GOPROXY', value: 'https://proxy.golang.org,direct' }]);

  const broad = only(
    withFacts((f) => {
      f.goEnv.GOPRIVATE = 'github.com,git.corp.example';
      f.goEnv.GONOPROXY = 'github.com,git.corp.example';
      f.sources.GOPRIVATE = 'go env file';
    }),
  );
  assert.equal(broad.id, 'goprivate-broad');
  assert.deepEqual(broad.fix?.goEnv, [{ key: 'GOPRIVATE', value: 'git.corp.example' }]);
  assert.deepEqual(
    diagnose(withFacts((f) => (f.goEnv.GOPRIVATE = f.goEnv.GONOPROXY = 'github.com/myorg'))),
    [],
  );
  assert.equal(only(withFacts((f) => (f.goEnv.GOSUMDB = 'off'))).id, 'gosumdb-off');
});

test('vendor out of sync and GO111MODULE', () => {
  const vendor = only(
    withFacts(
      (f) =>
        (f.project = {
          dir: '/src/app',
          vendored: true,
          vendorConsistent: false,
          vendorDetail:
            'go: inconsistent vendoring in /src/app:\n\texample.com/m@v1.0.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt',
          toolchainLine: null,
        }),
    ),
  );
  assert.equal(vendor.id, 'vendor-out-of-sync');
  assert.equal(vendor.severity, 'bad');
  assert.deepEqual(vendor.fix?.commands, ['cd /src/app && go mod vendor']);
  assert.ok(vendor.evidence.some((e) => e.includes('inconsistent vendoring')));

  const off = only(
    withFacts((f) => ((f.goEnv.GO111MODULE = 'off'), (f.sources.GO111MODULE = 'environment'))),
  );
  assert.equal(off.id, 'go111module');
  assert.equal(off.severity, 'warn');
  assert.equal(only(withFacts((f) => (f.goEnv.GO111MODULE = 'on'))).severity, 'info');
});

test('toolchain: older than the newest release, a switch that downloads', () => {
  const minor = only(withFacts((f) => (f.toolchain.newest = 'go1.27.3')));
  assert.equal(minor.id, 'go-outdated');
  assert.equal(minor.severity, 'warn');
  assert.deepEqual(minor.fix?.goEnv, [{ key: 'GOTOOLCHAIN', value: 'go1.27.3' }]);
  assert.equal(only(withFacts((f) => (f.toolchain.newest = 'go1.26.9'))).severity, 'info');
  assert.deepEqual(diagnose(withFacts((f) => (f.toolchain.newest = 'go1.26.7'))), []);

  const fetch = only(
    withFacts((f) =>
      Object.assign(f.toolchain, {
        gotoolchain: 'go1.27.3',
        switchTo: 'go1.27.3',
        switchCached: false,
      }),
    ),
  );
  assert.equal(fetch.id, 'gotoolchain-download');
  assert.equal(fetch.severity, 'info');
  const everyBoot = diagnose(
    withFacts((f) => {
      Object.assign(f.toolchain, {
        gotoolchain: 'go1.27.3',
        switchTo: 'go1.27.3',
        switchCached: true,
      });
      f.gomodcache.storage = memoryPlace('GOMODCACHE', '/tmp/mod');
    }),
  ).find((x) => x.id === 'gotoolchain-download');
  assert.equal(everyBoot?.severity, 'warn');
  assert.match(everyBoot?.title ?? '', /again after every reboot/);
});

test('open regressions from the history, with their likely causes', () => {
  const f = withFacts(
    (x) =>
      (x.regressions = [
        {
          scenarioId: 'build/net-http-cold',
          metric: 'wallNs',
          change: '+18% vs 20.1 s',
          causes: ['GOFLAGS: "" → "-race"'],
        },
      ]),
  );
  const r = only(f);
  assert.equal(r.id, 'open-regression');
  assert.ok(r.evidence.includes('changed near it: GOFLAGS: "" → "-race"'));
});

test('worst first; summary counts', () => {
  const found = diagnose(
    withFacts((f) => {
      f.cpu.loadAvg1 = 9;
      f.goEnv.GO111MODULE = 'on';
      f.goEnv.GOFLAGS = '-a';
    }),
  );
  assert.deepEqual(
    found.map((x) => x.severity),
    ['bad', 'warn', 'info'],
  );
  assert.deepEqual(summarize(found), { bad: 1, warn: 1, info: 1 });
});

test('toolchain selection, versions and the toolchain list', () => {
  assert.equal(switchTarget('local', 'go1.26.8', 'go1.27.3'), null);
  assert.equal(switchTarget('auto', 'go1.26.8', 'go1.27.3'), 'go1.27.3');
  assert.equal(switchTarget('auto', 'go1.26.8', 'go1.25.0'), null);
  assert.equal(switchTarget('go1.27.3', 'go1.26.8', null), 'go1.27.3');
  assert.equal(switchTarget('go1.26.8+auto', 'go1.26.8', null), null);
  assert.equal(goModToolchain('module m\n\ngo 1.26.0\n\ntoolchain go1.27.3\n'), 'go1.27.3');
  assert.equal(goModToolchain('module m\n\ngo 1.24\n'), null);
  assert.ok((compareGoVersions('go1.26.8', 'go1.27.0') ?? 0) < 0);
  assert.equal(compareGoVersions('go1.27rc1', 'go1.27.0'), null);
  const list = [
    'v0.0.1-go1.27.3.linux-amd64',
    'v0.0.1-go1.27.4.linux-arm64',
    'v0.0.1-go1.28rc1.linux-amd64',
    'v0.0.1-go1.26.10.linux-amd64',
    'v0.0.1-go1.9.linux-amd64',
  ].join('\n');
  assert.equal(newestToolchain(list, 'linux', 'amd64'), 'go1.27.3');
  assert.equal(newestToolchain(list, 'darwin', 'amd64'), null);
});

test('--apply: the go env command and its undo', () => {
  assert.deepEqual(goEnvArgs({ key: 'GOFLAGS', value: '-mod=mod -x' }), [
    'env',
    '-w',
    'GOFLAGS=-mod=mod -x',
  ]);
  assert.deepEqual(goEnvArgs({ key: 'GOFLAGS', value: null }), ['env', '-u', 'GOFLAGS']);
  assert.equal(undoCommand({ key: 'GOFLAGS', value: null }, '-a -x'), "go env -w 'GOFLAGS=-a -x'");
  assert.equal(
    undoCommand({ key: 'GOPROXY', value: 'https://proxy.golang.org,direct' }, undefined),
    'go env -u GOPROXY',
  );
});

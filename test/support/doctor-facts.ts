// Doctor facts of a healthy machine, for the rule tests: each test changes the one fact its
// rule looks at. Shaped like what gatherFacts read on a 2-CPU VM with Go 1.26.8 on ext4.
import type { CacheFacts, DoctorFacts } from '../../src/analyze/doctor-report.js';
import type { StoragePlace } from '../../src/record/fingerprint.js';

/** A place on the ext4 root filesystem of a virtio disk. */
export function diskPlace(name: string, p: string): StoragePlace {
  return {
    name,
    path: p,
    resolvedPath: p,
    exists: true,
    symlinks: [],
    mountPoint: '/',
    fsType: 'ext4',
    fsClass: 'disk',
    source: '/dev/vda1',
    device: '252:1',
    mountOptions: ['rw', 'relatime'],
    block: {
      name: 'vda1',
      disk: 'vda',
      kind: 'virtio',
      rotational: true,
      model: null,
      sysfsPath: '/sys/devices/pci0000:00/0000:00:04.0/virtio1/block/vda',
      underlying: [],
      evidence: ['virtio device'],
    },
    notes: [],
  };
}

/** A place on a tmpfs. */
export function memoryPlace(name: string, p: string): StoragePlace {
  return {
    ...diskPlace(name, p),
    mountPoint: '/dev/shm',
    fsType: 'tmpfs',
    fsClass: 'memory',
    source: 'tmpfs',
    device: '0:25',
    block: null,
  };
}

function cache(name: string, p: string): CacheFacts {
  return {
    path: p,
    source: 'default',
    storage: diskPlace(name, p),
    disk: { freeBytes: 80 * 2 ** 30, totalBytes: 100 * 2 ** 30 },
    sizeBytes: 300 * 2 ** 20,
    sizeComplete: true,
  };
}

/** Facts with no finding. */
export function healthyFacts(): DoctorFacts {
  return {
    go: { path: '/usr/local/go/bin/go', version: 'go1.26.8' },
    goEnv: {
      GOROOT: '/usr/local/go',
      GOCACHE: '/home/u/.cache/go-build',
      GOMODCACHE: '/home/u/go/pkg/mod',
      GOPROXY: 'https://proxy.golang.org,direct',
      GOSUMDB: 'sum.golang.org',
      GOFLAGS: '',
      GOTOOLCHAIN: 'local',
      GOOS: 'linux',
      GOARCH: 'amd64',
      GOVERSION: 'go1.26.8',
    },
    sources: {},
    goroot: {
      value: '/usr/local/go',
      source: 'executable location',
      absolute: true,
      hops: [],
      resolved: '/usr/local/go',
      storage: diskPlace('GOROOT', '/usr/local/go'),
      checks: [
        { name: 'GOROOT is a directory', ok: true, detail: '' },
        { name: 'GOROOT is absolute', ok: true, detail: '' },
        { name: 'GOROOT/pkg/tool exists', ok: true, detail: '' },
        { name: 'compile and link in GOTOOLDIR', ok: true, detail: '' },
        { name: 'GOROOT/VERSION matches the go binary', ok: true, detail: 'go1.26.8' },
        { name: 'GOROOT/go.env exists', ok: true, detail: '' },
      ],
    },
    goOnPath: [
      { path: '/usr/local/go/bin/go', realPath: '/usr/local/go/bin/go', version: 'go1.26.8' },
    ],
    gocache: cache('GOCACHE', '/home/u/.cache/go-build'),
    gomodcache: cache('GOMODCACHE', '/home/u/go/pkg/mod'),
    cpu: {
      logicalCpus: 8,
      physicalCores: 4,
      affinityCpus: 8,
      quotaCpus: null,
      goDefaultProcs: 8,
      gomaxprocsEnv: null,
      governor: 'performance',
      loadAvg1: 0.2,
      loadAvg5: 0.3,
    },
    proxies: [{ url: 'https://proxy.golang.org', reachable: true, detail: 'HTTP 200 in 80 ms' }],
    toolchain: {
      local: 'go1.26.8',
      gotoolchain: 'local',
      gotoolchainSource: 'default',
      switchTo: null,
      switchCached: null,
      newest: 'go1.26.8',
    },
    project: null,
    regressions: null,
    thorough: null,
  };
}

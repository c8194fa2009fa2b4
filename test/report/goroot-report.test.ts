import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeClaim, SYMLINK_CLAIM, TMPFS_CLAIM } from '../../src/analyze/goroot-claims.js';
import {
  GOROOT_REPORT_SCHEMA,
  roundValues,
  timedSeries,
  type GorootReport,
  type ResolutionReport,
} from '../../src/analyze/goroot-report.js';
import { formatTrace, renderGorootReport } from '../../src/report/goroot-report.js';
import { resolutionChecks } from '../../src/analyze/goroot-resolution.js';
import { ratioOfMedians, slopeOfMedians } from '../../src/analyze/goroot-stats.js';
import { skippedTmpfs } from '../../src/analyze/goroot-tmpfs-experiment.js';

test('timedSeries summarizes successes and counts failures', () => {
  const s = timedSeries([3e6, null, 1e6, 2e6, 4e6, 5e6, 6e6, 7e6], ['exit status 2: boom']);
  assert.equal(s.n, 7);
  assert.equal(s.failures, 1);
  assert.equal(s.firstFailure, 'exit status 2: boom');
  assert.equal(s.median, 4e6);
  assert.equal(s.min, 1e6);
  assert.equal(s.max, 7e6);
  assert.ok(s.ciLo !== null && s.ciHi !== null && s.ciLo <= 4e6 && s.ciHi >= 4e6);
  assert.deepEqual(roundValues(timedSeries([1, null])), [1, NaN]);
  const empty = timedSeries([null], ['x']);
  assert.equal(empty.median, null);
  assert.equal(empty.n, 0);
});

test('formatTrace', () => {
  assert.equal(
    formatTrace({ path: '/a', absolute: true, hops: [], resolved: '/a', error: null }),
    'no symlinks (a physical path)',
  );
  assert.equal(
    formatTrace({
      path: '/l',
      absolute: true,
      hops: [{ link: '/l', target: '/opt/go' }],
      resolved: '/opt/go',
      error: null,
    }),
    '1 symlink: /l -> /opt/go; real path /opt/go',
  );
});

const resolution: ResolutionReport = {
  goBinary: {
    path: '/usr/local/go/bin/go',
    trace: {
      path: '/usr/local/go/bin/go',
      absolute: true,
      hops: [],
      resolved: '/usr/local/go/bin/go',
      error: null,
    },
    executable: '/usr/local/go/bin/go',
    trimmed: true,
    version: 'go1.26.8',
  },
  goroot: '/usr/local/go',
  absolute: true,
  trace: {
    path: '/usr/local/go',
    absolute: true,
    hops: [],
    resolved: '/usr/local/go',
    error: null,
  },
  storage: {
    mountPoint: '/',
    fsType: 'ext4',
    fsClass: 'disk',
    source: '/dev/vda',
    blockKind: 'virtio',
    blockDisk: 'vda',
  },
  source: 'executable location',
  sourceDetail: 'not set: derived from the go binary',
  predicted: '/usr/local/go',
  agrees: true,
  environment: null,
  goEnvFile: '/root/.config/go/env',
  goEnvFileGoroot: null,
  checks: resolutionChecks({
    goroot: '/usr/local/go',
    isDir: true,
    hasPkgTool: true,
    toolDir: '/usr/local/go/pkg/tool/linux_amd64',
    hasCompileAndLink: true,
    versionFile: 'go1.26.8',
    goVersion: 'go1.26.8',
    hasGoEnvFile: true,
  }),
  notes: ['a note'],
};

function report(): GorootReport {
  const depths = [0, 8];
  const env = [Array(8).fill(3e6) as number[], Array(8).fill(3.01e6) as number[]];
  const list = [Array(8).fill(200e6) as number[], Array(8).fill(204e6) as number[]];
  const perLevel = [
    { command: 'go env GOROOT', interval: slopeOfMedians(depths, env) },
    { command: 'go list std', interval: slopeOfMedians(depths, list) },
  ];
  const disk = [100, 101, 99, 100, 102, 98];
  const ratio = ratioOfMedians(disk, disk);
  return {
    schemaVersion: GOROOT_REPORT_SCHEMA,
    command: 'analyze goroot',
    go: { path: '/usr/local/go/bin/go', version: 'go1.26.8' },
    measuredBy: 'rusage-exec',
    resolution,
    symlinks: {
      target: '/usr/local/go',
      chainDir: '/tmp/gobaseline-x/goroot-links',
      runs: 8,
      depths,
      commands: ['go env GOROOT', 'go list std'],
      statEntries: 12801,
      perDepth: depths.map((d, i) => ({
        depth: d,
        goroot: d === 0 ? '/usr/local/go' : `/tmp/gobaseline-x/goroot-links/goroot-depth-${d}`,
        hops: d,
        resolvesTo: '/usr/local/go',
        reportedGoroot:
          d === 0 ? '/usr/local/go' : `/tmp/gobaseline-x/goroot-links/goroot-depth-${d}`,
        series: {
          'go env GOROOT': timedSeries(env[i] as number[]),
          'go list std': timedSeries(list[i] as number[]),
        },
      })),
      perLevel,
      method: 'Theil–Sen',
      claims: perLevel.map((p) =>
        judgeClaim(SYMLINK_CLAIM, `${p.command}, cost per symlink level`, p.interval),
      ),
    },
    tmpfs: {
      skipped: null,
      tmpfs: {
        dir: '/dev/shm',
        fsType: 'tmpfs',
        mountPoint: '/dev/shm',
        source: 'tmpfs',
        storage: null,
      },
      disk: { dir: '/tmp', fsType: 'ext4', mountPoint: '/', source: '/dev/vda', storage: null },
      gorootBytes: 222 * 2 ** 20,
      copyNs: { tmpfs: 0.6e9, disk: 4.5e9 },
      runs: 6,
      buildRuns: 0,
      rows: [
        {
          command: 'lstat over GOROOT/src',
          per: 'lstat call',
          disk: timedSeries(disk),
          tmpfs: timedSeries(disk),
          ratio,
          p: 1,
        },
      ],
      statEntries: 12801,
      claims: [judgeClaim(TMPFS_CLAIM, 'lstat over GOROOT/src: tmpfs/disk', ratio)],
      notes: ['tmpfs note'],
    },
    load: { start: 0.5, end: 0.7, threads: 2 },
    warnings: ['busy'],
  };
}

test('renderGorootReport shows every section, the per-level cost and the verdicts', () => {
  const text = renderGorootReport(report());
  for (const needle of [
    'gobaseline analyze goroot · go1.26.8',
    'GOROOT resolution',
    'executable location: not set',
    '(agrees)',
    'note: a note',
    'ext4 (disk) on /dev/vda, virtio disk vda',
    'Symlink depth',
    'cost per level',
    '1.25 µs', // (3.01 - 3.00 ms) / 8
    '500 µs', // (204 - 200 ms) / 8
    'Claim (source document): "each nested symlink level in GOROOT adds ~0.5 ms"',
    'go env GOROOT, cost per symlink level: DOES NOT HOLD HERE',
    'go list std, cost per symlink level: HOLDS',
    'GOROOT on tmpfs vs disk',
    '/dev/shm (tmpfs)',
    '/tmp (ext4 on /dev/vda)',
    'lstat over GOROOT/src (per call)',
    '1.00×',
    'Claim (source document): "GOROOT on /tmp (tmpfs) makes stat 3x slower"',
    'lstat over GOROOT/src: tmpfs/disk: DOES NOT HOLD HERE',
    'note: tmpfs note',
    'warning: busy',
  ]) {
    assert.ok(text.includes(needle), `missing ${JSON.stringify(needle)} in\n${text}`);
  }
});

test('a skipped tmpfs experiment is a note, and JSON round-trips', () => {
  const r = report();
  r.tmpfs = skippedTmpfs('no writable tmpfs directory with 300 MiB free', 15, 1);
  r.symlinks = null;
  const text = renderGorootReport(r);
  assert.match(text, /GOROOT on tmpfs vs disk: skipped: no writable tmpfs directory/);
  assert.ok(!text.includes('Symlink depth'));
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

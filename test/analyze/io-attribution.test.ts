import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  AREAS,
  KINDS,
  areaOf,
  areaRoots,
  attributeIo,
  checkCounts,
  kindOf,
  targetOf,
} from '../../src/analyze/io-attribution.js';
import { ioHeatMapSvg, heatColour } from '../../src/report/io-svg.js';
import { IO_REPORT_SCHEMA, type IoReport, type TracedBuild } from '../../src/analyze/io-report.js';
import { renderIoReport, shortPath } from '../../src/report/io-report.js';
import { parseStraceSummary, parseStraceTrace } from '../../src/parse/strace.js';
import { fixturePath } from '../support/paths.js';

const fixture = (name: string): string => readFileSync(fixturePath(`strace/${name}`), 'utf8');

// The private directories of the cold net/url capture.
const coldRoots = areaRoots({
  goroot: ['/usr/local/go'],
  gocache: ['/tmp/gobaseline-1sL8Ae/gocache'],
  gomodcache: ['/tmp/gobaseline-1sL8Ae/gomodcache'],
  project: ['/tmp/gobaseline-1sL8Ae/work'],
  tmpdir: ['/tmp/gobaseline-1sL8Ae/tmp'],
});
// ... and of the warm unicode/utf8 capture.
const warmRoots = areaRoots({
  goroot: ['/usr/local/go'],
  gocache: ['/tmp/iox/f/gc'],
  gomodcache: ['/tmp/iox/f/gm'],
  project: ['/tmp/iox/f/work'],
  tmpdir: ['/tmp/iox/f/tmp'],
});

test('each kind of line names its file: -y paths, relative paths, ".", pipes, *at calls', () => {
  const calls = parseStraceTrace(fixture('cold-net-url-lines.trace')).calls;
  const targets = calls.map((c) => [c.name, targetOf(c)] as const);
  assert.deepEqual(targets, [
    ['openat', { type: 'path', path: '/usr/local/go/src/runtime/textflag.h' }],
    ['newfstatat', { type: 'path', path: '/usr/local/go/src/internal/abi' }],
    [
      'unlinkat',
      { type: 'path', path: '/tmp/gobaseline-1sL8Ae/tmp/go-build2455264427/b009/asm_GOARCH.h' },
    ],
    ['mkdirat', { type: 'path', path: '/tmp/gobaseline-1sL8Ae/tmp/go-build2455264427' }],
    [
      'utimensat',
      {
        type: 'path',
        path: '/tmp/gobaseline-1sL8Ae/gocache/a9/a97de4912ba0a8224947172f7ce06a3458593c284aa6606e9303ccd9454674c1-d',
      },
    ],
    ['chdir', { type: 'path', path: '/tmp/gobaseline-1sL8Ae/work' }],
    ['readlinkat', { type: 'path', path: '/proc/self/exe' }],
    ['getdents64', { type: 'path', path: '/tmp/gobaseline-1sL8Ae/gocache/00' }],
    [
      'openat',
      {
        type: 'path',
        path: '/tmp/gobaseline-1sL8Ae/gocache/9e/9e5ba2cef6a318b1c6fe77d22114215fb8ecfada44a0f330db9aabcaa3242e9a-a',
      },
    ],
    ['read', { type: 'non-file', what: 'pipe:[266532]' }],
    ['fstat', { type: 'path', path: '/usr/local/go/go.env' }],
    ['newfstatat', { type: 'path', path: '/tmp/gobaseline-1sL8Ae/work' }],
    ['execve', { type: 'path', path: '/usr/local/go/bin/go' }],
    ['pread64', { type: 'path', path: '/sys/fs/cgroup/cpu/cpu.cfs_quota_us' }],
  ]);
  const areas = targets.map(([, t]) => (t.type === 'path' ? areaOf(t.path, coldRoots) : t.type));
  assert.deepEqual(areas, [
    'goroot-src',
    'goroot-src',
    'go-tmp',
    'go-tmp',
    'gocache',
    'project',
    'elsewhere',
    'gocache',
    'gocache',
    'non-file',
    'goroot-other',
    'project',
    'goroot-other',
    'elsewhere',
  ]);
});

test('areas: the longest root wins; every spelling of a directory counts', () => {
  const roots = areaRoots({
    goroot: ['/home/u/sdk/go', '/opt/go-real'],
    gocache: ['/home/u/.cache/go-build'],
    gomodcache: ['/home/u/go/pkg/mod'],
    project: ['/home/u/src/app'],
    tmpdir: ['/tmp'],
  });
  assert.equal(areaOf('/opt/go-real/src/fmt/print.go', roots), 'goroot-src');
  assert.equal(areaOf('/home/u/sdk/go/pkg/tool/linux_amd64/compile', roots), 'goroot-pkg');
  assert.equal(areaOf('/home/u/sdk/go/VERSION', roots), 'goroot-other');
  assert.equal(areaOf('/home/u/sdk/go', roots), 'goroot-other');
  assert.equal(areaOf('/home/u/sdk/gopher', roots), 'elsewhere'); // a prefix, not a parent
  assert.equal(areaOf('/home/u/go/pkg/mod/golang.org/x/text@v0.1.0/go.mod', roots), 'gomodcache');
  assert.equal(areaOf('/home/u/src/app/main.go', roots), 'project');
  assert.equal(areaOf('/tmp/go-build1/b001/importcfg', roots), 'go-tmp');
  assert.equal(areaOf('/etc/passwd', roots), 'elsewhere');
});

test('kinds: openat, the stat family, reads, readlink, getdents, other', () => {
  assert.equal(kindOf('openat'), 'open');
  for (const s of ['newfstatat', 'fstat', 'statx', 'lstat', 'stat'])
    assert.equal(kindOf(s), 'stat');
  assert.equal(kindOf('pread64'), 'read');
  assert.equal(kindOf('readlinkat'), 'readlink');
  assert.equal(kindOf('getdents64'), 'getdents');
  assert.equal(kindOf('utimensat'), 'other');
});

test('attributes a whole warm build: areas add up, counts equal strace -c of the same build', () => {
  const trace = parseStraceTrace(fixture('warm-unicode-utf8.trace'));
  const a = attributeIo(trace.calls, warmRoots, 5);
  assert.equal(a.total.calls, 415);
  assert.equal(
    a.areas.reduce((n, x) => n + x.calls, 0),
    a.total.calls,
  );
  assert.deepEqual(
    a.areas.map((x) => x.area),
    [...AREAS],
  );
  for (const area of a.areas) {
    assert.equal(
      KINDS.reduce((n, k) => n + area.byKind[k].calls, 0),
      area.calls,
    );
  }
  const src = a.areas.find((x) => x.area === 'goroot-src');
  const cache = a.areas.find((x) => x.area === 'gocache');
  assert.ok(src && src.calls > 0, 'a warm build still looks at the GOROOT sources');
  assert.ok(cache && cache.byKind.open.calls > 0, 'and opens cache entries');
  assert.ok(a.total.readBytes > 0);
  assert.equal(a.hottest.length, 5);
  for (let i = 1; i < a.hottest.length; i++)
    assert.ok((a.hottest[i - 1]?.calls ?? 0) >= (a.hottest[i]?.calls ?? 0));
  // The same trace's -C summary: equal; the separate strace -c run: equal here too.
  const same = checkCounts(a.bySyscall, trace.summary!, 0);
  assert.ok(same.every((c) => c.agrees && c.deltaFraction === 0));
  const other = checkCounts(
    a.bySyscall,
    parseStraceSummary(fixture('warm-unicode-utf8.summary')),
    0.05,
  );
  assert.deepEqual(
    other
      .filter((c) => c.what === 'openat' || c.what === 'stat family')
      .map((c) => [c.parsed, c.strace]),
    [
      [34, 34],
      [331, 331],
    ],
  );
});

test("count check: the delta is a fraction of strace's count, against the tolerance", () => {
  const summary = {
    rows: [
      { syscall: 'openat', calls: 100, errors: 0, seconds: 0 },
      { syscall: 'newfstatat', calls: 200, errors: 0, seconds: 0 },
      { syscall: 'fstat', calls: 100, errors: 0, seconds: 0 },
    ],
    totalCalls: 400,
  };
  const parsed = [
    { syscall: 'openat', calls: 104, errors: 0, timeUs: 0 },
    { syscall: 'newfstatat', calls: 270, errors: 0, timeUs: 0 },
    { syscall: 'fstat', calls: 50, errors: 0, timeUs: 0 },
    { syscall: 'read', calls: 3, errors: 0, timeUs: 0 },
  ];
  const checks = checkCounts(parsed, summary, 0.05);
  const open = checks.find((c) => c.what === 'openat');
  const stat = checks.find((c) => c.what === 'stat family');
  const read = checks.find((c) => c.what === 'read, pread64');
  assert.deepEqual([open?.deltaFraction, open?.agrees], [0.04, true]);
  assert.deepEqual([stat?.parsed, stat?.strace, stat?.agrees], [320, 300, false]);
  assert.deepEqual([read?.deltaFraction, read?.agrees], [Infinity, false]);
});

function reportOf(): IoReport {
  const trace = parseStraceTrace(fixture('warm-unicode-utf8.trace'));
  const attribution = attributeIo(trace.calls, warmRoots, 10);
  const build: TracedBuild = {
    cache: 'warm',
    argv: ['strace', '--', 'go', 'build'],
    wallNs: 1.5e8,
    userNs: null,
    sysNs: null,
    traceLines: 444,
    calls: trace.calls.length,
    joinedCalls: 3,
    neverResumed: 0,
    attribution,
    sameTraceCheck: checkCounts(attribution.bySyscall, trace.summary!, 0),
    independentCheck: null,
  };
  return {
    schemaVersion: IO_REPORT_SCHEMA,
    command: 'analyze io',
    go: {
      path: '/usr/local/go/bin/go',
      version: 'go version go1.26.8 linux/amd64',
      goroot: '/usr/local/go',
    },
    target: { packages: ['unicode/utf8'], project: null },
    strace: { path: '/usr/bin/strace', version: '6.1' },
    roots: warmRoots,
    env: {},
    builds: [build, { ...build, cache: 'cold' }],
    warnings: [],
  };
}

test('renders tables per area and kind, hottest files with $GOCACHE paths, and the check', () => {
  const text = renderIoReport(reportOf());
  assert.match(text, /GOROOT\/src/);
  assert.match(text, /calls warm/);
  assert.match(text, /\$GOCACHE\//);
  assert.match(
    text,
    /parsed lines vs strace's own summary of the same trace \(-C\): equal: openat 34 vs 34/,
  );
  assert.equal(
    shortPath('/tmp/iox/f/tmp/go-build123/b001/importcfg', warmRoots),
    '$TMPDIR/go-build*/b001/importcfg',
  );
  assert.equal(shortPath('/etc/hosts', warmRoots), '/etc/hosts');
});

test('the heat map is one SVG document with a cell per area and kind per build', () => {
  const svg = ioHeatMapSvg(reportOf());
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>\n$/);
  const areasUsed = reportOf().builds[0]!.attribution.areas.filter((a) => a.calls > 0).length;
  assert.equal(
    (svg.match(/<rect x="\d+" y="\d+" width="76"/g) ?? []).length,
    2 * areasUsed * KINDS.length,
  );
  assert.doesNotMatch(svg.replace(/<title>[^<]*<\/title>/g, ''), /&(?!amp;|lt;|gt;|quot;)/);
  assert.equal(heatColour(0, 10), '#ffffff');
  assert.equal(heatColour(10, 10), '#08306b');
});

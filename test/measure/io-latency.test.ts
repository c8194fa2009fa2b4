import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FioParseError, parseFioJson } from '../../src/parse/fio-output.js';
import {
  filesystemOf,
  largestGorootFile,
  probeLatency,
  testFileParent,
} from '../../src/measure/io-latency.js';
import { builtinProbe } from '../../src/measure/latency-builtin.js';
import { fioArgs, fioProbe } from '../../src/measure/latency-fio.js';
import { realCommandRunner } from '../../src/measure/command-runner.js';
import { findOnPath, readMounts } from '../../src/probe/index.js';
import { nearestReference, type LatencyReport } from '../../src/analyze/latency-report.js';
import { renderLatencyReport } from '../../src/report/io-latency.js';
import { skipUnlessCi } from '../support/ci.js';
import { cliEnv, runCli, tempDir, type CliResult } from '../support/cli.js';
import { fixturePath } from '../support/paths.js';

const fioPath = findOnPath('fio', process.env.PATH);
const goPath = findOnPath('go', process.env.PATH);
const goroot = goPath ? path.dirname(path.dirname(fs.realpathSync(goPath))) : null;
const mountinfo = await readMounts();
/** fio runs as a tool through the real runner (no helper needed). */
const runner = realCommandRunner({
  helperPath: null,
  timeoutMs: 120_000,
  signal: new AbortController().signal,
});

function fileOf(dir: string, bytes: number): string {
  const file = path.join(dir, 'data.bin');
  fs.writeFileSync(file, Buffer.alloc(bytes, 7));
  return file;
}

test('built-in probe: N timed 4 KiB reads, O_DIRECT where the filesystem takes it', () => {
  const file = fileOf(tempDir(), 4 * 1024 * 1024);
  const m = builtinProbe(file, 300);
  assert.equal(m.engine, 'builtin');
  assert.equal(m.reads, 300);
  assert.ok(['direct', 'page-cache'].includes(m.cache));
  assert.ok(m.minUs > 0 && m.minUs <= m.p50Us && m.p50Us <= m.p99Us && m.p99Us <= m.maxUs);
  assert.ok(m.meanUs >= m.minUs && m.meanUs <= m.maxUs);
  const fsType = filesystemOf(path.dirname(file), mountinfo)?.fsType;
  if (fsType === 'ext4' || fsType === 'xfs') assert.equal(m.cache, 'direct');
});

test('buffered reads on request: the page cache, said so', () => {
  const file = fileOf(tempDir(), 1024 * 1024);
  const m = builtinProbe(file, 200, false);
  assert.equal(m.cache, 'page-cache');
  assert.equal(m.reads, 200);
  assert.ok(m.p50Us > 0 && m.p50Us < 1000);
});

test(
  'GOROOT is read, never written: its largest tool binary',
  { skip: goroot ? false : 'no go' },
  async () => {
    const file = largestGorootFile(goroot!);
    assert.ok(file && file.startsWith(path.join(goroot!, 'pkg', 'tool')), String(file));
    const before = fs.statSync(file);
    const [r] = await probeLatency(
      [{ role: 'GOROOT', dir: goroot!, method: 'read-existing' }],
      { runner, engines: ['builtin'], reads: 200, fileBytes: 0, fioPath: null },
      mountinfo,
    );
    assert.equal(r?.probedFile, file);
    assert.equal(r?.probedFileKind, 'existing-file');
    assert.equal(r?.measurements.length, 1);
    assert.ok(r?.filesystem?.fsType);
    assert.equal(fs.statSync(file).mtimeMs, before.mtimeMs);
  },
);

test('test files go next to a directory, in a private dir removed afterwards; one per filesystem', async () => {
  const parent = tempDir();
  const cache = path.join(parent, 'go-build');
  fs.mkdirSync(cache);
  assert.equal(testFileParent(cache), parent); // never inside the cache itself
  assert.equal(testFileParent(path.join(parent, 'missing', 'deeper')), parent);
  assert.equal(testFileParent(cache, 'inside'), cache);
  const results = await probeLatency(
    [
      { role: 'GOCACHE location', dir: cache, method: 'test-file-beside' },
      { role: 'temp dir', dir: parent, method: 'test-file-inside' },
    ],
    { runner, engines: ['builtin'], reads: 100, fileBytes: 2 * 1024 * 1024, fioPath: null },
    mountinfo,
  );
  const [first, second] = results;
  assert.equal(first?.probedFileKind, 'test-file');
  assert.equal(first?.measurements[0]?.reads, 100);
  assert.ok(first?.probedFile && !fs.existsSync(first.probedFile), 'test file removed');
  assert.ok(!fs.existsSync(path.dirname(first.probedFile)), 'private dir removed');
  assert.deepEqual(fs.readdirSync(cache), [], 'nothing written into the cache directory');
  assert.equal(second?.sameFilesystemAs, 'GOCACHE location');
  assert.equal(second?.measurements, first?.measurements);
});

test('an unwritable location is skipped with the reason', async () => {
  const [r] = await probeLatency(
    [{ role: 'GOMODCACHE location', dir: '/proc/gobaseline-none/mod', method: 'test-file-beside' }],
    { runner, engines: ['builtin'], reads: 10, fileBytes: 1024 * 1024, fioPath: null },
    mountinfo,
  );
  assert.match(
    r?.skipped ?? '',
    /^cannot write next to \/proc\/gobaseline-none\/mod \(in \/proc\)/,
  );
  assert.equal(r?.measurements.length, 0);
});

test(
  'a directory that is a mount of its own is not written next to (other filesystem)',
  {
    skip: fs.existsSync('/dev/shm') ? false : 'no /dev/shm',
  },
  async () => {
    const [r] = await probeLatency(
      [{ role: 'GOCACHE location', dir: '/dev/shm', method: 'test-file-beside' }],
      { runner, engines: ['builtin'], reads: 10, fileBytes: 1024 * 1024, fioPath: null },
      mountinfo,
    );
    assert.match(r?.skipped ?? '', /is a filesystem of its own/);
  },
);

test('fio JSON: the read latency of a real fio 3.33 run', () => {
  const text = fs.readFileSync(fixturePath('fio/randread-4k-qd1-direct-fio3.33.json'), 'utf8');
  const lat = parseFioJson(`note: both iodepth >= 1 and synchronous I/O engine\n${text}`);
  assert.deepEqual(lat, {
    ios: 500,
    meanNs: 27522.722,
    minNs: 19866,
    maxNs: 1613390,
    p50Ns: 23424,
    p99Ns: 40704,
    source: 'lat_ns',
    fioVersion: 'fio-3.33',
  });
  assert.throws(() => parseFioJson('fio: no such file'), FioParseError);
  assert.throws(() => parseFioJson('{"jobs": []}'), /no jobs/);
  assert.throws(() => parseFioJson('{"jobs": [{"error": 5}]}'), /error 5/);
  assert.throws(() => parseFioJson('{"jobs": [{"read": {"lat_ns": {"N": 1}}}]}'), /percentiles/);
  assert.throws(() => parseFioJson('{"jobs": [{'), /not valid JSON/);
  // Found by fuzzing: negative latencies and counts were taken as measurements, and a JSON
  // syntax error's message spanned lines (JSON.parse quotes the input).
  const doc = JSON.parse(text) as { jobs: { read: { lat_ns: Record<string, unknown> } }[] };
  for (const [key, value] of [
    ['min', -1],
    ['N', 2.5],
    ['percentile', { '50.000000': -3, '99.000000': 40704 }],
  ] as const) {
    const bad = structuredClone(doc);
    Object.assign(bad.jobs[0]?.read.lat_ns ?? {}, { [key]: value });
    assert.throws(() => parseFioJson(JSON.stringify(bad)), FioParseError, `${key}: ${value}`);
  }
  assert.throws(
    () => parseFioJson('{"jobs":\n[1,\n2\n,,]}'),
    (err: Error) => err instanceof FioParseError && !err.message.includes('\n'),
  );
  assert.ok(fioArgs('/x', 10_000, 5, true).includes('--readonly'));
  assert.ok(fioArgs('/x', 10_000, 5, true).includes('--size=8192'));
});

test('fio on a real file agrees with the built-in probe in order of magnitude', async (t) => {
  if (!fioPath) return skipUnlessCi(t, 'fio is not installed (Debian: apt-get install -y fio)');
  const file = fileOf(tempDir(), 8 * 1024 * 1024);
  const b = builtinProbe(file, 300);
  const f = await fioProbe(runner, fioPath, file, 300, b.cache === 'direct');
  assert.equal(f.engine, 'fio');
  assert.equal(f.reads, 300);
  assert.ok(f.p50Us > 0 && f.p50Us <= f.p99Us);
  const ratio = b.p50Us / f.p50Us;
  assert.ok(ratio > 0.2 && ratio < 5, `built-in p50 ${b.p50Us} µs vs fio ${f.p50Us} µs`);
});

test('nearest reference medium by mean latency, on a log scale', () => {
  assert.equal(nearestReference({ meanUs: 30, p99Us: 90 }).medium, 'NVMe');
  assert.equal(nearestReference({ meanUs: 150, p99Us: 500 }).medium, 'SATA SSD');
  assert.equal(nearestReference({ meanUs: 2, p99Us: 5 }).medium, 'ramfs');
  const n = nearestReference({ meanUs: 56, p99Us: 87 });
  assert.deepEqual([n.meanRatio, n.p99Ratio], [2, 1]);
});

test('the report says what was read and how', () => {
  const report: LatencyReport = {
    schemaVersion: 1,
    command: 'analyze latency',
    reads: 100,
    testFileBytes: 64 * 1024 * 1024,
    engines: ['builtin'],
    fio: null,
    results: [
      {
        role: 'temp dir',
        dir: '/tmp',
        probedFile: '/tmp/gobaseline-x/latency-test.bin',
        probedFileKind: 'test-file',
        probedFileBytes: 64 * 1024 * 1024,
        filesystem: { mountPoint: '/', fsType: 'ext4', source: '/dev/vda' },
        sameFilesystemAs: null,
        measurements: [
          {
            engine: 'builtin',
            cache: 'direct',
            reads: 100,
            meanUs: 30,
            p50Us: 25,
            p99Us: 80,
            minUs: 20,
            maxUs: 200,
          },
        ],
        skipped: null,
        warnings: [],
      },
      {
        role: 'GOMODCACHE location',
        dir: '/ro/mod',
        probedFile: null,
        probedFileKind: null,
        probedFileBytes: null,
        filesystem: null,
        sameFilesystemAs: null,
        measurements: [],
        skipped: 'cannot write next to /ro/mod (in /ro): EROFS',
        warnings: [],
      },
    ],
    reference: [],
    warnings: [],
  };
  const text = renderLatencyReport(report);
  assert.match(
    text,
    /temp dir .* ext4 on \/dev\/vda \(\/\) .* private test file .* O_DIRECT .* 30\.0 µs .* NVMe: mean ×1\.07/,
  );
  assert.match(text, /GOMODCACHE location .* not measured: cannot write next to \/ro\/mod/);
});

function runLatencyCli(args: string[]): Promise<CliResult> {
  return runCli(
    ['analyze', 'latency', ...args],
    cliEnv({
      GOCACHE: path.join(tempDir(), 'gocache'),
      GOMODCACHE: path.join(os.tmpdir(), 'no-such', 'mod'),
    }),
  );
}

test(
  'analyze latency --json: GOROOT, temp dir, GOCACHE and GOMODCACHE locations',
  { skip: goPath ? false : 'no go' },
  async () => {
    const r = await runLatencyCli([
      '--engine',
      'builtin',
      '--reads',
      '100',
      '--file-size',
      '4',
      '--json',
      '-q',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as LatencyReport;
    assert.deepEqual(
      report.results.map((x) => x.role),
      ['GOROOT', 'temp dir', 'GOCACHE location', 'GOMODCACHE location'],
    );
    for (const x of report.results) {
      assert.equal(x.skipped, null, `${x.role}: ${x.skipped}`);
      assert.ok((x.measurements[0]?.meanUs ?? 0) > 0, x.role);
    }
    const bad = await runLatencyCli(['--dir', '/nonexistent/dir']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^gobaseline: --dir \/nonexistent\/dir: ENOENT/);
  },
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeCacheEntry,
  describeDataEntry,
  overlaps,
  toolchainVersions,
} from '../../src/store/kept-files.js';

test('toolchain versions from the module directories the go command unpacks', () => {
  assert.deepEqual(
    toolchainVersions([
      'toolchain@v0.0.1-go1.27.3.linux-amd64',
      'toolchain@v0.0.1-go1.22rc1.darwin-arm64',
      'something-else',
    ]),
    ['go1.22rc1', 'go1.27.3'],
  );
});

test('entries are named for what they are; unknown ones say so', () => {
  assert.match(describeCacheEntry('rusage-exec-0455e72ce08b'), /rusage helper/);
  assert.match(describeCacheEntry('rusage-exec-0455e72ce08b.123.tmp'), /unfinished/);
  assert.match(describeCacheEntry('membw-43b8cd0793a9'), /memory-bandwidth and load program/);
  assert.match(describeCacheEntry('membw-43b8cd0793a9.99.tmp'), /unfinished/);
  assert.match(describeCacheEntry('memory-bandwidth.json'), /memory bandwidth last measured/);
  assert.match(describeCacheEntry('memory-bandwidth.json.99.tmp'), /unfinished/);
  assert.match(describeCacheEntry('toolchains', ['go1.27.3']), /--toolchain: go1\.27\.3/);
  assert.match(describeCacheEntry('test-warm-cache'), /npm test/);
  assert.match(describeCacheEntry('mystery'), /not made by/);
  assert.equal(describeDataEntry('runs', 1), '1 saved run');
  assert.equal(describeDataEntry('runs', 3), '3 saved runs');
  assert.match(describeDataEntry('gobaseline.db', 0), /the run store/);
  assert.match(describeDataEntry('gobaseline.db-wal', 0), /write-ahead log/);
});

test('overlap: the same directory, or one inside the other; not siblings with a common prefix', () => {
  assert.equal(overlaps('/c/gobaseline', '/c/gobaseline'), true);
  assert.equal(overlaps('/c/gobaseline', '/c/gobaseline/go-build'), true);
  assert.equal(overlaps('/c/gobaseline/x', '/c'), true);
  assert.equal(overlaps('/c/gobaseline', '/c/go-build'), false);
  assert.equal(overlaps('/c/gobaseline', '/c/gobaseline2'), false);
});

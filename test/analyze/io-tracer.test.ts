import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countFlags,
  hasSeccompBpf,
  requireStrace,
  traceFlags,
} from '../../src/analyze/io-tracer.js';
import { EnvironmentError } from '../../src/errors.js';
import { tempDir } from '../support/cli.js';

test('strace flags: follow forks, times, fd paths, the -C summary in the same file', () => {
  assert.deepEqual(traceFlags('/t/cold.trace'), [
    '-f',
    '--seccomp-bpf',
    '-tt',
    '-T',
    '-y',
    '-C',
    '-s',
    '0',
    '-e',
    'trace=%file,%%stat,read,pread64,getdents64',
    '-o',
    '/t/cold.trace',
  ]);
  assert.ok(!traceFlags('/t/x', false).includes('--seccomp-bpf'));
  assert.deepEqual(countFlags('/t/s', false), [
    '-f',
    '-c',
    '-e',
    'trace=%file,%%stat,read,pread64,getdents64',
    '-o',
    '/t/s',
  ]);
});

test('--seccomp-bpf from strace 5.3 on', () => {
  assert.equal(hasSeccompBpf('6.1'), true);
  assert.equal(hasSeccompBpf('5.3'), true);
  assert.equal(hasSeccompBpf('5.2'), false);
  assert.equal(hasSeccompBpf('4.26'), false);
  assert.equal(hasSeccompBpf(null), false);
});

test('no strace on PATH: an EnvironmentError (exit 3) that says how to install it', () => {
  assert.throws(
    () => requireStrace(tempDir()),
    (err: unknown) =>
      err instanceof EnvironmentError &&
      err.exitCode === 3 &&
      err.message === 'strace is not installed (Debian: apt-get install -y strace)',
  );
});

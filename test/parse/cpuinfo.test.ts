import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCpuinfo } from '../../src/parse/cpuinfo.js';
import { probeFixture } from '../probe/fixtures.js';

test('cpuinfo captured on this VM: 1 socket, 2 cores, 2 threads, hypervisor flag', () => {
  const facts = parseCpuinfo(probeFixture('this-vm/cpuinfo.txt'));
  assert.equal(facts.model, 'Intel(R) Xeon(R) Processor');
  assert.equal(facts.sockets, 1);
  assert.equal(facts.cores, 2);
  assert.equal(facts.threads, 2);
  assert.equal(facts.mhz, 2100);
  assert.ok(facts.flags.includes('hypervisor'));
  assert.ok(facts.flags.includes('avx2'));
});

test('dual-socket Hyper-Threading host: sockets and cores from physical id / core id', () => {
  const facts = parseCpuinfo(probeFixture('variants/cpuinfo-2socket-ht.txt'));
  assert.equal(facts.model, 'Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz');
  assert.equal(facts.sockets, 2);
  assert.equal(facts.cores, 4);
  assert.equal(facts.threads, 8);
  assert.equal(facts.mhz, 1000.012, 'MHz is that of CPU 0');
  assert.ok(!facts.flags.includes('hypervisor'));
});

test('aarch64 cpuinfo has no model, topology or MHz: nulls, but threads and Features', () => {
  const facts = parseCpuinfo(probeFixture('variants/cpuinfo-aarch64.txt'));
  assert.deepEqual(
    { model: facts.model, sockets: facts.sockets, cores: facts.cores, mhz: facts.mhz },
    { model: null, sockets: null, cores: null, mhz: null },
  );
  assert.equal(facts.threads, 2);
  assert.ok(facts.flags.includes('asimd'));
});

test('empty or garbage cpuinfo does not throw', () => {
  assert.deepEqual(parseCpuinfo(''), {
    model: null,
    sockets: null,
    cores: null,
    threads: 0,
    mhz: null,
    flags: [],
  });
  assert.equal(parseCpuinfo('no colons here\n\n\n').threads, 0);
});

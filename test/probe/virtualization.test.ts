import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCpuinfo } from '../../src/parse/cpuinfo.js';
import { detectVirtualization, type VirtualizationFacts } from '../../src/probe/virtualization.js';
import { probeFixture } from './fixtures.js';

/** Bare metal with nothing special: every field empty. */
function bare(overrides: Partial<VirtualizationFacts> = {}): VirtualizationFacts {
  return {
    procVersion: probeFixture('variants/version-ubuntu.txt'),
    cpuFlags: parseCpuinfo(probeFixture('variants/cpuinfo-2socket-ht.txt')).flags,
    dmi: { sysVendor: 'Dell Inc.', productName: 'PowerEdge R640', biosVendor: 'Dell Inc.' },
    hypervisorType: null,
    clocksources: 'tsc hpet acpi_pm',
    selfCgroup: probeFixture('variants/self-cgroup-ubuntu-host-v2.txt'),
    mountinfo: probeFixture('variants/mountinfo-ubuntu-host-v2.txt'),
    dockerenv: false,
    containerenv: false,
    systemdContainer: null,
    pid1Container: null,
    pid2Comm: 'kthreadd',
    env: {},
    ...overrides,
  };
}

test('this VM (captured facts): KVM guest, /.dockerenv is a leftover, not a container', () => {
  const v = detectVirtualization({
    procVersion: probeFixture('this-vm/version.txt'),
    cpuFlags: parseCpuinfo(probeFixture('this-vm/cpuinfo.txt')).flags,
    dmi: { sysVendor: null, productName: null, biosVendor: null },
    hypervisorType: null,
    clocksources: probeFixture('this-vm/available_clocksource.txt'),
    selfCgroup: probeFixture('this-vm/self-cgroup.txt'),
    mountinfo: probeFixture('this-vm/mountinfo.txt'),
    dockerenv: true,
    containerenv: false,
    systemdContainer: null,
    pid1Container: null,
    pid2Comm: 'kthreadd\n',
    env: {},
  });
  assert.equal(v.wsl, false);
  assert.equal(v.hypervisor, 'kvm');
  assert.equal(v.container, null);
  assert.deepEqual(v.evidence, [
    '/proc/cpuinfo: hypervisor flag set',
    'paravirtual clocksource for kvm (available: tsc kvm-clock)',
    'DMI: not available (no /sys/class/dmi/id)',
    '/.dockerenv exists but PID 2 is kthreadd (initial PID namespace): not counted, the image was probably built from a Docker image',
  ]);
});

test('bare metal: nothing detected, no evidence', () => {
  assert.deepEqual(detectVirtualization(bare()), {
    wsl: false,
    container: null,
    hypervisor: null,
    evidence: [],
  });
});

test('WSL2: wsl true and Hyper-V', () => {
  const v = detectVirtualization(
    bare({
      procVersion: probeFixture('variants/version-wsl2.txt'),
      cpuFlags: ['fpu', 'hypervisor'],
      dmi: { sysVendor: null, productName: null, biosVendor: null },
      clocksources: probeFixture('variants/available_clocksource-wsl2.txt'),
      env: { WSL_DISTRO_NAME: 'Ubuntu' },
    }),
  );
  assert.equal(v.wsl, true);
  assert.equal(v.hypervisor, 'hyperv');
  assert.equal(v.container, null);
  assert.ok(v.evidence.includes('/proc/version: WSL 2 kernel'));
});

test('WSL2 with a custom kernel and no paravirtual clock still counts as Hyper-V via /proc/version', () => {
  const v = detectVirtualization(
    bare({
      procVersion: probeFixture('variants/version-wsl2.txt'),
      cpuFlags: [],
      dmi: { sysVendor: null, productName: null, biosVendor: null },
      clocksources: 'tsc',
    }),
  );
  assert.deepEqual([v.wsl, v.hypervisor], [true, 'hyperv']);
});

test('WSL1: wsl true, no VM', () => {
  const v = detectVirtualization(bare({ procVersion: probeFixture('variants/version-wsl1.txt') }));
  assert.deepEqual([v.wsl, v.hypervisor, v.container], [true, null, null]);
});

test('DMI names the hypervisor', () => {
  const vm = (sysVendor: string, productName: string, extra: Partial<VirtualizationFacts> = {}) =>
    detectVirtualization(
      bare({
        dmi: { sysVendor, productName, biosVendor: null },
        cpuFlags: ['hypervisor'],
        ...extra,
      }),
    ).hypervisor;
  assert.equal(vm('VMware, Inc.', 'VMware7,1'), 'vmware');
  assert.equal(vm('innotek GmbH', 'VirtualBox'), 'virtualbox');
  assert.equal(vm('Microsoft Corporation', 'Virtual Machine'), 'hyperv');
  assert.equal(vm('Xen', 'HVM domU'), 'xen');
  assert.equal(vm('QEMU', 'Standard PC (i440FX + PIIX, 1996)'), 'qemu');
  assert.equal(
    vm('QEMU', 'Standard PC (Q35 + ICH9, 2009)', { clocksources: 'kvm-clock tsc' }),
    'kvm',
  );
  assert.equal(vm('Amazon EC2', 'c6i.2xlarge'), 'kvm');
  assert.equal(vm('Google', 'Google Compute Engine'), 'kvm');
  assert.equal(vm('Some Vendor', 'Some Box'), 'unknown', 'hypervisor flag alone');
  // EC2 bare metal says "Amazon EC2" too, without the hypervisor flag.
  assert.equal(
    detectVirtualization(
      bare({ dmi: { sysVendor: 'Amazon EC2', productName: 'm5.metal', biosVendor: null } }),
    ).hypervisor,
    null,
  );
});

test('Xen PV guest via /sys/hypervisor/type', () => {
  const v = detectVirtualization(
    bare({
      hypervisorType: 'xen\n',
      dmi: { sysVendor: null, productName: null, biosVendor: null },
    }),
  );
  assert.equal(v.hypervisor, 'xen');
});

test('Docker v1 container: cgroup path and overlay root', () => {
  const v = detectVirtualization(
    bare({
      selfCgroup: probeFixture('variants/self-cgroup-docker-v1.txt'),
      mountinfo: probeFixture('variants/mountinfo-docker-v1.txt'),
      dockerenv: true,
      pid2Comm: null,
    }),
  );
  assert.equal(v.container, 'docker');
  assert.ok(v.evidence.some((e) => e.startsWith('/proc/self/cgroup: /docker/')));
  assert.ok(v.evidence.includes('root filesystem is an overlay of container layers'));
  assert.ok(v.evidence.includes('/.dockerenv exists'));
});

test('/.dockerenv alone counts when we are in our own PID namespace', () => {
  const v = detectVirtualization(bare({ dockerenv: true, pid2Comm: null }));
  assert.equal(v.container, 'docker');
});

test('Kubernetes wins over the runtime; podman, LXC and container= values', () => {
  const k8s = detectVirtualization(
    bare({
      selfCgroup: probeFixture('variants/self-cgroup-k8s-v1.txt'),
      env: { KUBERNETES_SERVICE_HOST: '10.96.0.1' },
      dockerenv: true,
      pid2Comm: null,
    }),
  );
  assert.equal(k8s.container, 'kubernetes');
  const podman = detectVirtualization(
    bare({ selfCgroup: probeFixture('variants/self-cgroup-podman-v2.txt'), containerenv: true }),
  );
  assert.equal(podman.container, 'podman');
  assert.equal(detectVirtualization(bare({ systemdContainer: 'lxc' })).container, 'lxc');
  assert.equal(
    detectVirtualization(bare({ pid1Container: 'systemd-nspawn' })).container,
    'container',
  );
  assert.equal(detectVirtualization(bare({ env: { container: 'podman' } })).container, 'podman');
  assert.equal(
    detectVirtualization(bare({ selfCgroup: '0::/lxc.payload.build01/init.scope\n' })).container,
    'lxc',
  );
});

test('the host side of Docker and containerd is not a container', () => {
  const v = detectVirtualization(
    bare({
      selfCgroup:
        '0::/system.slice/docker.service\n1:name=systemd:/system.slice/containerd.service\n',
    }),
  );
  assert.equal(v.container, null);
});

// Pure decision: WSL? container? hypervisor? — from facts the I/O layer gathered.
//
// Evidence rules (each accepted fact adds one line to `evidence`):
//
// WSL — /proc/version names Microsoft's kernel (`microsoft-standard`/`WSL2` => WSL 2, plain
//   `Microsoft` => WSL 1), or WSL_DISTRO_NAME / WSL_INTEROP is set. WSL 2 runs in a Hyper-V
//   utility VM, so it also implies hypervisor `hyperv`.
//
// Container — strong evidence, any one suffices:
//   * a `container=` value from PID 1's environment, /run/systemd/container, or our own $container
//     (the systemd convention that podman, LXC and nspawn follow);
//   * $KUBERNETES_SERVICE_HOST, or `kubepods` in a cgroup path            => kubernetes;
//   * /run/.containerenv, or `libpod` in a cgroup path                      => podman;
//   * `/docker/<id>` or `docker-<id>.scope` in a cgroup path                => docker;
//   * `cri-containerd` in a cgroup path                                     => containerd;
//   * `/lxc/` or `lxc.payload` in a cgroup path                             => lxc;
//   * the root filesystem is an overlay whose layers live under /var/lib/docker (docker),
//     .../containers/storage (podman) or /var/lib/containerd / k3s (containerd).
//   Weak evidence: /.dockerenv alone. Docker creates it in every container, but it also survives
//   into VM or chroot images built from a Docker image. It counts unless PID 2 is `kthreadd`:
//   kernel threads are only visible in the initial PID namespace, so we are not in a container's
//   own PID namespace and the file is taken to be a leftover of how the image was built.
//   When signals disagree the most specific wins: kubernetes > podman > docker > containerd > lxc.
//
// Hypervisor — first match wins:
//   1. DMI (/sys/class/dmi/id sys_vendor, product_name, bios_vendor) names a virtual platform:
//      QEMU, KVM, VMware, VirtualBox (innotek), Xen, Parallels, Microsoft "Virtual Machine"
//      (Hyper-V); cloud vendors whose VMs run on KVM (Amazon EC2 non-`.metal`, Google) count
//      only together with the x86 `hypervisor` flag or a paravirtual clock.
//   2. /sys/hypervisor/type (Xen).
//   3. A paravirtual clocksource: `kvm-clock` => kvm, `hyperv_clocksource*` => hyperv, `xen` => xen.
//   4. WSL 2 => hyperv.
//   5. The `hypervisor` CPU flag alone (x86 sets it in every guest) => `unknown`.
//   No match => null (bare metal, or a guest that hides itself, e.g. most ARM guests without DMI).
import type { ContainerKind, VirtualizationInfo } from '../record/fingerprint.js';
import { parseProcSelfCgroup } from '../parse/cgroup.js';
import { parseMountinfo, rootMount } from '../parse/mountinfo.js';
import { parseProcVersion } from '../parse/os-release.js';

/** Raw facts for {@link detectVirtualization}; null means "file missing or unreadable". */
export interface VirtualizationFacts {
  /** /proc/version text. */
  procVersion: string | null;
  /** CPU flags from /proc/cpuinfo. */
  cpuFlags: string[];
  /** /sys/class/dmi/id/{sys_vendor,product_name,bios_vendor}. */
  dmi: { sysVendor: string | null; productName: string | null; biosVendor: string | null };
  /** /sys/hypervisor/type text. */
  hypervisorType: string | null;
  /** /sys/devices/system/clocksource/clocksource0/available_clocksource text. */
  clocksources: string | null;
  /** /proc/self/cgroup text. */
  selfCgroup: string | null;
  /** /proc/self/mountinfo text. */
  mountinfo: string | null;
  /** Whether /.dockerenv exists. */
  dockerenv: boolean;
  /** Whether /run/.containerenv exists. */
  containerenv: boolean;
  /** /run/systemd/container text. */
  systemdContainer: string | null;
  /** The `container=` value in /proc/1/environ (usually unreadable unless root). */
  pid1Container: string | null;
  /** /proc/2/comm text (`kthreadd` in the initial PID namespace). */
  pid2Comm: string | null;
  /** Our process environment (for $container, $KUBERNETES_SERVICE_HOST, $WSL_DISTRO_NAME). */
  env: Record<string, string | undefined>;
}

const RANK: ContainerKind[] = ['kubernetes', 'podman', 'docker', 'containerd', 'lxc', 'container'];

function kindFromContainerVar(value: string): ContainerKind | null {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'wsl') return null;
  if (v === 'docker' || v === 'podman') return v;
  if (v.startsWith('lxc')) return 'lxc';
  if (v.includes('containerd')) return 'containerd';
  return 'container';
}

function kindFromCgroupPath(p: string): ContainerKind | null {
  if (/kubepods/.test(p)) return 'kubernetes';
  if (/libpod/.test(p)) return 'podman';
  if (/\/docker\/[0-9a-f]{12,}|docker-[0-9a-f]{12,}\.scope/.test(p)) return 'docker';
  if (/cri-containerd/.test(p)) return 'containerd';
  if (/\/lxc\/|lxc\.payload/.test(p)) return 'lxc';
  return null;
}

function kindFromOverlay(options: string[]): ContainerKind | null {
  const layers = options.filter((o) => /^(lowerdir|upperdir|workdir)=/.test(o)).join(',');
  if (layers.includes('/var/lib/docker/')) return 'docker';
  if (layers.includes('/containers/storage/')) return 'podman';
  if (/\/var\/lib\/containerd\/|\/rancher\/k3s\/agent\/containerd\//.test(layers))
    return 'containerd';
  return null;
}

function detectContainer(f: VirtualizationFacts, evidence: string[]): ContainerKind | null {
  const found = new Set<ContainerKind>();
  const add = (kind: ContainerKind | null, why: string): void => {
    if (kind === null) return;
    found.add(kind);
    evidence.push(why);
  };

  for (const [source, value] of [
    ['PID 1 environment', f.pid1Container],
    ['/run/systemd/container', f.systemdContainer],
    ['$container', f.env.container ?? null],
  ] as const) {
    if (value !== null) add(kindFromContainerVar(value), `${source}: container=${value.trim()}`);
  }
  if (f.env.KUBERNETES_SERVICE_HOST) add('kubernetes', '$KUBERNETES_SERVICE_HOST is set');
  if (f.containerenv) add('podman', '/run/.containerenv exists');
  for (const m of f.selfCgroup === null ? [] : parseProcSelfCgroup(f.selfCgroup)) {
    const kind = kindFromCgroupPath(m.path);
    if (kind !== null && !found.has(kind)) add(kind, `/proc/self/cgroup: ${m.path}`);
  }
  const root = f.mountinfo === null ? null : rootMount(parseMountinfo(f.mountinfo));
  if (root !== null && root.fsType === 'overlay') {
    add(kindFromOverlay(root.superOptions), `root filesystem is an overlay of container layers`);
  }

  if (f.dockerenv) {
    const initialPidNamespace = f.pid2Comm?.trim() === 'kthreadd';
    if (found.size > 0 || !initialPidNamespace) {
      add('docker', '/.dockerenv exists');
    } else {
      evidence.push(
        '/.dockerenv exists but PID 2 is kthreadd (initial PID namespace): ' +
          'not counted, the image was probably built from a Docker image',
      );
    }
  }
  return RANK.find((k) => found.has(k)) ?? null;
}

function hypervisorFromDmi(
  f: VirtualizationFacts,
  guestHint: boolean,
): { name: string; why: string } | null {
  const { sysVendor, productName, biosVendor } = f.dmi;
  const text = [sysVendor, productName, biosVendor].filter((s) => s !== null).join(' | ');
  if (text === '') return null;
  const why = `DMI: ${text}`;
  const rules: [RegExp, string][] = [
    [/vmware/i, 'vmware'],
    [/innotek|virtualbox/i, 'virtualbox'],
    [/parallels/i, 'parallels'],
    [/\bxen\b/i, 'xen'],
    [/\bkvm\b/i, 'kvm'],
    [/qemu|bochs/i, 'qemu'],
  ];
  for (const [re, name] of rules) if (re.test(text)) return { name, why };
  if (/microsoft/i.test(sysVendor ?? '') && /virtual machine/i.test(productName ?? '')) {
    return { name: 'hyperv', why };
  }
  const cloudVm =
    (/amazon ec2/i.test(text) && !/\.metal/i.test(productName ?? '')) || /^google/i.test(text);
  if (cloudVm && guestHint) return { name: 'kvm', why };
  return null;
}

function hypervisorFromClock(clocksources: string | null): string | null {
  const list = (clocksources ?? '').trim().split(/\s+/);
  if (list.includes('kvm-clock')) return 'kvm';
  if (list.some((c) => c.startsWith('hyperv_clocksource'))) return 'hyperv';
  if (list.includes('xen')) return 'xen';
  return null;
}

function detectHypervisor(
  f: VirtualizationFacts,
  wsl: 1 | 2 | null,
  evidence: string[],
): string | null {
  const flag = f.cpuFlags.includes('hypervisor');
  const clock = hypervisorFromClock(f.clocksources);
  if (flag) evidence.push('/proc/cpuinfo: hypervisor flag set');
  if (clock !== null) {
    evidence.push(`paravirtual clocksource for ${clock} (available: ${f.clocksources?.trim()})`);
  }

  const dmi = hypervisorFromDmi(f, flag || clock !== null);
  const noDmi = Object.values(f.dmi).every((v) => v === null);
  if (dmi !== null) {
    evidence.push(dmi.why);
    // QEMU with KVM acceleration is KVM; QEMU without it (TCG) has no kvm-clock.
    return dmi.name === 'qemu' && clock === 'kvm' ? 'kvm' : dmi.name;
  }
  let name: string | null = null;
  const xen = f.hypervisorType?.trim();
  if (xen) {
    evidence.push(`/sys/hypervisor/type: ${xen}`);
    name = xen;
  } else if (clock !== null) name = clock;
  else if (wsl === 2) name = 'hyperv';
  else if (flag) name = 'unknown';
  if (name !== null && noDmi) evidence.push('DMI: not available (no /sys/class/dmi/id)');
  return name;
}

/** Decide WSL / container / hypervisor from gathered facts; see the rules at the top of this file. */
export function detectVirtualization(f: VirtualizationFacts): VirtualizationInfo {
  const evidence: string[] = [];
  const wslKernel = f.procVersion === null ? null : parseProcVersion(f.procVersion).wsl;
  if (wslKernel !== null) evidence.push(`/proc/version: WSL ${wslKernel} kernel`);
  const wslEnv = Boolean(f.env.WSL_DISTRO_NAME || f.env.WSL_INTEROP);
  if (wslEnv) evidence.push('$WSL_DISTRO_NAME or $WSL_INTEROP is set');
  const hypervisor = detectHypervisor(f, wslKernel, evidence);
  const container = detectContainer(f, evidence);
  return { wsl: wslKernel !== null || wslEnv, container, hypervisor, evidence };
}

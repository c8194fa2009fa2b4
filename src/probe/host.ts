// The I/O layer: read /proc, /sys and /etc and hand the text to the pure parsers.
import os from 'node:os';
import path from 'node:path';
import { cgroupLayout, parseMemoryLimit, parseProcSelfCgroup, tightest } from '../parse/cgroup.js';
import { parseCpuinfo } from '../parse/cpuinfo.js';
import { busyWarning } from './load.js';
import { parseMeminfo } from '../parse/meminfo.js';
import { parseMountinfo } from '../parse/mountinfo.js';
import { distroName, parseOsRelease, parseProcVersion } from '../parse/os-release.js';
import { exists, readText, readValue } from './read.js';
import { readMountinfo } from './mounts.js';
import type { CgroupInfo, Fingerprint } from '../record/fingerprint.js';
import { readCpuQuotas } from './topology.js';
import { detectVirtualization } from './virtualization.js';

/** Machine facts: the fingerprint without the toolchain parts. */
export type HostFacts = Pick<
  Fingerprint,
  'os' | 'virtualization' | 'cpu' | 'memory' | 'cgroup' | 'load'
>;

/** Where to look. Tests point `root` at a fixture tree; `env` is the environment to inspect. */
export interface ProbeHostOptions {
  /** Directory standing in for `/` when reading /proc, /sys, /etc and /run; default `/`. */
  root?: string;
  /** Environment variables to inspect ($container, $KUBERNETES_SERVICE_HOST, $WSL_*); default process.env. */
  env?: Record<string, string | undefined>;
}

function pid1Container(environ: string | null): string | null {
  const entry = environ?.split('\0').find((e) => e.startsWith('container='));
  return entry === undefined ? null : entry.slice('container='.length);
}

async function probeCgroup(
  root: string,
  selfCgroup: string | null,
  mountinfo: string | null,
): Promise<CgroupInfo> {
  if (selfCgroup === null) return { version: null, cpuQuotaCores: null, memoryLimitBytes: null };
  const layout = cgroupLayout(parseProcSelfCgroup(selfCgroup), parseMountinfo(mountinfo ?? ''));
  const cpu = await readCpuQuotas(root, layout);
  const memoryFile = layout.version === 1 ? 'memory.limit_in_bytes' : 'memory.max';
  const memory = await Promise.all(
    layout.memoryDirs.map(async (dir) => {
      const text = await readText(root, path.posix.join(dir, memoryFile));
      return text === null ? null : parseMemoryLimit(text);
    }),
  );
  return {
    version: layout.version,
    cpuQuotaCores: tightest(cpu),
    memoryLimitBytes: tightest(memory),
  };
}

/** Probe the machine. Every file is optional: what cannot be read becomes null (or an OS fallback). */
export async function probeHost(options: ProbeHostOptions = {}): Promise<HostFacts> {
  const root = options.root ?? '/';
  const env = options.env ?? process.env;
  const [
    cpuinfoText,
    meminfoText,
    procVersion,
    osReleaseText,
    selfCgroup,
    mountinfo,
    governor,
    sysVendor,
    productName,
    biosVendor,
    hypervisorType,
    clocksources,
    dockerenv,
    containerenv,
    systemdContainer,
    pid1Environ,
    pid2Comm,
  ] = await Promise.all([
    readText(root, '/proc/cpuinfo'),
    readText(root, '/proc/meminfo'),
    readText(root, '/proc/version'),
    readText(root, '/etc/os-release').then((t) => t ?? readText(root, '/usr/lib/os-release')),
    readText(root, '/proc/self/cgroup'),
    readMountinfo(root),
    readValue(root, '/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor'),
    readValue(root, '/sys/class/dmi/id/sys_vendor'),
    readValue(root, '/sys/class/dmi/id/product_name'),
    readValue(root, '/sys/class/dmi/id/bios_vendor'),
    readValue(root, '/sys/hypervisor/type'),
    readValue(root, '/sys/devices/system/clocksource/clocksource0/available_clocksource'),
    exists(root, '/.dockerenv'),
    exists(root, '/run/.containerenv'),
    readValue(root, '/run/systemd/container'),
    readText(root, '/proc/1/environ'),
    readValue(root, '/proc/2/comm'),
  ]);

  const cpuinfo = parseCpuinfo(cpuinfoText ?? '');
  const meminfo = parseMeminfo(meminfoText ?? '');
  const threads = cpuinfo.threads > 0 ? cpuinfo.threads : Math.max(1, os.cpus().length);
  const [loadAvg1 = 0, loadAvg5 = 0, loadAvg15 = 0] = os.loadavg();
  const fallbackModel = os.cpus()[0]?.model.trim();

  return {
    os: {
      platform: os.platform(),
      release: os.release(),
      kernelVersion:
        procVersion !== null ? parseProcVersion(procVersion).line : os.version() || null,
      distro: osReleaseText === null ? null : distroName(parseOsRelease(osReleaseText)),
      arch: os.arch(),
    },
    virtualization: detectVirtualization({
      procVersion,
      cpuFlags: cpuinfo.flags,
      dmi: { sysVendor, productName, biosVendor },
      hypervisorType,
      clocksources,
      selfCgroup,
      mountinfo,
      dockerenv,
      containerenv,
      systemdContainer,
      pid1Container: pid1Container(pid1Environ),
      pid2Comm,
      env,
    }),
    cpu: {
      model: cpuinfo.model ?? (fallbackModel ? fallbackModel : null),
      sockets: cpuinfo.sockets,
      cores: cpuinfo.cores,
      threads,
      mhz: cpuinfo.mhz,
      governor,
    },
    memory: {
      totalBytes: meminfo.totalBytes ?? os.totalmem(),
      availableBytes: meminfo.availableBytes,
    },
    cgroup: await probeCgroup(root, selfCgroup, mountinfo),
    load: { loadAvg1, loadAvg5, loadAvg15, busy: busyWarning({ loadAvg1 }, threads) !== null },
  };
}

/**
 * The kernel's id of this boot (/proc/sys/kernel/random/boot_id), new at every boot; null where
 * there is none. Keys what holds only until the machine restarts.
 */
export function readBootId(root = '/'): Promise<string | null> {
  return readValue(root, '/proc/sys/kernel/random/boot_id');
}

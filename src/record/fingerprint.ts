// The environment fingerprint recorded with every measurement run.

/** What kind of container we appear to run in (see virtualization.ts for the evidence rules). */
export type ContainerKind = 'docker' | 'podman' | 'containerd' | 'lxc' | 'kubernetes' | 'container';

/** Operating system identity. */
export interface OsInfo {
  /** `os.platform()`, e.g. `linux`. */
  platform: string;
  /** `os.release()` (uname -r), e.g. `6.8.0-45-generic`. */
  release: string;
  /** The /proc/version line (falls back to `os.version()`); null if neither is available. */
  kernelVersion: string | null;
  /** PRETTY_NAME from /etc/os-release; null when there is no os-release file. */
  distro: string | null;
  /** `os.arch()`, e.g. `x64`, `arm64`. */
  arch: string;
}

/** Whether we run under WSL, in a container, or under a hypervisor, and why we think so. */
export interface VirtualizationInfo {
  /** True under WSL 1 or 2. */
  wsl: boolean;
  /** Container runtime, or null when no convincing container evidence was found. */
  container: ContainerKind | null;
  /** `kvm`, `qemu`, `vmware`, `hyperv`, `xen`, `virtualbox`, `parallels`, or `unknown` (VM of unknown kind); null on bare metal. */
  hypervisor: string | null;
  /** One human-readable line per fact the conclusion rests on. */
  evidence: string[];
}

/** Processor facts. */
export interface CpuInfo {
  /** Model name from /proc/cpuinfo (falls back to `os.cpus()[0].model`). */
  model: string | null;
  /** Distinct physical packages; null when cpuinfo has no `physical id` (e.g. most ARM). */
  sockets: number | null;
  /** Distinct physical cores across all sockets; null when cpuinfo does not say. */
  cores: number | null;
  /** Online hardware threads (logical CPUs). */
  threads: number;
  /** Current clock of CPU 0 in MHz as reported by cpuinfo at probe time (not the nominal clock). */
  mhz: number | null;
  /** cpufreq scaling governor of CPU 0, e.g. `performance`; null when cpufreq is not exposed. */
  governor: string | null;
}

/** Physical memory, in bytes. */
export interface MemoryInfo {
  /** MemTotal in bytes. */
  totalBytes: number;
  /** MemAvailable in bytes; null when the kernel does not report it. */
  availableBytes: number | null;
}

/** Control-group limits that apply to this process. */
export interface CgroupInfo {
  /** 1 for cgroup v1 or hybrid (controllers on v1), 2 for the unified hierarchy, null when unknown. */
  version: 1 | 2 | null;
  /** CPU bandwidth limit in cores (quota / period), the tightest along the cgroup path; null when unlimited. */
  cpuQuotaCores: number | null;
  /** Memory limit in bytes, the tightest along the cgroup path; null when unlimited. */
  memoryLimitBytes: number | null;
}

/** System load averages (runnable + uninterruptible tasks) at probe time. */
export interface LoadInfo {
  /** 1-minute load average. */
  loadAvg1: number;
  /** 5-minute load average. */
  loadAvg5: number;
  /** 15-minute load average. */
  loadAvg15: number;
  /** True when {@link busyWarning} warns: the machine is not idle. */
  busy: boolean;
}

/** The Go toolchain under test. */
export interface GoInfo {
  /** Absolute, symlink-resolved path of the go binary. */
  path: string;
  /** The `go version` output line, e.g. `go version go1.26.8 linux/amd64`. */
  version: string;
  /** `go env -json`, as run with the measurement environment. */
  env: Record<string, string>;
}

/** Everything we record about the machine and toolchain. */
export interface Fingerprint {
  schema: 1;
  /** ISO 8601 time the fingerprint was taken. */
  takenAt: string;
  os: OsInfo;
  virtualization: VirtualizationInfo;
  cpu: CpuInfo;
  memory: MemoryInfo;
  cgroup: CgroupInfo;
  load: LoadInfo;
  go: GoInfo;
  /**
   * Where the user's GOROOT, GOCACHE, GOMODCACHE and the temp dir live: symlink chain, mount,
   * filesystem, block device (set by the run; measurements use private copies of the caches).
   */
  storage?: import('../probe/storage.js').StoragePlace[];
  /** Path of each optional helper tool (strace, perf, fio, numactl, hyperfine, cc) on PATH, else null. */
  tools: Record<string, string | null>;
}

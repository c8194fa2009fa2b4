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

/**
 * Memory bandwidth of one thread, STREAM-style (gobaseline's membw program), in GB/s (1e9 bytes
 * per second). Copy counts 16 bytes per element (read + write), triad 24; best of a few passes
 * over arrays larger than the last-level cache.
 */
export interface MemoryBandwidth {
  copyGBps: number;
  triadGBps: number;
  /** When it was measured (ISO 8601); absent in older records, where it is the run's start. */
  measuredAt?: string;
  /**
   * True when an earlier run measured it on this machine since the last boot, less than an hour
   * before (docs/run.md, "The memory-bandwidth figure"); absent when this run measured it.
   */
  cached?: true;
}

/** The cgroup's say over which and how many CPUs this process gets. */
export interface TopologyCgroup {
  /** As {@link CgroupInfo.version}. */
  version: 1 | 2 | null;
  /**
   * CPU quota in cores of our own (leaf) cgroup, the one file Go's runtime reads; null when
   * unlimited or unreadable.
   */
  quotaCpus: number | null;
  /** The tightest quota from our cgroup up to the root (what the kernel enforces); null when none. */
  effectiveQuotaCpus: number | null;
  /** CPUs of our cpuset (effective set, else configured), sorted; null when none is readable. */
  cpuset: number[] | null;
}

/** CPU topology and the limits that decide how much parallelism a Go build gets. */
export interface TopologyInfo {
  /** Online logical CPUs (/sys/devices/system/cpu/online, else cpuinfo, else Node's count). */
  logicalCpus: number;
  /** Physical cores (distinct thread-sibling sets in sysfs); null when sysfs does not say. */
  physicalCores: number | null;
  /** Physical packages (distinct physical_package_id); null when sysfs does not say. */
  sockets: number | null;
  /** NUMA nodes with CPUs (/sys/devices/system/node/node*\/cpulist); null without NUMA sysfs. */
  numaNodes: number | null;
  /** Hardware threads per core (1 without SMT); null when sysfs does not say. */
  smtThreadsPerCore: number | null;
  /** CPUs this process may run on (sched_getaffinity, from Cpus_allowed_list); null when unreadable. */
  affinityCpus: number | null;
  /** Physical cores with at least one CPU in the affinity mask; null when either is unknown. */
  affinityCores: number | null;
  cgroup: TopologyCgroup;
  /**
   * Go's documented default for these files: the affinity CPU count, lowered to
   * max(2, ceil(leaf quota)) when a quota is set (Go 1.25+; older Go ignores the quota).
   */
  goDefaultRule: number;
  /**
   * runtime.GOMAXPROCS(0) of a tiny program built with the installed go and run without
   * GOMAXPROCS; null when it could not be built or run (then {@link goDefaultNote} says why).
   */
  goDefaultGomaxprocs: number | null;
  /** runtime.NumCPU() of that program (the affinity count). */
  goNumCpu: number | null;
  /** Why the measured default is missing, or how it differs from the rule. */
  goDefaultNote?: string;
  /** Cross-checks against lscpu and what could not be read, one line each. */
  notes: string[];
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
  storage?: StoragePlace[];
  /** Measured when the run starts (about a second) or cached; absent when the program could not be built. */
  memoryBandwidth?: MemoryBandwidth;
  /** CPU topology, cgroup quota and cpuset, Go's default GOMAXPROCS; absent in older records. */
  topology?: TopologyInfo;
  /** Path of each optional helper tool (strace, perf, fio, numactl, hyperfine, cc) on PATH, else null. */
  tools: Record<string, string | null>;
}

/** What kind of storage a filesystem type stands for. */
export type FsClass =
  | 'disk' // a block-device filesystem: ext4, xfs, btrfs, zfs, f2fs, vfat, ntfs...
  | 'memory' // tmpfs, ramfs: contents live in RAM (and swap)
  | 'network' // nfs, cifs/smb, ceph, glusterfs...
  | 'host-share' // a VM or WSL host's files: 9p, virtiofs, vboxsf, drvfs, fuse.vmhgfs-fuse
  | 'overlay' // overlayfs (containers): an upper layer over read-only lower layers
  | 'fuse' // another FUSE filesystem (sshfs, fuse-overlayfs, ...)
  | 'other';

/** The kind of block device a filesystem lives on. */
export type BlockKind =
  | 'nvme'
  | 'ssd' // SATA/SCSI/USB disk that reports itself non-rotational
  | 'rotational' // a disk that reports itself rotational (spinning)
  | 'virtio' // a virtio disk: the host's storage is hidden (it often reports rotational)
  | 'xen'
  | 'hyperv'
  | 'mmc' // SD card, eMMC
  | 'loop' // a file mounted as a disk
  | 'ram' // zram, brd: a RAM disk
  | 'unknown';

/** One symlink followed on the way to the real path. */
export interface SymlinkHop {
  /** The symlink's absolute path (earlier hops already resolved). */
  link: string;
  /** Its target exactly as stored (may be relative). */
  target: string;
  /** The target as an absolute path (before resolving further symlinks in it). */
  resolvesTo: string;
}

/** The block device a filesystem lives on. */
export interface BlockDevice {
  /** Kernel name of the device holding the filesystem, e.g. `nvme0n1p2`, `vda`, `dm-0`. */
  name: string;
  /** The whole disk it is part of, e.g. `nvme0n1` (itself when not a partition). */
  disk: string;
  kind: BlockKind;
  /** The disk's queue/rotational flag; null when unreadable. */
  rotational: boolean | null;
  /** device/model of the disk, when the driver exposes one. */
  model: string | null;
  /** The disk's directory under /sys/devices. */
  sysfsPath: string;
  /** For device-mapper or md devices (LVM, LUKS, RAID): the devices under it, classified. */
  underlying: BlockDevice[];
  /** Why the kind was chosen, one fact per line. */
  evidence: string[];
}

/** Where one directory of the toolchain lives. */
export interface StoragePlace {
  /** The name it was asked about, e.g. `GOROOT`. */
  name: string;
  /** The path as given. */
  path: string;
  /** Absolute path with every symlink resolved (a missing tail is kept as given). */
  resolvedPath: string;
  /** False when the path (or part of it) does not exist; the mount is then its nearest ancestor's. */
  exists: boolean;
  /** Every symlink followed, in order. */
  symlinks: SymlinkHop[];
  /** The mount holding the resolved path; null when /proc/self/mountinfo is unreadable. */
  mountPoint: string | null;
  /** Filesystem type from mountinfo, e.g. `ext4`, `tmpfs`, `overlay`, `nfs4`, `9p`, `fuse.sshfs`. */
  fsType: string | null;
  fsClass: FsClass | null;
  /** The mount's source, e.g. `/dev/nvme0n1p2`, `tmpfs`, `server:/export`. */
  source: string | null;
  /** `major:minor` of the filesystem's device (`0:N` when it has no block device). */
  device: string | null;
  /** Per-mount options, e.g. `rw`, `relatime`, `noatime`. */
  mountOptions: string[];
  /** The block device; null for memory, network and overlay filesystems, or when unknown. */
  block: BlockDevice | null;
  /** Anything that limits what the probe could tell. */
  notes: string[];
}

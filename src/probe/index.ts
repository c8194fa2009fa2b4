// Environment fingerprint: what machine and toolchain a measurement ran on.
export type * from './types.js';
export { ToolchainError } from './errors.js';
export { takeFingerprint, PROBED_TOOLS, type FingerprintOptions } from './fingerprint.js';
export { findGoOnPath, resolveGo, queryGo, GO_QUERY_TIMEOUT_MS } from './go-toolchain.js';
export { findOnPath, isExecutableFile } from './path-search.js';
export { probeHost, type HostFacts, type ProbeHostOptions } from './host.js';
export { busyWarning, busyThreshold, BUSY_MIN_LOAD, BUSY_LOAD_PER_THREAD } from './load.js';
export { parseCpuinfo, type CpuinfoFacts } from './cpuinfo.js';
export { parseMeminfo, type MeminfoFacts } from './meminfo.js';
export {
  parseOsRelease,
  distroName,
  parseProcVersion,
  type ProcVersionFacts,
} from './os-release.js';
export { parseMountinfo, rootMount, type MountInfoEntry } from './mountinfo.js';
export {
  parseProcSelfCgroup,
  cgroupLayout,
  parseCpuMax,
  parseCfsQuota,
  parseMemoryLimit,
  tightest,
  type CgroupMembership,
  type CgroupLayout,
} from './cgroup.js';
export { detectVirtualization, type VirtualizationFacts } from './virtualization.js';
export {
  goEnvFilePath,
  parseGoEnvFile,
  readGoEnvFile,
  userGoCacheDir,
  userGoModCacheDir,
  type GoEnvFile,
} from './go-env-file.js';
export { probeStorage, type StoragePlace } from './storage.js';

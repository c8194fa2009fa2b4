// Environment fingerprint: what machine and toolchain a measurement ran on.
export type * from '../record/fingerprint.js';
export { ToolchainError } from './errors.js';
export { takeFingerprint, PROBED_TOOLS, type FingerprintOptions } from './fingerprint.js';
export { findGoOnPath, resolveGo, queryGo, GO_QUERY_TIMEOUT_MS } from './go-toolchain.js';
export { findAllOnPath, findOnPath, isExecutableFile } from './path-search.js';
export { probeHost, readBootId, type HostFacts, type ProbeHostOptions } from './host.js';
export { busyWarning, busyThreshold, BUSY_MIN_LOAD, BUSY_LOAD_PER_THREAD } from './load.js';
export { parseCpuinfo, type CpuinfoFacts } from '../parse/cpuinfo.js';
export { parseMeminfo, type MeminfoFacts } from '../parse/meminfo.js';
export {
  parseOsRelease,
  distroName,
  parseProcVersion,
  type ProcVersionFacts,
} from '../parse/os-release.js';
export { parseMountinfo, rootMount, type MountInfoEntry } from '../parse/mountinfo.js';
export { MOUNTINFO, readMountinfo, readMounts } from './mounts.js';
export {
  parseProcSelfCgroup,
  cgroupLayout,
  parseCpuMax,
  parseCfsQuota,
  parseMemoryLimit,
  tightest,
  CPUSET_FILES,
  type CgroupMembership,
  type CgroupLayout,
} from '../parse/cgroup.js';
export { detectVirtualization, type VirtualizationFacts } from './virtualization.js';
export {
  goEnvFilePath,
  readGoEnvFile,
  userGoCacheDir,
  userGoModCacheDir,
  type GoEnvFile,
} from './go-env-file.js';
export { parseGoEnvFile } from '../parse/go-env-file.js';
export {
  probeTopology,
  goDefaultRule,
  goHonoursCgroupQuota,
  readCpuQuotas,
  type ProbeTopologyOptions,
} from './topology.js';
export {
  parseCpuList,
  parseTopologyId,
  summarizeCpuTopology,
  type CpuTopologyEntry,
  type CpuTopologySummary,
} from '../parse/cpu-topology.js';
export { probeStorage, type StoragePlace } from './storage.js';
export { probeDockerEngine, type DockerEngine } from './docker-engine.js';

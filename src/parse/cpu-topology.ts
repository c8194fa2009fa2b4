// Pure readers of the kernel's CPU topology files: cpu lists (`0-3,8-11`, as in
// /sys/devices/system/cpu/online, node*/cpulist, thread_siblings_list, cpuset.cpus and
// Cpus_allowed_list) and the summary of per-CPU topology entries into cores, sockets and SMT.

/** The largest CPU number accepted in a list (the kernel's NR_CPUS tops out at 8192). */
const MAX_CPU = 65535;

/**
 * A kernel cpu list (`0-3,8,10-11`; blank is the empty list) to sorted, distinct CPU numbers;
 * null when the text is not a cpu list.
 */
export function parseCpuList(text: string): number[] | null {
  const value = text.trim();
  if (value === '') return [];
  const cpus = new Set<number>();
  for (const part of value.split(',')) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part.trim());
    if (m === null) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || to > MAX_CPU) return null;
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** What sysfs says about one logical CPU (/sys/devices/system/cpu/cpuN/topology/). */
export interface CpuTopologyEntry {
  /** N of cpuN. */
  cpu: number;
  /** `physical_package_id`; null when unreadable (or -1, as some ARM firmware reports). */
  packageId: number | null;
  /** `core_id` (unique only within its package). */
  coreId: number | null;
  /** `thread_siblings_list` (newer kernels also as `core_cpus_list`): CPUs sharing this core. */
  threadSiblings: number[] | null;
}

/** A sysfs id file (`physical_package_id`, `core_id`) to a number; null for -1 or junk. */
export function parseTopologyId(text: string): number | null {
  const value = text.trim();
  if (!/^\d{1,10}$/.test(value)) return null;
  return Number(value);
}

/** Cores, sockets and SMT width from the per-CPU entries; null where the entries do not say. */
export interface CpuTopologySummary {
  /** Distinct physical cores: distinct sibling sets, else distinct (package, core id) pairs. */
  physicalCores: number | null;
  /** Distinct package ids. */
  sockets: number | null;
  /** Logical CPUs per core, the largest sibling set (1 without SMT). */
  smtThreadsPerCore: number | null;
}

/** Summarises per-CPU topology entries (of the online CPUs). */
export function summarizeCpuTopology(entries: CpuTopologyEntry[]): CpuTopologySummary {
  const packages = new Set<number>();
  const pairs = new Set<string>();
  const siblingSets = new Set<string>();
  let widest = 0;
  let allSiblings = entries.length > 0;
  let allPairs = entries.length > 0;
  for (const e of entries) {
    if (e.packageId !== null) packages.add(e.packageId);
    if (e.packageId !== null && e.coreId !== null) pairs.add(`${e.packageId}/${e.coreId}`);
    else allPairs = false;
    if (e.threadSiblings !== null && e.threadSiblings.includes(e.cpu)) {
      siblingSets.add(e.threadSiblings.join(','));
      widest = Math.max(widest, e.threadSiblings.length);
    } else {
      allSiblings = false;
    }
  }
  let physicalCores: number | null = null;
  if (allSiblings) physicalCores = siblingSets.size;
  else if (allPairs) physicalCores = pairs.size;
  return {
    physicalCores,
    sockets: packages.size > 0 ? packages.size : null,
    smtThreadsPerCore: allSiblings ? widest : null,
  };
}

/** What the GOMAXPROCS probe program (measure/go-default-procs.ts) prints. */
export interface GomaxprocsProbeOutput {
  /** runtime.GOMAXPROCS(0) with GOMAXPROCS unset: the runtime's default. */
  gomaxprocs: number;
  /** runtime.NumCPU(): the CPUs of the affinity mask at startup. */
  numCpu: number;
}

/** The probe's line `gomaxprocs N numcpu M`; null when it is not there. */
export function parseGomaxprocsProbe(text: string): GomaxprocsProbeOutput | null {
  const m = /^gomaxprocs (\d{1,6}) numcpu (\d{1,6})$/m.exec(text);
  if (m === null) return null;
  return { gomaxprocs: Number(m[1]), numCpu: Number(m[2]) };
}

// CPU topology and the limits on this process's parallelism, read from sysfs, /proc/self and the
// cgroup files: logical CPUs, cores, sockets, SMT, NUMA nodes, the affinity mask, the cgroup CPU
// quota and cpuset, and the GOMAXPROCS that Go's rule predicts for them. Reads only; the measured
// default (a tiny Go program) is added by measure/go-default-procs.ts.
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {
  CPUSET_FILES,
  cgroupLayout,
  parseCfsQuota,
  parseCpuMax,
  parseProcSelfCgroup,
  tightest,
  type CgroupLayout,
} from '../parse/cgroup.js';
import {
  parseCpuList,
  parseTopologyId,
  summarizeCpuTopology,
  type CpuTopologyEntry,
} from '../parse/cpu-topology.js';
import { parseLscpuJson, type LscpuFacts } from '../parse/lscpu.js';
import { parseMountinfo } from '../parse/mountinfo.js';
import { parseCpusAllowedList } from '../parse/proc-status.js';
import type { TopologyCgroup, TopologyInfo } from '../record/fingerprint.js';
import { readMountinfo } from './mounts.js';
import { findOnPath } from './path-search.js';
import { readText, readValue } from './read.js';

const CPU_SYS = '/sys/devices/system/cpu';
const NODE_SYS = '/sys/devices/system/node';

/** Where to look; tests point `root` at a fixture tree. */
export interface ProbeTopologyOptions {
  /** Directory standing in for `/`; default `/`. */
  root?: string;
  /** `go version` output or GOVERSION (`go1.26.8`): Go before 1.25 ignores the cgroup quota. */
  goVersion?: string;
  /**
   * `lscpu -J` output for the cross-check, or null for none; default: run lscpu when it is on
   * PATH and `root` is `/`.
   */
  lscpuJson?: string | null;
}

/** `lscpu -J` of this machine, or null when lscpu is missing or fails (5 s at most). */
function runLscpu(): Promise<string | null> {
  const lscpu = findOnPath('lscpu', process.env.PATH);
  if (lscpu === null) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(lscpu, ['-J'], { timeout: 5000, env: { ...process.env, LC_ALL: 'C' } }, (err, out) =>
      resolve(err ? null : out),
    );
  });
}

/** Where lscpu and sysfs disagree, one line each (lscpu counts offline CPUs too). */
export function lscpuDisagreements(
  topology: Pick<TopologyInfo, 'physicalCores' | 'sockets' | 'numaNodes' | 'smtThreadsPerCore'>,
  lscpu: LscpuFacts,
): string[] {
  const cores =
    lscpu.coresPerSocket !== null && lscpu.sockets !== null
      ? lscpu.coresPerSocket * lscpu.sockets
      : null;
  const pairs: [string, number | null, number | null][] = [
    ['physical cores', topology.physicalCores, cores],
    ['sockets', topology.sockets, lscpu.sockets],
    ['NUMA nodes', topology.numaNodes, lscpu.numaNodes],
    ['threads per core', topology.smtThreadsPerCore, lscpu.threadsPerCore],
  ];
  return pairs
    .filter(([, ours, theirs]) => ours !== null && theirs !== null && ours !== theirs)
    .map(([what, ours, theirs]) => `lscpu says ${theirs} ${what}, sysfs ${ours}`);
}

/** Whether this Go's runtime lowers its default GOMAXPROCS to the cgroup quota (Go 1.25+). */
export function goHonoursCgroupQuota(goVersion: string | undefined): boolean {
  const m = /go(\d+)\.(\d+)/.exec(goVersion ?? '');
  if (m === null) return true; // a development or unknown build: assume the current rule
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 1 || (major === 1 && minor >= 25);
}

/**
 * Go's default GOMAXPROCS (runtime/cgroup_linux.go, defaultGOMAXPROCS): the CPUs of the
 * affinity mask, lowered to the leaf cgroup's quota rounded up with a floor of 2
 * (adjustCgroupGOMAXPROCS). Go reads only the cgroup that holds the process, not its ancestors.
 */
export function goDefaultRule(
  affinityCpus: number,
  leafQuotaCpus: number | null,
  honoursQuota = true,
): number {
  const procs = Math.max(1, affinityCpus);
  if (!honoursQuota || leafQuotaCpus === null) return procs;
  return Math.min(procs, Math.max(2, Math.ceil(leafQuotaCpus)));
}

/** The CPU quota (cores) in each of `layout.cpuDirs`, leaf first; null where unlimited or unreadable. */
export async function readCpuQuotas(
  root: string,
  layout: CgroupLayout,
): Promise<(number | null)[]> {
  const under = (dir: string, file: string): Promise<string | null> =>
    readText(root, path.posix.join(dir, file));
  return Promise.all(
    layout.cpuDirs.map(async (dir) => {
      if (layout.version === 1) {
        const [quota, period] = await Promise.all([
          under(dir, 'cpu.cfs_quota_us'),
          under(dir, 'cpu.cfs_period_us'),
        ]);
        return quota === null || period === null ? null : parseCfsQuota(quota, period);
      }
      const text = await under(dir, 'cpu.max');
      return text === null ? null : parseCpuMax(text);
    }),
  );
}

/** The first non-empty cpuset from our cgroup upwards (a v2 cgroup without the controller inherits). */
async function readCpuset(root: string, layout: CgroupLayout): Promise<number[] | null> {
  if (layout.version === null) return null;
  for (const dir of layout.cpusetDirs) {
    for (const file of CPUSET_FILES[layout.version]) {
      const text = await readText(root, path.posix.join(dir, file));
      const cpus = text === null ? null : parseCpuList(text);
      if (cpus !== null && cpus.length > 0) return cpus;
    }
  }
  return null;
}

async function probeTopologyCgroup(root: string): Promise<TopologyCgroup> {
  const [selfCgroup, mountinfo] = await Promise.all([
    readText(root, '/proc/self/cgroup'),
    readMountinfo(root),
  ]);
  if (selfCgroup === null) {
    return { version: null, quotaCpus: null, effectiveQuotaCpus: null, cpuset: null };
  }
  const layout = cgroupLayout(parseProcSelfCgroup(selfCgroup), parseMountinfo(mountinfo ?? ''));
  const quotas = await readCpuQuotas(root, layout);
  return {
    version: layout.version,
    quotaCpus: quotas[0] ?? null,
    effectiveQuotaCpus: tightest(quotas),
    cpuset: await readCpuset(root, layout),
  };
}

async function readCpuEntry(root: string, cpu: number): Promise<CpuTopologyEntry> {
  const dir = `${CPU_SYS}/cpu${cpu}/topology`;
  const [pkg, core, siblings, coreCpus] = await Promise.all([
    readValue(root, `${dir}/physical_package_id`),
    readValue(root, `${dir}/core_id`),
    readValue(root, `${dir}/thread_siblings_list`),
    readValue(root, `${dir}/core_cpus_list`),
  ]);
  const list = siblings ?? coreCpus;
  return {
    cpu,
    packageId: pkg === null ? null : parseTopologyId(pkg),
    coreId: core === null ? null : parseTopologyId(core),
    threadSiblings: list === null ? null : parseCpuList(list),
  };
}

/** NUMA nodes that hold CPUs (memory-only nodes do not change where a build runs). */
async function countNumaNodes(root: string): Promise<number | null> {
  const online = await readValue(root, `${NODE_SYS}/online`);
  const nodes = online === null ? null : parseCpuList(online);
  if (nodes === null || nodes.length === 0) return null;
  const lists = await Promise.all(
    nodes.map((n) => readValue(root, `${NODE_SYS}/node${n}/cpulist`)),
  );
  const withCpus = lists.filter((l) => {
    const cpus = l === null ? null : parseCpuList(l);
    return cpus !== null && cpus.length > 0;
  }).length;
  return withCpus > 0 ? withCpus : null;
}

/** Probes the topology. Every file is optional: what cannot be read is null (with a note). */
export async function probeTopology(opts: ProbeTopologyOptions = {}): Promise<TopologyInfo> {
  const root = opts.root ?? '/';
  const notes: string[] = [];
  const lscpu =
    opts.lscpuJson !== undefined
      ? Promise.resolve(opts.lscpuJson)
      : root === '/'
        ? runLscpu()
        : Promise.resolve(null);
  const [onlineText, status, numaNodes, cgroup, lscpuJson] = await Promise.all([
    readValue(root, `${CPU_SYS}/online`),
    readText(root, '/proc/self/status'),
    countNumaNodes(root),
    probeTopologyCgroup(root),
    lscpu,
  ]);
  let online = onlineText === null ? null : parseCpuList(onlineText);
  if (online === null || online.length === 0) {
    notes.push(`${CPU_SYS}/online unreadable: logical CPUs from Node (os.cpus)`);
    online = null;
  }
  const entries =
    online === null ? [] : await Promise.all(online.map((cpu) => readCpuEntry(root, cpu)));
  const summary = summarizeCpuTopology(entries);
  const logicalCpus = online?.length ?? Math.max(1, os.cpus().length);
  const affinity = status === null ? null : parseCpusAllowedList(status);
  if (affinity === null)
    notes.push('Cpus_allowed_list unreadable: affinity taken as all logical CPUs');
  const affinityCpus = affinity === null ? null : affinity.length;
  const allowed = new Set(affinity ?? []);
  const affinityCores =
    affinity === null || online === null
      ? null
      : summarizeCpuTopology(entries.filter((e) => allowed.has(e.cpu))).physicalCores;
  const honours = goHonoursCgroupQuota(opts.goVersion);
  if (lscpuJson !== null) {
    notes.push(...lscpuDisagreements({ ...summary, numaNodes }, parseLscpuJson(lscpuJson)));
  }
  return {
    logicalCpus,
    physicalCores: summary.physicalCores,
    sockets: summary.sockets,
    numaNodes,
    smtThreadsPerCore: summary.smtThreadsPerCore,
    affinityCpus,
    affinityCores,
    cgroup,
    goDefaultRule: goDefaultRule(affinityCpus ?? logicalCpus, cgroup.quotaCpus, honours),
    goDefaultGomaxprocs: null,
    goNumCpu: null,
    notes,
  };
}

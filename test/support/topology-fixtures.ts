// The fixture trees of test/fixtures/topology/ (see its README) and what the probe reads there.
import type { TopologyInfo } from '../../src/record/fingerprint.js';

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The probe's facts without the measured parts. */
export type Expected = Omit<TopologyInfo, 'goDefaultGomaxprocs' | 'goNumCpu' | 'notes'>;

/** Every fixture tree of test/fixtures/topology/ with what the probe must read from it. */
export const TOPOLOGY_FIXTURES: Record<string, Expected> = {
  'this-vm-kvm-2cpu': {
    logicalCpus: 2,
    physicalCores: 2,
    sockets: 1,
    numaNodes: 1,
    smtThreadsPerCore: 1,
    affinityCpus: 2,
    affinityCores: 2,
    cgroup: { version: 1, quotaCpus: null, effectiveQuotaCpus: null, cpuset: [0, 1] },
    goDefaultRule: 2,
  },
  'numa-2socket-smt': {
    logicalCpus: 32,
    physicalCores: 16,
    sockets: 2,
    numaNodes: 2,
    smtThreadsPerCore: 2,
    affinityCpus: 32,
    affinityCores: 16,
    cgroup: { version: 2, quotaCpus: null, effectiveQuotaCpus: null, cpuset: range(0, 31) },
    goDefaultRule: 32,
  },
  'laptop-smt': {
    logicalCpus: 8,
    physicalCores: 4,
    sockets: 1,
    numaNodes: 1,
    smtThreadsPerCore: 2,
    affinityCpus: 8,
    affinityCores: 4,
    cgroup: { version: 2, quotaCpus: null, effectiveQuotaCpus: null, cpuset: range(0, 7) },
    goDefaultRule: 8,
  },
  'container-v2-quota': {
    logicalCpus: 8,
    physicalCores: 4,
    sockets: 1,
    numaNodes: 1,
    smtThreadsPerCore: 2,
    affinityCpus: 8,
    affinityCores: 4,
    cgroup: { version: 2, quotaCpus: 1.5, effectiveQuotaCpus: 1.5, cpuset: range(0, 7) },
    goDefaultRule: 2, // ceil(1.5)
  },
  'container-v1-cfs': {
    logicalCpus: 16,
    physicalCores: 8,
    sockets: 1,
    numaNodes: 1,
    smtThreadsPerCore: 2,
    affinityCpus: 16,
    affinityCores: 8,
    cgroup: { version: 1, quotaCpus: 2.5, effectiveQuotaCpus: 2.5, cpuset: range(0, 15) },
    goDefaultRule: 3, // ceil(2.5)
  },
  'container-cpuset': {
    logicalCpus: 8,
    physicalCores: 4,
    sockets: 1,
    numaNodes: 1,
    smtThreadsPerCore: 2,
    affinityCpus: 4,
    affinityCores: 2,
    cgroup: { version: 2, quotaCpus: null, effectiveQuotaCpus: null, cpuset: range(4, 7) },
    goDefaultRule: 4, // the affinity mask
  },
  'k8s-v2-half-cpu': {
    logicalCpus: 4,
    physicalCores: 4,
    sockets: 1,
    numaNodes: 1,
    smtThreadsPerCore: 1,
    affinityCpus: 4,
    affinityCores: 4,
    cgroup: { version: 2, quotaCpus: 0.5, effectiveQuotaCpus: 0.5, cpuset: range(0, 3) },
    goDefaultRule: 2, // the floor of 2
  },
};

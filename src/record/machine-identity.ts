// The machine's identity from its fingerprint: what the store keys machines on, and what a
// cached machine property (the memory-bandwidth figure) is kept for. Pure.
import { createHash } from 'node:crypto';
import type { Fingerprint } from './fingerprint.js';

/** What of a fingerprint names the machine: the host facts, without the toolchain. */
export type MachineFacts = Pick<Fingerprint, 'os' | 'cpu' | 'memory' | 'virtualization' | 'cgroup'>;

/**
 * The machine's identity: what stays put while the environment is tuned (hardware, OS and
 * architecture, container or VM, cgroup limits). Kernel, Go and storage are left out so that a
 * kernel or Go upgrade is a change on the same machine, which the history can explain.
 */
export function machineHash(f: MachineFacts): string {
  const identity = [
    f.os.platform,
    f.os.arch,
    f.cpu.model,
    f.cpu.sockets,
    f.cpu.cores,
    f.cpu.threads,
    f.memory.totalBytes,
    f.virtualization.wsl,
    f.virtualization.container,
    f.virtualization.hypervisor,
    f.cgroup.cpuQuotaCores,
    f.cgroup.memoryLimitBytes,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
}

// Reader of /proc/<pid>/status text. Pure.
import { parseCpuList } from './cpu-topology.js';

const VMHWM = /^VmHWM:\s+(\d+)\s+kB$/m;

/** Parses the VmHWM line of a /proc/<pid>/status text to bytes. */
export function parseVmHwmBytes(status: string): number | null {
  const m = VMHWM.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

const CPUS_ALLOWED_LIST = /^Cpus_allowed_list:\s*(.*)$/m;

/**
 * The CPUs this process may run on (its sched_getaffinity mask) from the Cpus_allowed_list line
 * of /proc/self/status; null when the line is missing or not a cpu list.
 */
export function parseCpusAllowedList(status: string): number[] | null {
  const m = CPUS_ALLOWED_LIST.exec(status);
  return m ? parseCpuList(m[1] ?? '') : null;
}

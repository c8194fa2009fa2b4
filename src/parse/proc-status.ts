// Reader of /proc/<pid>/status text. Pure.

const VMHWM = /^VmHWM:\s+(\d+)\s+kB$/m;

/** Parses the VmHWM line of a /proc/<pid>/status text to bytes. */
export function parseVmHwmBytes(status: string): number | null {
  const m = VMHWM.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

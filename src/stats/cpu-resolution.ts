// Whether a user or system CPU time is a measurement or noise. Linux measures a process's total
// CPU time precisely (the scheduler's ns accounting), but splits it between user and system
// mode in proportion to the clock ticks that found the process in each mode. A `go version`
// (about 4 ms of CPU) sees zero or one tick, so its whole CPU time lands in user or in system
// by chance (measured here: 50 runs, 48 with one of the two exactly 0). Below a few ticks the
// two figures are noise; their sum is not. Pure.

/**
 * The accounting tick assumed, in ns: 10 ms (HZ=100), the coarsest Linux tick in use. The
 * kernel's HZ is not visible to user space (CLK_TCK is always 100), so the table assumes the
 * worst; at HZ=250 or 1000 the threshold below is 12 or 48 ticks.
 */
export const CPU_TICK_NS = 10_000_000;

/** Why a short user or system CPU time is noise, for notes under tables. */
export const CPU_SPLIT_REASON =
  'the kernel divides CPU time between user and system by clock ticks';

/** A user or system CPU time whose median is under this many ticks is treated as noise. */
export const MIN_RESOLVED_TICKS = 4;

/** The smallest median user or system CPU time (ns) that is shown as a measurement. */
export function cpuResolutionNs(tickNs: number = CPU_TICK_NS): number {
  return MIN_RESOLVED_TICKS * tickNs;
}

/**
 * True when a user or system CPU time with this median (ns) is below the accounting
 * resolution: the tick sampling that splits CPU time between the two modes decides it more
 * than the command does.
 */
export function belowCpuResolution(medianNs: number, tickNs: number = CPU_TICK_NS): boolean {
  return medianNs < cpuResolutionNs(tickNs);
}

/** The per-run total CPU time (user + system, ns), which is measured precisely. */
export function totalCpuNs(userNs: readonly number[], sysNs: readonly number[]): number[] {
  if (userNs.length !== sysNs.length) {
    throw new RangeError(
      `user and system CPU differ in length (${userNs.length}, ${sysNs.length})`,
    );
  }
  return userNs.map((u, i) => u + (sysNs[i] as number));
}

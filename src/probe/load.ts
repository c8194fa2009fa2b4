// Is the machine idle enough to measure on?

/**
 * Busy rule. Benchmarks need an idle machine. The 1-minute load average counts tasks that are
 * running or waiting to run (plus, on Linux, tasks in uninterruptible I/O wait), so a load of 1.0
 * is roughly one CPU's worth of competing work. We warn when it exceeds the larger of
 * {@link BUSY_MIN_LOAD} and {@link BUSY_LOAD_PER_THREAD} per hardware thread: on small machines
 * one busy task already steals a large share (but less than 1.0 is background noise, including
 * our own start-up); on large machines a parallel `go build` is perturbed once about a tenth of
 * the capacity is taken.
 */
export const BUSY_MIN_LOAD = 1.0;
/** Load per hardware thread above which the machine is busy (see {@link BUSY_MIN_LOAD}). */
export const BUSY_LOAD_PER_THREAD = 0.1;

/** The 1-minute load average above which a machine with `threads` hardware threads is busy. */
export function busyThreshold(threads: number): number {
  return Math.max(BUSY_MIN_LOAD, BUSY_LOAD_PER_THREAD * Math.max(1, threads));
}

/** A one-line warning when the machine is not idle (see {@link BUSY_MIN_LOAD}), else null. It warns, never fails. */
export function busyWarning(load: { loadAvg1: number }, threads: number): string | null {
  const limit = busyThreshold(threads);
  if (!(load.loadAvg1 > limit)) return null;
  return (
    `the machine is not idle: 1-minute load average ${load.loadAvg1.toFixed(2)} exceeds ` +
    `${limit.toFixed(2)} for ${threads} hardware thread${threads === 1 ? '' : 's'}; ` +
    'results may be noisy, stop other work and retry'
  );
}

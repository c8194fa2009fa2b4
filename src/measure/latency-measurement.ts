// What one latency probe yields, whichever engine ran it: N random 4 KiB reads at queue depth 1,
// summarized in µs.
import { quantile } from '../stats/index.js';

/** Size of each read, in bytes. */
export const BLOCK_BYTES = 4096;

/** The probe engines. */
export type LatencyEngine = 'builtin' | 'fio';

/** Latency of N random 4 KiB reads at queue depth 1; times in µs. */
export interface LatencyMeasurement {
  engine: LatencyEngine;
  /** direct: O_DIRECT, past the page cache; page-cache: buffered reads of a cached file. */
  cache: 'direct' | 'page-cache';
  reads: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
  minUs: number;
  maxUs: number;
}

/** Summarizes per-read latencies (ns) as a measurement in µs. */
export function latencyMeasurement(
  engine: LatencyEngine,
  cache: 'direct' | 'page-cache',
  samplesNs: readonly number[],
): LatencyMeasurement {
  const us = samplesNs.map((n) => n / 1000);
  return {
    engine,
    cache,
    reads: us.length,
    meanUs: us.reduce((a, b) => a + b, 0) / us.length,
    p50Us: quantile(us, 0.5),
    p99Us: quantile(us, 0.99),
    minUs: us.reduce((a, b) => Math.min(a, b), Infinity),
    maxUs: us.reduce((a, b) => Math.max(a, b), -Infinity),
  };
}

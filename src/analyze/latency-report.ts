// What `analyze latency` reports (the --json document; report/io-latency.ts renders it), and the
// source document's latency table (chapter 2.2) it is compared with.
import type { LatencyTargetResult } from '../measure/io-latency.js';
import type { LatencyMeasurement } from '../measure/latency-measurement.js';

/** Version of the JSON document's layout; bumped on incompatible changes. */
export const LATENCY_REPORT_SCHEMA = 1;

/** One medium of the source document's latency table (chapter 2.2), in µs. */
export interface ReferenceLatency {
  medium: string;
  meanUs: number;
  p99Us: number;
}

/** Chapter 2.2: "4k random read QD1 latency: NVMe avg 28 us / p99 87 us; SATA SSD avg 210 us / p99 690 us; ramfs avg 3.2 us / p99 9.1 us". */
export const REFERENCE_LATENCIES: readonly ReferenceLatency[] = [
  { medium: 'NVMe', meanUs: 28, p99Us: 87 },
  { medium: 'SATA SSD', meanUs: 210, p99Us: 690 },
  { medium: 'ramfs', meanUs: 3.2, p99Us: 9.1 },
];

/** The reference medium closest to a measured mean (on a log scale) and the ratio to it. */
export interface NearestReference {
  medium: string;
  /** measured mean / reference mean. */
  meanRatio: number;
  /** measured p99 / reference p99. */
  p99Ratio: number;
}

/** The reference medium whose mean latency is nearest to `m`'s, by |log(ratio)|. */
export function nearestReference(
  m: Pick<LatencyMeasurement, 'meanUs' | 'p99Us'>,
): NearestReference {
  let best: NearestReference | null = null;
  for (const r of REFERENCE_LATENCIES) {
    const candidate = {
      medium: r.medium,
      meanRatio: m.meanUs / r.meanUs,
      p99Ratio: m.p99Us / r.p99Us,
    };
    if (!best || Math.abs(Math.log(candidate.meanRatio)) < Math.abs(Math.log(best.meanRatio)))
      best = candidate;
  }
  return best as NearestReference;
}

/** The `analyze latency` document. */
export interface LatencyReport {
  schemaVersion: number;
  command: 'analyze latency';
  /** Timed reads per directory and engine. */
  reads: number;
  /** Size of the test files, in bytes. */
  testFileBytes: number;
  engines: string[];
  fio: { path: string; version: string | null } | null;
  results: LatencyTargetResult[];
  reference: readonly ReferenceLatency[];
  warnings: string[];
}

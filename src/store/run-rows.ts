// A run record as the store's rows: its machine (by fingerprint hash), toolchains, and one
// result per scenario × configuration × metric with its summary and samples. Pure.
import type { RunRecord } from '../record/run-record.js';
import { summarize } from '../stats/summary.js';
import { machineHash, type MachineFacts } from '../record/machine-identity.js';

export { machineHash };

/** The machine a fingerprint describes. */
export interface MachineRow {
  hash: string;
  cpuModel: string | null;
  threads: number;
  memoryBytes: number;
  os: string;
  arch: string;
}

/** A toolchain: its `go version` line and binary. */
export interface ToolchainRow {
  version: string;
  goPath: string;
}

/** One sample's value of one metric; null when the sample failed or lacks the metric. */
export interface SampleRow {
  seq: number;
  round: number | null;
  position: number | null;
  ok: boolean;
  value: number | null;
}

/** One scenario × configuration × metric of a run. */
export interface ResultRow {
  scenarioId: string;
  configuration: string;
  toolchain: ToolchainRow | null;
  metric: string;
  unit: string;
  /** Samples with a finite value, and the rest. */
  n: number;
  failed: number;
  median: number | null;
  ciLo: number | null;
  ciHi: number | null;
  min: number | null;
  max: number | null;
  mean: number | null;
  sd: number | null;
  samples: SampleRow[];
}

/** The machine row of a fingerprint (or of the host facts alone). */
export function machineRow(f: MachineFacts): MachineRow {
  return {
    hash: machineHash(f),
    cpuModel: f.cpu.model,
    threads: f.cpu.threads,
    memoryBytes: f.memory.totalBytes,
    os: f.os.distro ?? f.os.platform,
    arch: f.os.arch,
  };
}

const finiteOrNull = (x: number | null): number | null =>
  x !== null && Number.isFinite(x) ? x : null;

/** The configuration a scenario's results are stored under (its toolchain label in old records). */
const resultConfiguration = (s: RunRecord['scenarios'][number]): string =>
  s.configuration ?? s.toolchain;

/**
 * The first scenario × configuration × metric a record holds twice, or null: such a record
 * cannot be stored (one result each), so a server refuses it as bad input.
 */
export function duplicateResult(run: RunRecord): string | null {
  const seen = new Set<string>();
  for (const s of run.scenarios) {
    for (const spec of s.metrics) {
      const key = `${s.scenarioId}, configuration ${resultConfiguration(s)}, metric ${spec.key}`;
      if (seen.has(key)) return key;
      seen.add(key);
    }
  }
  return null;
}

/**
 * One result per scenario × configuration × metric. A scenario run without a configuration
 * name (records from before configurations) is named by its toolchain label, as those records
 * are read back.
 */
export function resultRows(run: RunRecord): ResultRow[] {
  const toolchains = new Map(
    run.config.toolchains.map((t) => [t.label, { version: t.version, goPath: t.goPath }]),
  );
  const rows: ResultRow[] = [];
  for (const s of run.scenarios) {
    const configuration = resultConfiguration(s);
    for (const spec of s.metrics) {
      const samples: SampleRow[] = s.samples.map((x) => {
        const v = x.metrics[spec.key];
        return {
          seq: x.seq,
          round: x.round ?? null,
          position: x.position ?? null,
          ok: x.ok,
          value: x.ok && typeof v === 'number' && Number.isFinite(v) ? v : null,
        };
      });
      const values = samples.flatMap((x) => (x.value === null ? [] : [x.value]));
      // Only the centre and spread are stored: no outlier search.
      const sum = values.length ? summarize(values, 0.95, { outliers: false }) : null;
      rows.push({
        scenarioId: s.scenarioId,
        configuration,
        toolchain: toolchains.get(s.toolchain) ?? null,
        metric: spec.key,
        unit: spec.unit,
        n: values.length,
        failed: samples.length - values.length,
        median: sum ? finiteOrNull(sum.median) : null,
        ciLo: sum?.ciLo ?? null,
        ciHi: sum?.ciHi ?? null,
        min: sum ? finiteOrNull(sum.min) : null,
        max: sum ? finiteOrNull(sum.max) : null,
        mean: sum ? finiteOrNull(sum.mean) : null,
        sd: sum?.sd ?? null,
        samples,
      });
    }
  }
  return rows;
}

// Compares a run with the source document's reference profiles (data/seed-reference.json).
// The document's figures are references to compare with, not targets. Pure, apart from
// loadReferenceData which reads the shipped file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import type { ReferenceLink } from '../scenarios/types.js';

/** The parts of seed-reference.json used here. */
export interface ReferenceData {
  source: string;
  conditions: Record<string, string>;
  metrics: Record<string, { unit: string; definition: string }>;
  profiles: { id: string; label: string; values: Record<string, number> }[];
}

/** Reads the reference data shipped with the package. */
export function loadReferenceData(): ReferenceData {
  return JSON.parse(
    readFileSync(path.join(packageRoot, 'data', 'seed-reference.json'), 'utf8'),
  ) as ReferenceData;
}

/** Stored units (ns, bytes) per reference unit. MB is read as MiB: /proc reports kB = KiB. */
const STORED_PER_REFERENCE_UNIT: Record<string, number> = { ms: 1e6, s: 1e9, MB: 1024 ** 2 };

/** One measured figure beside the reference profiles. */
export interface ReferenceComparison {
  referenceKey: string;
  scenarioId: string;
  metricKey: string;
  unit: string;
  /** This machine's median, converted to the reference unit. */
  measured: number;
  profiles: { id: string; label: string; value: number }[];
  /** The profile closest to the measured value (on a log scale: ratios, not differences). */
  nearest: { id: string; label: string; value: number };
  /** measured / nearest.value. */
  ratio: number;
  note: string;
}

/** Builds the comparison for one link; null when the reference key or a value is missing. */
export function compareWithReference(
  data: ReferenceData,
  scenarioId: string,
  link: ReferenceLink,
  measuredStored: number,
): ReferenceComparison | null {
  const metric = data.metrics[link.referenceKey];
  const perUnit = metric ? STORED_PER_REFERENCE_UNIT[metric.unit] : undefined;
  if (!metric || perUnit === undefined) return null;
  const measured = measuredStored / perUnit;
  const profiles = data.profiles
    .filter((p) => typeof p.values[link.referenceKey] === 'number')
    .map((p) => ({ id: p.id, label: p.label, value: p.values[link.referenceKey] as number }));
  let nearest = profiles[0];
  for (const p of profiles) {
    if (
      nearest &&
      Math.abs(Math.log(measured / p.value)) < Math.abs(Math.log(measured / nearest.value))
    ) {
      nearest = p;
    }
  }
  if (!nearest) return null;
  return {
    referenceKey: link.referenceKey,
    scenarioId,
    metricKey: link.metricKey,
    unit: metric.unit,
    measured,
    profiles,
    nearest,
    ratio: measured / nearest.value,
    note: link.note,
  };
}

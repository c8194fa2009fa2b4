// Pure parser for fio's `--output-format=json` of one random-read job: the latency (lat_ns,
// with --lat_percentiles=1) or, without it, the completion latency (clat_ns). Text in, numbers out.
import { oneLine } from '../errors.js';

/** fio's output could not be read. */
export class FioParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FioParseError';
  }
}

/** Latency of one fio job's reads, in nanoseconds. */
export interface FioReadLatency {
  /** Reads completed. */
  ios: number;
  meanNs: number;
  minNs: number;
  maxNs: number;
  /** fio's percentiles come from its log-linear histogram: accurate to a few percent. */
  p50Ns: number;
  p99Ns: number;
  /** Which of fio's latency blocks was read: lat_ns (submission to completion) or clat_ns. */
  source: 'lat_ns' | 'clat_ns';
  fioVersion: string | null;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
}

/** A count or a latency: never negative. */
function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new FioParseError(`fio JSON: ${what} is not a non-negative number`);
  return v;
}

function percentile(p: Json, q: number): number | null {
  for (const [k, v] of Object.entries(p)) {
    if (Number(k) === q && typeof v === 'number') return num(v, `percentile ${k}`);
  }
  return null;
}

/**
 * Reads the first job's read latency from fio's JSON output. fio may print notes before the
 * JSON; they are skipped. Throws FioParseError for anything else.
 */
export function parseFioJson(text: string): FioReadLatency {
  const start = text.indexOf('{');
  if (start < 0) throw new FioParseError('no JSON in fio output');
  let doc: unknown;
  try {
    doc = JSON.parse(text.slice(start));
  } catch (err) {
    throw new FioParseError(`fio output is not valid JSON: ${oneLine((err as Error).message)}`);
  }
  const root = obj(doc);
  const jobs = root?.jobs;
  const job = Array.isArray(jobs) ? obj(jobs[0]) : null;
  if (!job) throw new FioParseError('fio JSON has no jobs');
  if (typeof job.error === 'number' && job.error !== 0) {
    throw new FioParseError(`fio job failed with error ${job.error}`);
  }
  const read = obj(job.read);
  if (!read) throw new FioParseError('fio JSON job has no read section');
  for (const source of ['lat_ns', 'clat_ns'] as const) {
    const lat = obj(read[source]);
    const p = obj(lat?.percentile);
    if (!lat || !p) continue;
    const p50 = percentile(p, 50);
    const p99 = percentile(p, 99);
    if (p50 === null || p99 === null) continue;
    const ios = num(lat.N, `${source}.N`);
    if (ios === 0) throw new FioParseError('fio completed no reads');
    if (!Number.isSafeInteger(ios)) throw new FioParseError(`fio JSON: ${source}.N is not a count`);
    return {
      ios,
      meanNs: num(lat.mean, `${source}.mean`),
      minNs: num(lat.min, `${source}.min`),
      maxNs: num(lat.max, `${source}.max`),
      p50Ns: p50,
      p99Ns: p99,
      source,
      fioVersion:
        typeof root?.['fio version'] === 'string' ? (root['fio version'] as string) : null,
    };
  }
  throw new FioParseError('fio JSON has no 50th and 99th latency percentiles');
}

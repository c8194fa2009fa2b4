// The fio latency engine: the same workload as the built-in probe (psync, iodepth 1, 4 KiB
// random reads, read-only) run by fio with JSON output (parse/fio-output.ts reads it).
import fs from 'node:fs';
import path from 'node:path';
import { FioParseError, parseFioJson } from '../parse/fio-output.js';
import { BLOCK_BYTES, type LatencyMeasurement } from './latency-measurement.js';
import { runMeasured } from './process-runner.js';

/** fio's arguments for the same workload: psync, iodepth 1, 4 KiB random reads, read-only. */
export function fioArgs(file: string, fileBytes: number, reads: number, direct: boolean): string[] {
  const size = Math.floor(fileBytes / BLOCK_BYTES) * BLOCK_BYTES;
  return [
    '--name=gobaseline',
    `--filename=${file}`,
    '--readonly',
    '--rw=randread',
    `--bs=${BLOCK_BYTES}`,
    '--iodepth=1',
    '--ioengine=psync',
    `--direct=${direct ? 1 : 0}`,
    `--size=${size}`,
    `--number_ios=${reads}`,
    '--lat_percentiles=1',
    '--percentile_list=50:99',
    '--output-format=json',
  ];
}

/** Runs fio on `file`; direct follows what the built-in probe found the filesystem accepts. */
export async function fioProbe(
  fioPath: string,
  file: string,
  reads: number,
  direct: boolean,
): Promise<LatencyMeasurement> {
  const size = fs.statSync(file).size;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const r = await runMeasured(
    {
      argv: [fioPath, ...fioArgs(file, size, reads, direct)],
      env,
      cwd: path.dirname(file),
      captureStdout: true,
      timeoutMs: 120_000,
    },
    null,
  );
  if (r.exitCode !== 0) {
    throw new FioParseError(
      `fio failed (${r.spawnError ?? `exit ${r.exitCode ?? r.signal}`}): ${r.stderr.trim().split('\n').at(-1) ?? ''}`,
    );
  }
  const lat = parseFioJson(r.stdout);
  return {
    engine: 'fio',
    cache: direct ? 'direct' : 'page-cache',
    reads: lat.ios,
    meanUs: lat.meanNs / 1000,
    p50Us: lat.p50Ns / 1000,
    p99Us: lat.p99Ns / 1000,
    minUs: lat.minNs / 1000,
    maxUs: lat.maxNs / 1000,
  };
}

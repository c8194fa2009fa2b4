// The fio latency engine: the same workload as the built-in probe (psync, iodepth 1, 4 KiB
// random reads, read-only) run by fio with JSON output (parse/fio-output.ts reads it).
import fs from 'node:fs';
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import { FioParseError, parseFioJson } from '../parse/fio-output.js';
import { failureText, type CommandRunner } from './command-runner.js';
import { BLOCK_BYTES, type LatencyMeasurement } from './latency-measurement.js';
import { succeeded } from './process-runner.js';

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
  runner: CommandRunner,
  fioPath: string,
  file: string,
  reads: number,
  direct: boolean,
): Promise<LatencyMeasurement> {
  const size = fs.statSync(file).size;
  // fio times its own reads: a tool for the runner, not a measured command.
  const r = await runner.run({
    argv: [fioPath, ...fioArgs(file, size, reads, direct)],
    cwd: path.dirname(file),
    captureStdout: true,
    kind: 'tool',
  });
  if (r.interrupted) throw new InterruptedError();
  if (!succeeded(r)) throw new FioParseError(`fio failed (${failureText(r)})`);
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

/** `fio --version`, e.g. "fio-3.33"; null when it cannot be read. */
export async function fioVersion(runner: CommandRunner, fioPath: string): Promise<string | null> {
  const r = await runner.run({
    argv: [fioPath, '--version'],
    cwd: '/',
    kind: 'tool',
    captureStdout: true,
    timeoutMs: 10_000,
  });
  return succeeded(r) ? r.stdout.trim() || null : null;
}

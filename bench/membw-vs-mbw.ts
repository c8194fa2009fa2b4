// Benchmark: does the fingerprint's memory-bandwidth figure agree with mbw (Debian's memory
// bandwidth tool)? Alternates, N rounds: gobaseline's membw program (`bandwidth` mode, what the
// fingerprint records) and `mbw -t0` (memcpy) over arrays of the same size, best of 10 passes.
// mbw counts the array once per copy; membw counts read + write (STREAM), so mbw's figure is
// doubled here. mbw has no triad: only copy is compared. The bar: within 25% (the machine is
// shared and single-thread bandwidth in a VM moves with its neighbours).
import { spawnSync } from 'node:child_process';
import { ensureMembw, membwEnv } from '../src/measure/membw.js';
import { resolveGo } from '../src/probe/index.js';
import { machineLine, median, requireTool } from './support.js';

const rounds = Number(process.argv[2] ?? 10);
const mbw = requireTool('mbw', 'mbw');
console.log(`machine: ${machineLine()}`);
const built = await ensureMembw(resolveGo(undefined, process.env));
if (built.kind === 'unavailable') {
  console.error(`bench: ${built.reason}`);
  process.exit(3);
}

/** One run of the membw bandwidth mode. */
function ours(): { copyGBps: number; triadGBps: number; arrayBytes: number } {
  const r = spawnSync(built.kind === 'built' ? built.path : '', ['bandwidth'], {
    env: membwEnv(),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`membw failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { copyGBps: number; triadGBps: number; arrayBytes: number };
}

/** mbw's best memcpy pass over `mib` MiB arrays, as GB/s counting read + write. */
function theirs(mib: number): number {
  const r = spawnSync(mbw, ['-q', '-n', '10', '-t0', String(mib)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mbw failed: ${r.stderr}`);
  const passes = r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('AVG'))
    .map((l) => /Copy: ([\d.]+) MiB\/s/.exec(l)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  return (2 * Math.max(...passes) * 2 ** 20) / 1e9;
}

const copies: number[] = [];
const triads: number[] = [];
const mbws: number[] = [];
for (let i = 0; i < rounds; i++) {
  const o = ours();
  const t = theirs(o.arrayBytes / 2 ** 20);
  copies.push(o.copyGBps);
  triads.push(o.triadGBps);
  mbws.push(t);
  console.log(
    `round ${i + 1}: membw copy ${o.copyGBps.toFixed(2)} triad ${o.triadGBps.toFixed(2)} · mbw memcpy ${t.toFixed(2)} GB/s (${o.arrayBytes / 2 ** 20} MiB arrays)`,
  );
}
const ratio = median(copies) / median(mbws);
console.log(
  `medians: membw copy ${median(copies).toFixed(2)} GB/s, triad ${median(triads).toFixed(2)} GB/s · mbw memcpy ${median(mbws).toFixed(2)} GB/s · copy ratio ${ratio.toFixed(3)} ${Math.abs(ratio - 1) <= 0.25 ? '(within 25%)' : '(OUTSIDE 25%)'}`,
);

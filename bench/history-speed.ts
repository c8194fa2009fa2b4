// `npm run bench:history`: how long `gobaseline history` takes to print a 10,000-run series
// (target: under 1 s, issue 11). The store is a private SQLite file filled with copies of a
// captured real run (test/fixtures/runs/startup-a.json), one an hour, with a 15% step half-way.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunRecord } from '../src/record/run-record.js';
import { openStore } from '../src/store/open-store.js';
import { cli, machineLine, median, repoRoot } from './support.js';

const count = Number(process.argv[2] ?? 10_000);
const base = JSON.parse(
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'runs', 'startup-a.json'), 'utf8'),
) as RunRecord;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-bench-history-'));
process.on('SIGINT', () => {
  rmSync(tmp, { recursive: true, force: true });
  process.exit(130);
});

async function main(): Promise<void> {
  const db = path.join(tmp, 'store.db');
  const store = await openStore(db, process.env, { importRuns: false });
  const t0 = performance.now();
  let batch: RunRecord[] = [];
  for (let i = 0; i < count; i++) {
    const run = structuredClone(base);
    run.id = `run-${i}`;
    run.startedAt = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
    const scale = (i >= count / 2 ? 1.15 : 1) * (1 + 0.02 * Math.sin(i * 1.7));
    for (const s of run.scenarios) {
      for (const x of s.samples) x.metrics.wallNs = (x.metrics.wallNs ?? 0) * scale;
    }
    batch.push(run);
    if (batch.length === 500 || i === count - 1) {
      await store.saveRuns(batch.map((r) => ({ run: r })));
      batch = [];
    }
  }
  const insertS = (performance.now() - t0) / 1000;
  await store.close();
  const args = [cli, 'history', '--db', db, '--scenario', 'startup/go-version', '--metric', 'wall'];
  const times: Record<string, number[]> = { table: [], json: [] };
  for (let k = 0; k < 5; k++) {
    for (const kind of ['table', 'json'] as const) {
      const t = performance.now();
      const r = spawnSync(process.execPath, kind === 'json' ? [...args, '--json'] : args, {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      if (r.status !== 0) throw new Error(r.stderr);
      times[kind]!.push((performance.now() - t) / 1000);
    }
  }
  console.log(machineLine());
  console.log(`${count} runs inserted into SQLite (batches of 500) in ${insertS.toFixed(1)} s`);
  console.log(
    `history of the ${count}-run series, whole process (median of 5): table ${median(times.table!).toFixed(2)} s, --json ${median(times.json!).toFixed(2)} s`,
  );
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  rmSync(tmp, { recursive: true, force: true });
  console.error(err);
  process.exit(70);
});

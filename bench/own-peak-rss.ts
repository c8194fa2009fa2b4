// Loaded with `node --import` into a gobaseline process by bench/modules-scale.ts: at exit it
// writes the process's own peak RSS (ru_maxrss of RUSAGE_SELF, in KiB) to the file named by
// GOBASELINE_BENCH_RSS_FILE, so the bench tells gobaseline's memory apart from its go commands'
// (/usr/bin/time -v reports the largest process of the whole tree).
import { writeFileSync } from 'node:fs';

const file = process.env.GOBASELINE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}

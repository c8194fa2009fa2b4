// Run fixtures for report tests: read through the run file parser (so version-1 fixtures get
// their configurations), and a helper that makes a run's toolchains its configurations.
import { readFileSync } from 'node:fs';
import { parseRunFile } from '../../src/parse/run-file.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { toolchainConfiguration } from '../../src/measure/configurations.js';
import { fixturePath } from './paths.js';

/** A run fixture under test/fixtures/runs, read as gobaseline reads run files. */
export function loadRunFixture(name: string): RunRecord {
  return parseRunFile(readFileSync(fixturePath(`runs/${name}`), 'utf8'), name);
}

/** Gives a hand-assembled run of several toolchains one configuration per toolchain. */
export function toolchainsAsConfigurations(run: RunRecord): RunRecord {
  run.config.configurations = run.config.toolchains.map(toolchainConfiguration);
  for (const s of run.scenarios) s.configuration = s.toolchain;
  return run;
}

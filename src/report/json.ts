// `report --format json`: the run record itself (docs/run-schema.md), as `run --json` writes it.
import type { RunRecord } from '../record/run-record.js';
import type { Reporter } from './reporter.js';

export const jsonReporter: Reporter = {
  render: (run: RunRecord): string => `${JSON.stringify(run, null, 2)}\n`,
};

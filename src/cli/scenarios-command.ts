// `gobaseline scenarios`: the catalogue and suites, as a table or JSON.
import Table from 'cli-table3';
import { SCENARIOS, SUITES } from '../scenarios/catalogue.js';

export function scenariosCommand(opts: { json?: boolean }): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ scenarios: SCENARIOS, suites: SUITES }, null, 2)}\n`);
    return;
  }
  const table = new Table({
    head: ['scenario', 'cache', 'warm-up+runs', 'description'],
    style: { head: [], border: [] },
    colWidths: [22, 7, 14, 70],
    wordWrap: true,
  });
  for (const s of SCENARIOS) {
    table.push([s.id, s.cache, `${s.defaultWarmup}+${s.defaultRuns}`, s.description]);
  }
  const lines = [table.toString(), '', 'suites:'];
  for (const suite of SUITES)
    lines.push(`  ${suite.id.padEnd(9)} ${suite.description}: ${suite.scenarios.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

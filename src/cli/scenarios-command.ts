// `gobaseline scenarios`: the catalogue, the project scenarios and the suites, as a table or JSON.
import Table from 'cli-table3';
import { SCENARIOS, SUITES } from '../scenarios/catalogue.js';
import { projectScenarioTemplates } from '../scenarios/project.js';

/** The project scenarios as `--project DIR` generates them, for a module with a main package. */
function projectCatalogue() {
  return projectScenarioTemplates(['main']).map(({ workspaceDir: _dir, ...s }) => s);
}

export function scenariosCommand(opts: { json?: boolean }): void {
  const project = projectCatalogue();
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ scenarios: SCENARIOS, projectScenarios: project, suites: SUITES }, null, 2)}\n`,
    );
    return;
  }
  const table = new Table({
    head: ['scenario', 'cache', 'warm-up+runs', 'description'],
    style: { head: [], border: [] },
    colWidths: [22, 7, 14, 70],
    wordWrap: true,
  });
  for (const s of [...SCENARIOS, ...project]) {
    table.push([s.id, s.cache, `${s.defaultWarmup}+${s.defaultRuns}`, s.description]);
  }
  const lines = [
    table.toString(),
    '',
    'project/* scenarios run with --project DIR, on a private copy of the module, offline.',
    '',
    'suites:',
  ];
  for (const suite of SUITES)
    lines.push(`  ${suite.id.padEnd(9)} ${suite.description}: ${suite.scenarios.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

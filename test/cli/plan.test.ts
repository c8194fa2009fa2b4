// --suite/--scenario/--project into a plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRun } from '../../src/cli/plan.js';
import { PROJECT_SCENARIO_IDS } from '../../src/scenarios/project.js';

test('--project alone plans every project scenario and no suite', () => {
  const p = planRun({ project: true });
  assert.equal(p.suite, null);
  assert.deepEqual(p.plan, []);
  assert.deepEqual(p.projectIds, [...PROJECT_SCENARIO_IDS]);
});

test('--project with --suite adds the suite; --scenario picks from both', () => {
  const withSuite = planRun({ project: true, suite: 'quick' });
  assert.equal(withSuite.suite, 'quick');
  assert.ok(withSuite.plan.length > 0);
  assert.equal(withSuite.projectIds.length, PROJECT_SCENARIO_IDS.length);
  const picked = planRun({ project: true, scenario: ['project/vet', 'startup/go-version'] });
  assert.deepEqual(
    picked.plan.map((p) => p.scenario.id),
    ['startup/go-version'],
  );
  assert.deepEqual(picked.projectIds, ['project/vet']);
  assert.deepEqual(planRun({}).projectIds, [], 'without --project: the quick suite only');
});

test('a project scenario without --project, or an unknown one, is a usage error', () => {
  assert.throws(() => planRun({ scenario: ['project/vet'] }), /give --project DIR/);
  assert.throws(
    () => planRun({ project: true, scenario: ['project/lint'] }),
    /unknown scenario "project\/lint" \(project scenarios: project\/build-cold/,
  );
});

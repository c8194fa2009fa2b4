// The project scenarios are data generated for a prepared module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROJECT_SCENARIO_IDS, projectScenarios } from '../../src/scenarios/project.js';

test('project scenarios run offline in the copy, with the build settings they understand', () => {
  const scenarios = projectScenarios({
    dir: '/tmp/copy',
    modulePath: 'example.com/m',
    mainPackages: [],
  });
  assert.deepEqual(
    scenarios.map((s) => s.id),
    [...PROJECT_SCENARIO_IDS],
  );
  for (const s of scenarios) {
    assert.equal(s.workspaceDir, '/tmp/copy');
    assert.equal(s.env?.GOPROXY, 'off', 'no timing includes the network');
    assert.ok(s.argv.includes('-mod=readonly'), 'go.mod and go.sum are never rewritten');
    assert.equal(s.argv.at(-1), './...');
    assert.ok(s.buildSettings?.includes('p'));
  }
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  assert.equal(byId.get('project/build-cold')?.cache, 'fresh');
  assert.equal(byId.get('project/build-warm')?.cache, 'warm');
  assert.deepEqual(byId.get('project/vet')?.buildSettings, ['p', 'trimpath']);
  assert.deepEqual(byId.get('project/test-compile')?.argv.slice(1), [
    'test',
    '-mod=readonly',
    '-count=1',
    '-run',
    '^$',
    './...',
  ]);
  // A library: no -o (go build refuses it without a main package), no binary metrics.
  assert.ok(!byId.get('project/build-warm')?.argv.includes('-o'));
  assert.deepEqual(byId.get('project/build-warm')?.metrics, []);
});

test('with main packages the builds write binaries to a per-run directory: link time and size', () => {
  const scenarios = projectScenarios({
    dir: '/tmp/copy',
    modulePath: 'example.com/m',
    mainPackages: ['example.com/m/cmd/a'],
  });
  for (const id of ['project/build-cold', 'project/build-warm']) {
    const s = scenarios.find((x) => x.id === id);
    assert.deepEqual(s?.argv, [
      '{go}',
      'build',
      '-mod=readonly',
      '-o',
      '{out}/bin/',
      '-debug-actiongraph={actiongraph}',
      './...',
    ]);
    assert.deepEqual(s?.extractors, ['link-action', 'binary-size']);
    assert.deepEqual(
      s?.metrics.map((m) => m.key),
      ['linkNs', 'binarySizeBytes'],
    );
  }
});

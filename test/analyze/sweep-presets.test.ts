// The presets' scenarios and points, and how sweep's options choose what to sweep. Pure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkFlagPoints, linkFlagsPreset, presetId } from '../../src/analyze/sweep-presets.js';
import { planSweep } from '../../src/analyze/sweep-plan.js';
import { sweepTargets } from '../../src/cli/sweep-targets.js';
import { dockerCacheScenarios } from '../../src/scenarios/docker-build.js';
import type { Scenario } from '../../src/scenarios/types.js';

test('link-flags: each link setting alone against default', () => {
  assert.deepEqual(linkFlagPoints(), [
    { name: 'ldflags=-s_-w', params: { ldflags: '-s -w' } },
    { name: 'trimpath=true', params: { trimpath: 'true' } },
  ]);
});

test('link-flags: hello world cold and warm, the module builds with --project, --scenario replaces them', () => {
  const ids = (ss: (string | Scenario)[]) => ss.map((s) => (typeof s === 'string' ? s : s.id));
  assert.deepEqual(ids(linkFlagsPreset(false).scenarios), ['build/hello-cold', 'build/hello-link']);
  assert.deepEqual(ids(linkFlagsPreset(true).scenarios), [
    'build/hello-cold',
    'build/hello-link',
    'project/build-cold',
    'project/build-warm',
  ]);
  assert.deepEqual(ids(linkFlagsPreset(true, ['project/build-warm']).scenarios), [
    'project/build-warm',
  ]);
});

test('the preset plans: default, ldflags, trimpath on both scenarios; project ids kept apart', () => {
  const preset = linkFlagsPreset(true);
  const { plan, projectIds, configurations } = planSweep({
    ...preset,
    project: { inModule: [] },
    toolchain: 'go1.26.8',
  });
  assert.deepEqual(
    plan.map((p) => [p.scenario.id, p.runs, p.warmup]),
    [
      ['build/hello-cold', 5, 0],
      ['build/hello-link', 10, 2],
    ],
  );
  assert.deepEqual(projectIds, ['project/build-cold', 'project/build-warm']);
  assert.deepEqual(
    configurations.map((c) => [c.name, c.build]),
    [
      ['default', {}],
      ['ldflags=-s_-w', { ldflags: '-s -w' }],
      ['trimpath=true', { trimpath: true }],
    ],
  );
});

test('sweepTargets: --preset with --param is a usage error; --cmd with --project runs in the module', () => {
  assert.throws(
    () => sweepTargets({ preset: 'link-flags', param: ['GOGC=1'] }),
    /supplies its own points; leave out --param/,
  );
  assert.throws(() => presetId('fast'), /unknown preset/);
  const t = sweepTargets({ cmd: 'go build ./...', param: ['GOGC=100'], project: '/x' });
  assert.deepEqual(t.scenarios, []);
  assert.deepEqual(
    t.inModule.map((s) => [s.id, s.argv]),
    [['cmd', ['{go}', 'build', './...']]],
  );
  assert.equal(sweepTargets({ preset: 'docker-cache' }).preset, 'docker-cache');
});

test('docker-cache: the cold build without mounts and --no-cache, the rebuild with them after a source change', () => {
  const [cold, rebuild] = dockerCacheScenarios({ withoutMounts: 'COLD', withMounts: 'MOUNTS' });
  assert.equal(cold?.id, 'docker/build-cold');
  assert.deepEqual(cold?.argv.slice(3), ['sh', 'COLD']);
  assert.match(
    cold?.argv[2] ?? '',
    /docker buildx build --no-cache .*--output type=cacheonly -f - \.$/,
  );
  assert.equal(rebuild?.id, 'docker/rebuild-mounts');
  assert.deepEqual(rebuild?.argv.slice(3), ['sh', 'MOUNTS']);
  assert.match(rebuild?.argv[2] ?? '', /^f=\$\(find \. -name "\*\.go".*>> "\$f" && printf/);
  assert.doesNotMatch(rebuild?.argv[2] ?? '', /--no-cache/);
});

// `run --project DIR` against the real go command and a real public module obtained through the
// module proxy: the module's own scenarios are measured on a private copy, its dependencies
// downloaded once (untimed) and every measured command offline; the user's tree is unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliEnv, runCli, tempDir } from '../support/cli.js';
import { moduleWithDependency, uuidModule } from '../support/go-modules.js';
import { measuredRun } from '../support/measured-run.js';
import { fileHashes } from '../support/tree-digest.js';

test('run --project measures a real public module: build cold and warm, vet, test compile; every file unchanged', async () => {
  const dir = uuidModule();
  const before = fileHashes(dir);
  const { r, run } = await measuredRun(['--project', dir]);
  assert.deepEqual(fileHashes(dir), before, 'every file of the module is byte-identical');
  assert.deepEqual(run.config.scenarios, [
    'project/build-cold',
    'project/build-warm',
    'project/vet',
    'project/test-compile',
  ]);
  for (const s of run.scenarios) {
    assert.equal(s.samples.length, 2, s.scenarioId);
    assert.ok(
      s.samples.every((x) => x.ok && (x.metrics.wallNs ?? 0) > 0),
      `${s.scenarioId}: ${JSON.stringify(s.samples.map((x) => x.failure))}`,
    );
    assert.ok(s.argv.includes('-mod=readonly'), s.scenarioId);
    assert.match(s.description, /github\.com\/google\/uuid/);
  }
  // A library: nothing linked, no binary size.
  assert.equal(run.scenarios[0]?.samples[0]?.metrics.binarySizeBytes, undefined);
  assert.match(r.stdout, /project\/build-cold/);
  assert.match(r.stderr, /downloading dependencies into a private module cache/);
});

test('run --project with a dependency: downloaded once untimed, then measured offline; go.mod and go.sum unchanged', async () => {
  const dir = moduleWithDependency();
  const before = fileHashes(dir);
  assert.ok(before['go.sum'], 'go mod tidy wrote a go.sum');
  const { run } = await measuredRun([
    '--project',
    dir,
    '--scenario',
    'project/build-warm,project/test-compile',
    // Build settings apply to project scenarios as to any other.
    '--config',
    'plain: trimpath=false',
    '--config',
    "stripped: ldflags='-s -w' trimpath=true",
  ]);
  assert.deepEqual(fileHashes(dir), before);
  const scenarios = run.scenarios;
  const of = (id: string, configuration: string) =>
    scenarios.find((s) => s.scenarioId === id && s.configuration === configuration);
  const sizes: number[] = [];
  for (const configuration of ['plain', 'stripped']) {
    const build = of('project/build-warm', configuration);
    for (const s of build?.samples ?? []) {
      assert.equal(s.ok, true, JSON.stringify(s.failure));
      assert.ok((s.metrics.linkNs ?? 0) > 0, 'the main package was linked');
    }
    assert.equal(build?.samples.length, 2);
    assert.ok(build?.argv.includes('-o'));
    sizes.push(build?.samples[0]?.metrics.binarySizeBytes ?? 0);
    assert.equal(of('project/test-compile', configuration)?.samples.filter((s) => s.ok).length, 2);
  }
  const [plain = 0, stripped = 0] = sizes;
  assert.ok(plain > 500_000 && stripped < plain, `stripped binary smaller: ${sizes.join(' ')}`);
  assert.ok(of('project/build-warm', 'stripped')?.argv.includes('-trimpath'));
});

test('run --project: no go.mod is exit 2, dependencies that cannot be downloaded exit 3, one line each', async () => {
  const empty = tempDir('gbtest-project-');
  const r = await runCli(['run', '--project', empty, '--no-save']);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    `gobaseline: --project ${empty}: no go.mod there (give the root directory of a module)\n`,
  );

  const unreachable = tempDir('gbtest-project-');
  writeFileSync(
    path.join(unreachable, 'go.mod'),
    'module example.com/broken\n\ngo 1.21\n\nrequire example.invalid/nothing v1.0.0\n',
  );
  writeFileSync(path.join(unreachable, 'a.go'), 'package broken\n');
  const before = fileHashes(unreachable);
  // No proxy at all: the download fails at once, whatever the network.
  const offline = await runCli(
    ['run', '--project', unreachable, '--no-save', '--quiet'],
    cliEnv({ GOPROXY: 'off' }),
  );
  assert.equal(offline.code, 3, offline.stderr);
  assert.match(
    offline.stderr,
    /^gobaseline: --project .*: cannot download its dependencies: .*example\.invalid\/nothing.*\n$/,
  );
  assert.deepEqual(fileHashes(unreachable), before);

  const unplanned = await runCli(['run', '--scenario', 'project/vet', '--no-save']);
  assert.equal(unplanned.code, 2);
  assert.match(unplanned.stderr, /project\/vet" measures your module: give --project DIR/);
});

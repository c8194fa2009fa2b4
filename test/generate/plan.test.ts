// The generator's pure parts: the dependency graph, the Go source, the proxy layout and zips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dependencyModuleFiles, mainModuleFiles } from '../../src/generate/module-files.js';
import { crc32, zipFiles } from '../../src/generate/module-zip.js';
import {
  optionsProblem,
  planWorkspace,
  transitiveDeps,
  type GenerateOptions,
} from '../../src/generate/plan.js';
import { escapeModulePath, proxyFiles } from '../../src/generate/proxy-layout.js';
import { tempDir } from '../support/cli.js';

const opts: GenerateOptions = { modules: 40, depth: 4, fanout: 3, packages: 2, files: 3, seed: 7 };

test('the module graph is a DAG of the asked depth that the main module reaches whole', () => {
  const plan = planWorkspace(opts);
  assert.equal(plan.modules.length, 40);
  for (const mod of plan.modules) {
    for (const d of mod.deps) assert.ok((plan.modules[d]?.layer ?? 99) < mod.layer);
    if (mod.layer > 0) {
      assert.ok(mod.deps.some((d) => plan.modules[d]?.layer === mod.layer - 1));
      assert.equal(mod.deps.length, 3);
    } else assert.deepEqual(mod.deps, []);
    assert.equal(mod.packages.length, 2);
    assert.match(mod.version, /^v1\.\d+\.\d+$/);
  }
  assert.equal(Math.max(...plan.modules.map((m) => m.layer)), 3);
  assert.equal(transitiveDeps(plan, plan.mainDeps).length, 40);
  assert.equal(new Set(plan.modules.map((m) => m.path)).size, 40);
});

test('the same seed gives the same files; another seed, other files', () => {
  const files = (seed: number): string[] => {
    const plan = planWorkspace({ ...opts, seed });
    const out = [...mainModuleFiles(plan)];
    for (const mod of plan.modules) out.push(...dependencyModuleFiles(plan, mod));
    return out.map(([name, text]) => `${name}\n${text}`);
  };
  assert.deepEqual(files(7), files(7));
  assert.notDeepEqual(files(7), files(8));
});

test('every package has F files, the main module a command, go.mod every requirement', () => {
  const plan = planWorkspace(opts);
  const main = mainModuleFiles(plan);
  assert.equal([...main.keys()].filter((f) => f.endsWith('.go')).length, 2 * 3 + 1);
  assert.match(main.get('cmd/app/main.go') ?? '', /^package main$/m);
  const goMod = main.get('go.mod') ?? '';
  assert.match(goMod, /^module example\.com\/Synth\/app\n\ngo 1\.21\n/);
  assert.equal(goMod.match(/ v1\.\d+\.\d+/g)?.length, 40);
  const leaf = plan.modules[0];
  assert.ok(leaf);
  assert.doesNotMatch(dependencyModuleFiles(plan, leaf).get('go.mod') ?? '', /require/);
});

test('bad sizes are refused with the option named', () => {
  assert.equal(optionsProblem(opts), null);
  assert.match(optionsProblem({ ...opts, modules: 0 }) ?? '', /--modules must be .* >= 1/);
  assert.match(optionsProblem({ ...opts, files: -1 }) ?? '', /--files/);
  assert.match(optionsProblem({ ...opts, packages: 1.5 }) ?? '', /--packages/);
  assert.match(optionsProblem({ ...opts, depth: 41 }) ?? '', /--depth 41 needs at least 41/);
});

test('module paths and versions are case-encoded in the proxy layout', () => {
  assert.equal(escapeModulePath('example.com/Acme/BigQuery'), 'example.com/!acme/!big!query');
  const files = proxyFiles('example.com/Acme/x', 'v1.2.3', new Map([['go.mod', 'module m\n']]));
  assert.deepEqual(
    [...files.keys()],
    ['list', 'v1.2.3.info', 'v1.2.3.mod', 'v1.2.3.zip'].map((f) => `example.com/!acme/x/@v/${f}`),
  );
  assert.deepEqual(JSON.parse(String(files.get('example.com/!acme/x/@v/v1.2.3.info'))), {
    Version: 'v1.2.3',
    Time: '2024-01-01T00:00:00Z',
  });
});

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

test(
  'zips hold every file under module@version/ and unzip reads them back',
  { skip: !hasUnzip && 'no unzip' },
  () => {
    assert.equal(crc32(Buffer.from('hello')), 0x3610a686);
    if (typeof (zlib as { crc32?: unknown }).crc32 === 'function') {
      const data = Buffer.from('The quick brown fox '.repeat(50));
      assert.equal(crc32(data), (zlib as unknown as { crc32(b: Buffer): number }).crc32(data));
    }
    const files = new Map([
      ['go.mod', 'module example.com/Acme/x\n'],
      ['a/a.go', 'package a\n'.repeat(20)],
    ]);
    const zip = zipFiles('example.com/Acme/x@v1.0.0/', files);
    const file = path.join(tempDir(), 'm.zip');
    writeFileSync(file, zip);
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(names, [
      'example.com/Acme/x@v1.0.0/a/a.go',
      'example.com/Acme/x@v1.0.0/go.mod',
    ]);
    const text = execFileSync('unzip', ['-p', file, 'example.com/Acme/x@v1.0.0/a/a.go'], {
      encoding: 'utf8',
    });
    assert.equal(text, files.get('a/a.go'));
    execFileSync('unzip', ['-tq', file]);
  },
);

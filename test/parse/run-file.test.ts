// Run files of every schema version this gobaseline reads: a version-1 file (toolchains only)
// reads back with one configuration per toolchain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UsageError } from '../../src/errors.js';
import { parseRunFile } from '../../src/parse/run-file.js';
import { RUN_SCHEMA_VERSION } from '../../src/record/run-record.js';
import { fixturePath } from '../support/paths.js';

const v1 = readFileSync(fixturePath('runs/startup-a.json'), 'utf8');

test('a version-1 run file reads back as one configuration per toolchain', () => {
  assert.equal((JSON.parse(v1) as { schemaVersion: number }).schemaVersion, 1);
  const run = parseRunFile(v1, 'startup-a.json');
  assert.equal(run.schemaVersion, RUN_SCHEMA_VERSION);
  const labels = run.config.toolchains.map((t) => t.label);
  assert.deepEqual(
    run.config.configurations,
    labels.map((l) => ({ name: l, toolchain: l, env: {}, build: {} })),
  );
  assert.deepEqual(run.config.order, { kind: 'abba' });
  for (const s of run.scenarios) assert.equal(s.configuration, s.toolchain);
  // Rounds were not recorded then: none is made up.
  assert.ok(run.scenarios.every((s) => s.samples.every((x) => x.round === undefined)));
});

test('a version-2 file is checked for its configurations; unknown versions are refused', () => {
  const v2 = parseRunFile(v1, 'a.json');
  assert.deepEqual(parseRunFile(JSON.stringify(v2), 'b.json'), v2);
  const broken = { ...v2, config: { ...v2.config, configurations: [{ name: 'x' }] } };
  assert.throws(
    () => parseRunFile(JSON.stringify(broken), 'c.json'),
    (err: unknown) =>
      err instanceof UsageError &&
      /c\.json is a damaged run file: config\.configurations\[0\]\.toolchain should be a string/.test(
        err.message,
      ),
  );
  for (const version of [0, 3, '2', null]) {
    assert.throws(
      () => parseRunFile(JSON.stringify({ ...v2, schemaVersion: version }), 'd.json'),
      /d\.json has run schema version .*; this gobaseline reads 1 to 2/,
    );
  }
});

// The run record as rows (pure), the schema text per dialect, and PostgreSQL placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberPlaceholders } from '../../src/store/postgres.js';
import { machineHash, resultRows } from '../../src/store/run-rows.js';
import { migrationStatements, SCHEMA_VERSION } from '../../src/store/schema.js';
import { tinyRun } from '../support/tiny-runs.js';

describe('run rows', () => {
  it('names a machine by its hardware, not by its kernel or Go', () => {
    const a = tinyRun('a', '2026-01-01T00:00:00.000Z').fingerprint;
    const b = structuredClone(a);
    b.os.release = '9.9.9';
    b.go.version = 'go version go1.99 linux/amd64';
    b.load.loadAvg1 = 7;
    assert.equal(machineHash(b), machineHash(a));
    b.cpu.threads += 1;
    assert.notEqual(machineHash(b), machineHash(a));
  });

  it('has one result per scenario, configuration and metric, with every sample', () => {
    const run = tinyRun('a', '2026-01-01T00:00:00.000Z', {
      samples: 4,
      configurations: ['default', 'p=1'],
    });
    const rows = resultRows(run);
    assert.equal(rows.length, 2 * 2 * 4); // scenarios × configurations × metrics
    const wall = rows.find(
      (r) =>
        r.scenarioId === 'startup/go-version' && r.configuration === 'p=1' && r.metric === 'wallNs',
    )!;
    assert.equal(wall.samples.length, 4);
    assert.equal(wall.n, 4);
    assert.equal(wall.toolchain?.version, 'go version go1.26.8 linux/amd64');
    const values = wall.samples.map((s) => s.value!).sort((x, y) => x - y);
    assert.equal(wall.median, (values[1]! + values[2]!) / 2);
  });
});

describe('schema', () => {
  it('has a migration for every version, with the dialect types filled in', () => {
    for (let v = 1; v <= SCHEMA_VERSION; v++) {
      for (const dialect of ['sqlite', 'postgres'] as const) {
        const statements = migrationStatements(v, dialect);
        assert.ok(statements.length > 0);
        assert.doesNotMatch(statements.join(';'), /\{\w+\}/);
      }
    }
    assert.throws(() => migrationStatements(SCHEMA_VERSION + 1, 'sqlite'));
  });

  it('numbers placeholders for PostgreSQL', () => {
    assert.equal(numberPlaceholders('a = ? AND b IN (?, ?)'), 'a = $1 AND b IN ($2, $3)');
  });
});

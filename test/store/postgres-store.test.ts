// The store suite against a real PostgreSQL server (see test/support/postgres.ts for which),
// and an unreachable server.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { ExitCode } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { redactUrl } from '../../src/store/postgres.js';
import { StoreError } from '../../src/store/store.js';
import { skipUnlessCi } from '../support/ci.js';
import { execSql, freshDatabase, NO_SERVER, testServer } from '../support/postgres.js';
import { storeSuite } from './store-suite.js';

storeSuite('PostgreSQL', {
  fresh: async (t) => {
    const server = await testServer();
    if (!server) {
      skipUnlessCi(t, NO_SERVER);
      return null;
    }
    return freshDatabase(server);
  },
  makeNewer: async (url) => {
    await execSql(url, "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')");
  },
  snapshot: async (url) => {
    const [tables] = await execSql(
      url,
      "SELECT string_agg(table_name, ',' ORDER BY table_name) AS t FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const [versions] = await execSql(
      url,
      "SELECT string_agg(version::text, ',' ORDER BY version) AS v FROM schema_version",
    ).catch(() => [{ rows: [{ v: 'none' }] }]);
    const [runs] = await execSql(url, 'SELECT count(*)::text AS n FROM runs').catch(() => [
      { rows: [{ n: 'none' }] },
    ]);
    return JSON.stringify([tables!.rows, versions!.rows, runs!.rows]);
  },
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('PostgreSQL store: unreachable', () => {
  it('says in one line that the server cannot be reached, exit 3, without the password', async () => {
    const url = `postgres://gb:secret@127.0.0.1:${await closedPort()}/runs`;
    await assert.rejects(openStore(url, {}, { importRuns: false }), (err: unknown) => {
      assert.ok(err instanceof StoreError, String(err));
      assert.equal(err.exitCode, ExitCode.environment);
      assert.match(
        err.message,
        /^cannot reach PostgreSQL at postgres:\/\/gb:\*\*\*@127\.0\.0\.1:\d+\/runs: .*ECONNREFUSED/,
      );
      assert.doesNotMatch(err.message, /secret|\n/);
      return true;
    });
    assert.equal(redactUrl('postgres://u:p@h/db'), 'postgres://u:***@h/db');
  });
});

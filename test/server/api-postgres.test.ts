// serve's API over a real PostgreSQL (the suite: api-suite.ts; the server: test/support/postgres.ts).
import { skipUnlessCi } from '../support/ci.js';
import { freshDatabase, NO_SERVER, testServer } from '../support/postgres.js';
import { apiSuite } from './api-suite.js';

apiSuite('PostgreSQL', async (t) => {
  const server = await testServer();
  if (!server) {
    skipUnlessCi(t, NO_SERVER);
    return null;
  }
  return freshDatabase(server);
});

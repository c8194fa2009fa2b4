// serve's API over SQLite (the suite: api-suite.ts).
import path from 'node:path';
import { tempDir } from '../support/cli.js';
import { apiSuite } from './api-suite.js';

apiSuite('SQLite', async () => path.join(tempDir('gbtest-serve-'), 'serve.db'));

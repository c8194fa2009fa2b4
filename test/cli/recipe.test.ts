// `gobaseline recipe dockerfile` without a saved link-flags sweep: default flags, and it says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliEnv, runCli, tempDir } from '../support/cli.js';

test('recipe dockerfile with no link-flags sweep: default flags, the Dockerfile says so, exit 0', async () => {
  const r = await runCli(['recipe', 'dockerfile', '--package', './cmd/app'], cliEnv());
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# No link-flags sweep found/m);
  assert.match(r.stdout, /go build -o \/out\/app \.\/cmd\/app$/m);
  assert.match(r.stdout, /^FROM golang:\d+\.\d+(\.\d+)? AS build$/m);
  assert.match(r.stderr, /^gobaseline: no link-flags sweep saved in .*: default flags/);
});

test('recipe dockerfile --from a file that is not a run: exit 2, one line', async () => {
  const file = path.join(tempDir(), 'x.json');
  writeFileSync(file, '{}');
  const r = await runCli(['recipe', 'dockerfile', '--from', file], cliEnv());
  assert.equal(r.code, 2);
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
});

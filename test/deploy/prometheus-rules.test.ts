// The alerting rules under deploy/prometheus/ are valid for Prometheus (`promtool check rules`)
// and fire as intended on made-up series (`promtool test rules`, gobaseline-rules.test.yml).
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { skipUnlessCi } from '../support/ci.js';
import { repoRoot } from '../support/paths.js';

const dir = path.join(repoRoot, 'deploy', 'prometheus');

function promtool(t: import('node:test').TestContext, args: string[]): string | null {
  const r = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
  if (r.error) {
    skipUnlessCi(t, `promtool not found (Debian package prometheus): ${r.error.message}`);
    return null;
  }
  assert.equal(r.status, 0, `promtool ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
  return r.stdout + r.stderr;
}

test('promtool check rules accepts the alerting rules', (t) => {
  const out = promtool(t, ['check', 'rules', 'gobaseline-rules.yml']);
  if (out !== null) assert.match(out, /SUCCESS: 2 rules found/);
});

test('the regression and slow start-up alerts fire on their series only (promtool test rules)', (t) => {
  const out = promtool(t, ['test', 'rules', 'gobaseline-rules.test.yml']);
  if (out !== null) assert.match(out, /SUCCESS/);
});

// `gobaseline sweep --recommend` with the real go command: the candidates come from this
// machine's topology, each is measured against the default in one interleaved sweep, and the
// recommendation (or "keep the default") names only measured configurations, with the evidence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SweepReport } from '../../src/analyze/sweep-report.js';
import { cliEnv, runCli, unwrap } from '../support/cli.js';

const ARGS = ['sweep', '--recommend', '--scenario', 'startup/go-version', '--warmup', '0'];

test('a recommendation from measured results only: table, topology, candidates, evidence', async () => {
  const r = await runCli(
    [...ARGS, '--runs', '5', '--seed', '3', '--no-save', '-q'],
    cliEnv({ COLUMNS: '200' }),
  );
  assert.equal(r.code, 0, r.stderr);
  const out = unwrap(r.stdout);
  assert.match(out, /^sweep of startup\/go-version: GOMAXPROCS=/);
  assert.match(out, /\ntopology: \d+ logical CPUs?, .*Go's default GOMAXPROCS \d+ \(measured\)\n/);
  // go version does not build: GOMAXPROCS only, no -p.
  assert.match(out, /\ncandidates for GOMAXPROCS: .*= default \(Go's default, measured/);
  assert.match(
    out,
    /\nrecommendation: (keep the default: no measured setting was significantly faster|set GOMAXPROCS=\d+: [\d.]+% faster than the default)\n/,
  );
  assert.match(out, /\n {2}default: median [\d.]+ ms \[.*\], n=5\n/);
  assert.match(
    out,
    /\n {2}\d+ settings? compared with the default, p-values Holm-corrected over all of them\n/,
  );
});

test('--format json carries the recommendation; a recommended setting was measured', async () => {
  const r = await runCli([...ARGS, '--runs', '4', '--format', 'json', '--no-save', '-q']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as SweepReport;
  const advice = report.recommendation;
  assert.ok(advice, 'recommendation in the JSON');
  assert.deepEqual(advice.params, ['GOMAXPROCS']);
  assert.equal(advice.topology.goDefaultGomaxprocs, advice.topology.goDefaultRule);
  const rows = report.scenarios[0]?.metrics.find((m) => m.key === 'wallNs')?.rows ?? [];
  // Every candidate but the default is a configuration of the sweep, and was measured.
  const swept = advice.plan.candidates
    .filter((c) => !c.isDefault)
    .map((c) => `gomaxprocs=${c.value}`);
  assert.deepEqual(
    rows.map((row) => row.configuration),
    ['default', ...swept],
  );
  for (const row of rows) assert.equal(row.n, 4, row.configuration);
  const rec = advice.scenarios[0]?.recommendation;
  assert.ok(rec && ['change', 'keep-default'].includes(rec.kind));
  if (rec.kind === 'change') {
    const chosen = rows.find((row) => row.params.GOMAXPROCS === rec.settings.GOMAXPROCS);
    assert.ok(chosen?.vsBase?.significant, 'a change only when significantly better');
  } else {
    assert.deepEqual(rec.settings, {});
  }
});

test('--recommend chooses its own parameters: --param with it is bad usage', async () => {
  const r = await runCli([...ARGS, '--param', 'GOMAXPROCS=1,2', '--no-save']);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /--recommend chooses GOMAXPROCS and p from the topology; leave out --param/,
  );
});

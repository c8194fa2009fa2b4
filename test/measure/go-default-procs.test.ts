// The GOMAXPROCS probe with the real go: built once per Go version into gobaseline's cache
// directory (a cold build of the runtime the first time on a machine), then only run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openContext, type MeasureContext } from '../../src/measure/context.js';
import { withMeasuredGoDefault } from '../../src/measure/go-default-procs.js';
import { probeTopology } from '../../src/probe/topology.js';
import { tempDir } from '../support/cli.js';

let ctx: MeasureContext;
before(async () => {
  ctx = await openContext({
    userEnv: process.env,
    overrides: { GOMAXPROCS: '1' }, // a --env GOMAXPROCS does not hide the default
    timeoutMs: 300_000,
    signal: new AbortController().signal,
  });
});
after(() => ctx.close());

test("the measured default agrees with Go's rule on this machine", async () => {
  const topology = await probeTopology({ goVersion: ctx.go.version });
  const measured = await withMeasuredGoDefault(topology, ctx, process.env);
  assert.equal(measured.goDefaultNote, undefined);
  assert.equal(measured.goDefaultGomaxprocs, topology.goDefaultRule);
  assert.equal(measured.goNumCpu, topology.affinityCpus);
});

test('a go that cannot build the probe: a note, no figure, no exception', async () => {
  const topology = await probeTopology({ goVersion: ctx.go.version });
  const broken = { ...ctx, goPath: '/nonexistent/go' };
  const measured = await withMeasuredGoDefault(topology, broken, {
    ...process.env,
    XDG_CACHE_HOME: tempDir('gbtest-cache-'),
  });
  assert.equal(measured.goDefaultGomaxprocs, null);
  assert.match(
    measured.goDefaultNote ?? '',
    /^could not build the GOMAXPROCS probe with \/nonexistent\/go: /,
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recommendCandidates } from '../../src/analyze/recommend-candidates.js';
import { probeTopology } from '../../src/probe/topology.js';
import { renderRecommendation, topologyLine } from '../../src/report/recommendation.js';
import { fixturePath } from '../support/paths.js';

test('the section for a container with a CPU quota below its core count', async () => {
  const probed = await probeTopology({
    root: fixturePath('topology/container-v2-quota'),
    goVersion: 'go1.26.8',
  });
  const topology = { ...probed, goDefaultGomaxprocs: 2, goNumCpu: 8 };
  const text = renderRecommendation(
    {
      topology,
      plan: recommendCandidates(topology),
      params: ['GOMAXPROCS', 'p'],
      scenarios: [
        {
          scenarioId: 'build/hello-link',
          recommendation: {
            kind: 'keep-default',
            settings: {},
            summary: 'keep the default: no measured setting was significantly faster',
            evidence: ['default: median 1.00 s [980 ms, 1.02 s], n=10'],
          },
        },
      ],
    },
    Infinity,
  );
  assert.equal(
    text,
    [
      "topology: 8 logical CPUs, 4 cores (2 threads each), 1 socket, 1 NUMA node, CPU quota 1.5, Go's default GOMAXPROCS 2 (measured)",
      "candidates for GOMAXPROCS and p: 1 (CPU quota 1.5 rounded down); 2 = default (Go's default, measured, CPU quota 1.5 rounded up); 3 (neighbour of 2 (Go's default, measured), neighbour of 4 (physical cores)); 4 (physical cores); 5 (neighbour of 4 (physical cores)); 7 (neighbour of 8 (logical CPUs)); 8 (logical CPUs)",
      'recommendation: keep the default: no measured setting was significantly faster',
      '  default: median 1.00 s [980 ms, 1.02 s], n=10',
      '',
    ].join('\n'),
  );
});

test('an unmeasured default says which rule stands in, and why', async () => {
  const probed = await probeTopology({ root: fixturePath('topology/container-cpuset') });
  const line = topologyLine({ ...probed, goDefaultNote: 'could not build the GOMAXPROCS probe' });
  assert.match(
    line,
    /4 allowed \(affinity\), Go's default GOMAXPROCS 4 \(by its rule: could not build/,
  );
});

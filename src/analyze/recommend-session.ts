// The topology `sweep --recommend` derives its candidates from, read before anything is measured:
// sysfs and the cgroup files (probe/topology.ts) and the GOMAXPROCS the toolchain's runtime
// really picks (measure/go-default-procs.ts, in a measurement context of its own).
import { withContext } from '../measure/context.js';
import { withMeasuredGoDefault } from '../measure/go-default-procs.js';
import { probeTopology } from '../probe/topology.js';
import type { TopologyInfo } from '../record/fingerprint.js';

export interface RecommendTopologyOptions {
  /** The go binary of the sweep. */
  goPath: string;
  userEnv: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal: AbortSignal;
}

/** This machine's topology with Go's default GOMAXPROCS measured (or a note why not). */
export function topologyForRecommendation(opts: RecommendTopologyOptions): Promise<TopologyInfo> {
  return withContext(
    {
      go: opts.goPath,
      userEnv: opts.userEnv,
      overrides: {},
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    },
    async (ctx) =>
      withMeasuredGoDefault(await probeTopology({ goVersion: ctx.go.version }), ctx, opts.userEnv),
  );
}

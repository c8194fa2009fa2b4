// The GOMAXPROCS the installed Go really picks by default: native/gomaxprocs-probe/main.go,
// built with that go (own-programs.ts: private GOCACHE, never the user's; kept in gobaseline's
// cache directory per source and Go version, so only the first run pays the cold build of the
// runtime) and run without GOMAXPROCS in the measurement environment.
import { InterruptedError } from '../errors.js';
import { parseGomaxprocsProbe } from '../parse/cpu-topology.js';
import type { TopologyInfo } from '../record/fingerprint.js';
import { failureText } from './command-runner.js';
import type { MeasureContext } from './context.js';
import { buildWithGo, ensureProgram } from './own-programs.js';
import { succeeded } from './process-runner.js';

/** What the context must offer: the go binary and its version, a runner, the env, a work dir. */
export type ProbeContext = Pick<MeasureContext, 'runner' | 'goPath' | 'go' | 'env' | 'workDir'>;

/**
 * `topology` with the measured default filled in, or with a note saying why it could not be;
 * never throws but for Ctrl-C (InterruptedError).
 */
export async function withMeasuredGoDefault(
  topology: TopologyInfo,
  ctx: ProbeContext,
  userEnv: NodeJS.ProcessEnv,
): Promise<TopologyInfo> {
  const missing = (why: string): TopologyInfo => ({ ...topology, goDefaultNote: why });
  const program = await ensureProgram(
    {
      name: 'gomaxprocs-probe',
      source: 'native/gomaxprocs-probe/main.go',
      variant: ctx.go.version, // the runtime it embeds is what it reports on
      build: buildWithGo(ctx.goPath, userEnv, ctx.runner.signal),
      describeFailure: (why) => `could not build the GOMAXPROCS probe with ${ctx.goPath}: ${why}`,
    },
    userEnv,
  );
  ctx.runner.throwIfInterrupted();
  if (program.kind === 'unavailable') return missing(program.reason);
  const env = ctx.env();
  delete env.GOMAXPROCS; // the default, even when --env sets one for the measured commands
  const result = await ctx.runner.run({
    argv: [program.path],
    env,
    cwd: ctx.workDir,
    kind: 'tool',
  });
  if (result.interrupted) throw new InterruptedError();
  const out = succeeded(result) ? parseGomaxprocsProbe(result.stderr) : null;
  if (out === null) {
    return missing(
      `the GOMAXPROCS probe failed (${succeeded(result) ? 'no output' : failureText(result)})`,
    );
  }
  const measured: TopologyInfo = {
    ...topology,
    goDefaultGomaxprocs: out.gomaxprocs,
    goNumCpu: out.numCpu,
  };
  if (out.gomaxprocs !== topology.goDefaultRule) {
    measured.goDefaultNote =
      `Go picked ${out.gomaxprocs}, the rule predicts ${topology.goDefaultRule} ` +
      '(GODEBUG set, or a limit this probe does not read)';
  }
  return measured;
}

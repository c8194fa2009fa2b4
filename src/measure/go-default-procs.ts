// The GOMAXPROCS the installed Go really picks by default: a tiny program printing
// runtime.GOMAXPROCS(0) and runtime.NumCPU(), built with that go (private GOCACHE, never the
// user's) and run without GOMAXPROCS in the measurement environment. The binary is kept in
// gobaseline's cache directory per Go version, so only the first run pays the cold build of
// the runtime (it prints with println, so no package but the runtime is compiled).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import { parseGomaxprocsProbe } from '../parse/cpu-topology.js';
import type { TopologyInfo } from '../record/fingerprint.js';
import { failureText } from './command-runner.js';
import type { MeasureContext } from './context.js';
import { cacheDir } from './helper.js';
import { ensureDir } from './own-dirs.js';
import { succeeded } from './process-runner.js';

/** The probe program: the runtime alone, output on stderr (println). */
export const GOMAXPROCS_PROBE_SOURCE = `package main

import "runtime"

func main() { println("gomaxprocs", runtime.GOMAXPROCS(0), "numcpu", runtime.NumCPU()) }
`;

/** What the context must offer: the go binary and its version, a runner, private dirs, the env. */
export type ProbeContext = Pick<
  MeasureContext,
  'runner' | 'goPath' | 'go' | 'dirs' | 'env' | 'workDir'
>;

/**
 * The go.mod language line: the toolchain's own, so the program gets that release's GODEBUG
 * defaults (an older line would switch the cgroup-aware default off, as it does for old modules).
 */
export function goModFor(goVersion: string): string {
  const lang = /go(\d+\.\d+)/.exec(goVersion)?.[1];
  return `module gomaxprocsprobe\n${lang ? `\ngo ${lang}\n` : ''}`;
}

/** The cached probe binary for this toolchain, built on first use. */
async function probeBinary(ctx: ProbeContext, userEnv: NodeJS.ProcessEnv): Promise<string> {
  const digest = createHash('sha256')
    .update(`${ctx.go.version}\n${GOMAXPROCS_PROBE_SOURCE}`)
    .digest('hex')
    .slice(0, 12);
  const dir = cacheDir(userEnv);
  const target = path.join(dir, `gomaxprocs-probe-${digest}`);
  try {
    await fs.access(target, fs.constants.X_OK);
    return target;
  } catch {
    // Not built yet.
  }
  ensureDir(dir, `cache directory ${dir}`);
  const src = ctx.dirs.named('gomaxprocs-probe-src');
  await fs.writeFile(path.join(src, 'main.go'), GOMAXPROCS_PROBE_SOURCE);
  await fs.writeFile(path.join(src, 'go.mod'), goModFor(ctx.go.version));
  const env = ctx.env({
    gocache: ctx.dirs.named('gomaxprocs-probe-gocache'),
    gomodcache: ctx.dirs.named('gomaxprocs-probe-gomodcache'),
    tmpdir: ctx.dirs.named('gomaxprocs-probe-tmp'),
  });
  // A native binary whatever the user's --env asks the measured builds to target.
  for (const key of ['GOOS', 'GOARCH', 'GOFLAGS']) delete env[key];
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await ctx.runner.runOrFail({
      argv: [ctx.goPath, 'build', '-o', tmp, '.'],
      env,
      cwd: src,
      kind: 'tool',
      label: 'go build (GOMAXPROCS probe)',
    });
    await fs.rename(tmp, target); // atomic: concurrent builders both end with a whole binary
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return target;
}

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
  let binary: string;
  try {
    binary = await probeBinary(ctx, userEnv);
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    return missing(`could not build the GOMAXPROCS probe: ${(err as Error).message}`);
  }
  const env = ctx.env();
  delete env.GOMAXPROCS; // the default, even when --env sets one for the measured commands
  const result = await ctx.runner.run({ argv: [binary], env, cwd: ctx.workDir, kind: 'tool' });
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

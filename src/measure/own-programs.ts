// gobaseline's own small programs (the rusage helper, the memory-bandwidth program, the GOMAXPROCS
// probe): built once per source version from native/ into gobaseline's cache directory, the file
// named by a hash of its source, so an upgrade rebuilds it and concurrent builders both end with
// a whole binary. Go programs are built by buildWithGo, in private directories.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { controlledEnv } from './controlled-env.js';
import { ensureDir } from './own-dirs.js';
import { PrivateDirs } from './private-dirs.js';
import { complaint, failureReason, runMeasured, succeeded } from './process-runner.js';

/** Where a program came from, or why there is none. */
export type ProgramStatus =
  { kind: 'built'; path: string } | { kind: 'unavailable'; reason: string };

/** gobaseline's cache directory ($XDG_CACHE_HOME/gobaseline or ~/.cache/gobaseline). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gobaseline');
}

/** One program of our own and how to build it. */
export interface OwnProgram {
  /** The binary's name in the cache directory, before `-<hash>`. */
  name: string;
  /** Its source file, relative to the package root (e.g. `native/rusage-exec.c`). */
  source: string;
  /**
   * What else the binary depends on, hashed with the source: e.g. the `go version` whose runtime
   * it embeds, when that runtime is what it reports on.
   */
  variant?: string;
  /** Builds `source` (absolute) into `target`; throws with the reason when it cannot. */
  build(source: string, target: string): Promise<void>;
  /** Says for the user what failed, from the build error's first line. */
  describeFailure(why: string): string;
}

/** Returns the program's binary, building it first when this source version has none yet. */
export async function ensureProgram(
  program: OwnProgram,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProgramStatus> {
  const source = path.join(packageRoot, program.source);
  let code: Buffer;
  try {
    code = await fs.readFile(source);
  } catch {
    return { kind: 'unavailable', reason: `${program.name} source missing at ${source}` };
  }
  const hash = createHash('sha256').update(code);
  if (program.variant !== undefined) hash.update(`\n${program.variant}`);
  const digest = hash.digest('hex').slice(0, 12);
  const target = path.join(cacheDir(env), `${program.name}-${digest}`);
  try {
    await fs.access(target, fs.constants.X_OK);
    return { kind: 'built', path: target };
  } catch {
    // Not built yet.
  }
  try {
    ensureDir(path.dirname(target), `cache directory ${path.dirname(target)}`);
  } catch (err) {
    return { kind: 'unavailable', reason: (err as Error).message };
  }
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await program.build(source, tmp);
    await fs.rename(tmp, target); // atomic: concurrent builders both end with a whole binary
    return { kind: 'built', path: target };
  } catch (err) {
    await fs.rm(tmp, { force: true });
    const why = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    return { kind: 'unavailable', reason: program.describeFailure(why) };
  }
}

/** A cold build of a small program: about 10 s on 2 idle cores, a minute on a very busy one. */
const BUILD_TIMEOUT_MS = 5 * 60_000;

/** Variables of the user's that would make the go command build something else. */
const NOT_INHERITED = ['GOOS', 'GOARCH', 'GOEXPERIMENT', 'GOFLAGS', 'GOWORK'];

/**
 * A build step for {@link OwnProgram}: `go build` of the single source file with `goPath`, outside
 * any module (so the program gets that release's GODEBUG defaults), in a private GOCACHE and
 * GOPATH that are removed afterwards, also on Ctrl-C.
 */
export function buildWithGo(
  goPath: string,
  userEnv: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): OwnProgram['build'] {
  return async (source, target) => {
    const dirs = PrivateDirs.create();
    try {
      const env = controlledEnv(userEnv, dirs.goPaths(), { GOPATH: dirs.named('gopath') });
      for (const k of NOT_INHERITED) delete env[k];
      const r = await runMeasured(
        {
          argv: [goPath, 'build', '-trimpath', '-o', target, source],
          env,
          cwd: dirs.named('work'),
          timeoutMs: BUILD_TIMEOUT_MS,
          signal,
        },
        null,
      );
      if (!succeeded(r)) {
        throw new Error(`${failureReason(r)}: ${complaint(r.stderr) || 'no output'}`);
      }
    } finally {
      dirs.dispose();
    }
  };
}

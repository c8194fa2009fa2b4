// gobaseline's own small programs (the rusage helper, the memory-bandwidth program): built once
// per source version from native/ into gobaseline's cache directory, the file named by a hash of
// its source, so an upgrade rebuilds it and concurrent builders both end with a whole binary.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { ensureDir } from './own-dirs.js';

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
  const digest = createHash('sha256').update(code).digest('hex').slice(0, 12);
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

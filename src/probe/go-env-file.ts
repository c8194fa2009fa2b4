// The user's go env file (`go env -w` writes it) and the user's own GOCACHE, located without
// running go: any go command may write (build-cache entries for `go env -json`, telemetry),
// and gobaseline must not touch the user's directories. Rules as in cmd/go: GOENV, else
// os.UserConfigDir()/go/env; GOCACHE, else os.UserCacheDir()/go-build. Pure, apart from reading.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseGoEnvFile } from '../parse/go-env-file.js';

/** The settings of a go env file, with where it is. */
export interface GoEnvFile {
  path: string;
  settings: Record<string, string>;
}

/** Path of the user's go env file, or null when GOENV=off or there is no home. */
export function goEnvFilePath(env: NodeJS.ProcessEnv): string | null {
  if (env.GOENV !== undefined && env.GOENV !== '') return env.GOENV === 'off' ? null : env.GOENV;
  const configDir = env.XDG_CONFIG_HOME || (env.HOME ? path.join(env.HOME, '.config') : null);
  return configDir ? path.join(configDir, 'go', 'env') : null;
}

/** Reads the user's go env file; a missing file has no settings. */
export function readGoEnvFile(env: NodeJS.ProcessEnv): GoEnvFile | null {
  const file = goEnvFilePath(env);
  if (!file) return null;
  try {
    return { path: file, settings: parseGoEnvFile(readFileSync(file, 'utf8')) };
  } catch {
    return { path: file, settings: {} };
  }
}

/** The GOCACHE the user's own go commands use (env, then go env file, then the default). */
export function userGoCacheDir(env: NodeJS.ProcessEnv, file: GoEnvFile | null): string | null {
  if (env.GOCACHE) return env.GOCACHE;
  if (file?.settings.GOCACHE) return file.settings.GOCACHE;
  const cacheDir = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : null);
  return cacheDir ? path.join(cacheDir, 'go-build') : null;
}

/** The GOMODCACHE the user's own go commands use (env, go env file, GOPATH/pkg/mod, ~/go/pkg/mod). */
export function userGoModCacheDir(env: NodeJS.ProcessEnv, file: GoEnvFile | null): string | null {
  if (env.GOMODCACHE) return env.GOMODCACHE;
  if (file?.settings.GOMODCACHE) return file.settings.GOMODCACHE;
  const gopath = (env.GOPATH || file?.settings.GOPATH || '').split(path.delimiter)[0];
  if (gopath) return path.join(gopath, 'pkg', 'mod');
  return env.HOME ? path.join(env.HOME, 'go', 'pkg', 'mod') : null;
}

// The environment every measured command gets: the user's environment with the settings the
// source document fixes (CGO_ENABLED=0, GOMAXPROCS unset, GOTOOLCHAIN=local, GOFLAGS empty)
// and private GOCACHE, GOMODCACHE and TMPDIR, so the user's own directories are never written.
// GOENV=off: the go command treats an empty GOFLAGS as unset and would take the user's go env
// file value instead, so the file is not read (its settings are recorded with the run).
// The user's --env KEY=VALUE pairs are applied last. Pure.

/** Private directories the go command may write to. */
export interface PrivatePaths {
  gocache: string;
  gomodcache: string;
  tmpdir: string;
}

/** Settings fixed by default (before --env), recorded with every run. */
export const CONTROLLED_DEFAULTS: Record<string, string> = {
  CGO_ENABLED: '0',
  GOTOOLCHAIN: 'local',
  GOFLAGS: '',
  GOENV: 'off',
};

/** Variables removed from the user's environment so the runtime default applies. */
export const UNSET_BY_DEFAULT = ['GOMAXPROCS'];

/** Builds the environment for measured commands. */
export function controlledEnv(
  userEnv: NodeJS.ProcessEnv,
  paths: PrivatePaths,
  overrides: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(userEnv)) if (v !== undefined) env[k] = v;
  for (const k of UNSET_BY_DEFAULT) delete env[k];
  Object.assign(env, CONTROLLED_DEFAULTS, {
    GOCACHE: paths.gocache,
    GOMODCACHE: paths.gomodcache,
    // The go command's WORK directories go here, so a killed build leaves nothing behind.
    TMPDIR: paths.tmpdir,
  });
  Object.assign(env, overrides);
  return env;
}

/**
 * The environment for a toolchain that finds its own GOROOT: a GOROOT exported for the local go
 * would give it the wrong standard library, so it is removed unless `overrides` set one.
 */
export function withOwnGoroot(
  env: Record<string, string>,
  overrides: Record<string, string>,
): Record<string, string> {
  if ('GOROOT' in overrides) return env;
  const own = { ...env };
  delete own.GOROOT;
  return own;
}

/** The Go-related part of an environment (GO*, CGO_*, TMPDIR), for the run record. */
export function goRelevant(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(env).sort()) {
    if (/^(GO|CGO_)/.test(k) || k === 'TMPDIR') out[k] = env[k] ?? '';
  }
  return out;
}

/** Parses `KEY=VALUE`; returns null when there is no `=` or the key is not a variable name. */
export function parseEnvAssignment(text: string): [string, string] | null {
  const eq = text.indexOf('=');
  if (eq <= 0) return null;
  const key = text.slice(0, eq);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return null;
  return [key, text.slice(eq + 1)];
}

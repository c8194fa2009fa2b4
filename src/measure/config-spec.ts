// `run --config 'NAME: KEY=VALUE ...'`: one configuration as the user wrote it. UPPER-case keys
// are environment variables, lower-case keys build settings (p, ldflags, trimpath, cache, load),
// `go` the toolchain (a path or a version such as go1.27.3). Values are quoted shell-style
// (parse/words.ts). Every mistake is a one-line UsageError (exit 2). Pure.
import { UsageError } from '../errors.js';
import { splitWords } from '../parse/words.js';
import type { BuildSettings } from '../record/run-record.js';

/** A configuration before its toolchain is resolved. */
export interface ConfigSpec {
  name: string;
  env: Record<string, string>;
  build: BuildSettings;
  /** `go=`: a go binary's path or a toolchain version; absent for the run's toolchains. */
  go?: string;
}

/** The lower-case keys a configuration may set. */
export const BUILD_SETTING_KEYS = ['p', 'ldflags', 'trimpath', 'cache', 'load'] as const;

const ENV_KEY = /^[A-Z][A-Z0-9_]*$/;
/** Names appear in tables and Go benchmark names: no spaces, `@` is the toolchain suffix. */
const NAME = /^[\w.+=/,-]+$/;

function wholeNumber(key: string, value: string, min: number, where: string): number {
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UsageError(`${where}: ${key}=${value}: expected a whole number >= ${min}`);
  return Number(value);
}

/** Applies one lower-case setting to `spec`; throws for an unknown key or a malformed value. */
function applySetting(spec: ConfigSpec, key: string, value: string, where: string): void {
  switch (key) {
    case 'p':
      spec.build.p = wholeNumber(key, value, 1, where);
      return;
    case 'load':
      spec.build.load = wholeNumber(key, value, 0, where);
      return;
    case 'ldflags':
      spec.build.ldflags = value;
      return;
    case 'trimpath':
      if (value !== 'true' && value !== 'false')
        throw new UsageError(`${where}: trimpath=${value}: expected true or false`);
      spec.build.trimpath = value === 'true';
      return;
    case 'cache':
      if (value !== 'cold' && value !== 'warm')
        throw new UsageError(`${where}: cache=${value}: expected cold or warm`);
      spec.build.cache = value;
      return;
    case 'go':
      if (value === '') throw new UsageError(`${where}: go= needs a path or a version`);
      spec.go = value;
      return;
    default:
      throw new UsageError(
        `${where}: unknown setting "${key}" (environment variables are UPPER case; settings: ${BUILD_SETTING_KEYS.join(', ')}, go)`,
      );
  }
}

/** Parses one --config value. */
export function parseConfigSpec(text: string): ConfigSpec {
  const colon = text.indexOf(':');
  const name = colon < 0 ? '' : text.slice(0, colon).trim();
  if (colon < 0 || name === '')
    throw new UsageError(`--config "${text}": expected 'NAME: KEY=VALUE ...'`);
  const where = `--config ${name}`;
  if (!NAME.test(name))
    throw new UsageError(
      `${where}: a configuration name has letters, digits and . _ - + = / , only`,
    );
  const spec: ConfigSpec = { name, env: {}, build: {} };
  const seen = new Set<string>();
  const words = splitWords(text.slice(colon + 1));
  if (words.length === 0) throw new UsageError(`${where} sets nothing; give KEY=VALUE settings`);
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new UsageError(`${where}: expected KEY=VALUE, got "${word}"`);
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1);
    if (seen.has(key)) throw new UsageError(`${where} sets ${key} twice`);
    seen.add(key);
    applyKeyValue(spec, key, value, where);
  }
  return spec;
}

/** True for an environment variable's name (UPPER case), as configurations and sweeps take them. */
export function isEnvKey(key: string): boolean {
  return ENV_KEY.test(key);
}

/**
 * Applies one KEY=VALUE to `spec` (`--config`, a sweep point): an environment variable, or a
 * build setting checked and converted; `where` begins every error message.
 */
export function applyKeyValue(spec: ConfigSpec, key: string, value: string, where: string): void {
  if (isEnvKey(key)) spec.env[key] = value;
  else applySetting(spec, key, value, where);
}

/** Parses every --config value; two configurations of one name are a UsageError. */
export function parseConfigSpecs(texts: readonly string[]): ConfigSpec[] {
  const specs = texts.map(parseConfigSpec);
  const names = specs.map((s) => s.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new UsageError(`two configurations are named "${repeated}"`);
  return specs;
}

// What the doctor rules share: the fix for a go setting (a `go env -w` doctor can apply and
// undo when the setting lives in the go env file or nowhere, an `export`/`unset` the user runs
// when the OS environment sets it, since `go env -w` cannot override the environment), GOFLAGS
// split into flags, and figures worded for evidence lines. Pure.
import { formatValue } from '../record/units.js';
import type { DoctorFacts, Fix, GoEnvChange, SettingSource } from './doctor-report.js';

/** Quotes `text` for a POSIX shell when it needs it. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Where `key` is set for the user's go commands. */
export function sourceOf(facts: DoctorFacts, key: string): SettingSource {
  return facts.sources[key] ?? 'default';
}

/**
 * The fix that gives go setting `key` the value `value` (null: back to the default), where the
 * user has it: the go env file (reversible, `--apply` may run it) or the OS environment.
 */
export function settingFix(source: SettingSource, key: string, value: string | null): Fix {
  if (source === 'environment') {
    const cmd = value === null ? `unset ${key}` : `export ${shellQuote(`${key}=${value}`)}`;
    return { commands: [`${cmd}   # and remove it from your shell profile`] };
  }
  const cmd = value === null ? `go env -u ${key}` : `go env -w ${shellQuote(`${key}=${value}`)}`;
  return { commands: [cmd], goEnv: [{ key, value }] };
}

/** GOFLAGS as the go command splits it: space-separated flags. */
export function goflagsFields(goflags: string | undefined): string[] {
  return (goflags ?? '').split(/\s+/).filter((f) => f !== '');
}

/** The flag's name without dashes and value: `--count=1` → `count`. */
export function flagName(field: string): string {
  return field.replace(/^-+/, '').split('=')[0] ?? '';
}

/** GOFLAGS flags that defeat the caches when set for every command, by rule id. */
export const CACHE_DEFEATING_FLAGS: Record<string, (field: string) => boolean> = {
  'goflags-a': (x) => flagName(x) === 'a' && !/=false$/.test(x),
  'goflags-race': (x) => flagName(x) === 'race' && !/=false$/.test(x),
  'goflags-count': (x) => flagName(x) === 'count',
};

/** CPUs the go command can really use: affinity, lowered to the cgroup quota (rounded up). */
export function usableCpus(f: DoctorFacts): number {
  const c = f.cpu;
  const cpus = c.affinityCpus ?? c.logicalCpus;
  return c.quotaCpus === null ? cpus : Math.min(cpus, Math.max(1, Math.ceil(c.quotaCpus)));
}

/** A -p=N field whose N is not the usable CPU count (null when `field` is no such flag). */
export function mismatchedP(field: string, usable: number): number | null {
  if (flagName(field) !== 'p') return null;
  const p = Number(field.split('=')[1]);
  return Number.isInteger(p) && p >= 1 && p !== usable ? p : null;
}

/**
 * GOFLAGS without every flag a doctor rule objects to, so that the fixes of several GOFLAGS
 * findings agree (applying one after the other gives the same value); null when none is left.
 */
export function cleanGoflags(f: DoctorFacts): string | null {
  const usable = usableCpus(f);
  const defeats = Object.values(CACHE_DEFEATING_FLAGS);
  const kept = goflagsFields(f.goEnv.GOFLAGS).filter(
    (x) => !defeats.some((m) => m(x)) && mismatchedP(x, usable) === null,
  );
  return kept.length === 0 ? null : kept.join(' ');
}

/** Bytes for people: `12.3 GiB`. */
export function bytes(n: number): string {
  return formatValue('bytes', n);
}

/** `where (fstype, source)` for an evidence line. */
export function placeLine(
  name: string,
  storage: {
    resolvedPath: string;
    fsType: string | null;
    source: string | null;
    mountPoint: string | null;
  },
): string {
  const fs = storage.fsType ?? 'unknown filesystem';
  const on = storage.mountPoint ? ` mounted at ${storage.mountPoint}` : '';
  return `${name} ${storage.resolvedPath} is on ${fs}${storage.source ? ` (${storage.source})` : ''}${on}`;
}

/** `where` of a setting for an evidence line: `GOFLAGS=-a (go env file)`. */
export function settingLine(facts: DoctorFacts, key: string): string {
  return `${key}=${facts.goEnv[key] ?? ''} (${sourceOf(facts, key)})`;
}

/** The command that runs `change` (`go env -w KEY=VALUE` or `go env -u KEY`) as argv. */
export function goEnvArgs(change: GoEnvChange): string[] {
  return change.value === null
    ? ['env', '-u', change.key]
    : ['env', '-w', `${change.key}=${change.value}`];
}

/** How to undo `change`, given the go env file's value of its key before (undefined: unset). */
export function undoCommand(change: GoEnvChange, before: string | undefined): string {
  return before === undefined
    ? `go env -u ${change.key}`
    : `go env -w ${shellQuote(`${change.key}=${before}`)}`;
}

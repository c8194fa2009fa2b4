// Parsers for option values; each throws commander's InvalidArgumentError, worded for users.
import { InvalidArgumentError } from 'commander';
import { parseEnvAssignment } from '../measure/controlled-env.js';

/** A whole number >= min, e.g. --runs. */
export function wholeNumber(min: number): (value: string) => number {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
      throw new InvalidArgumentError(`expected a whole number >= ${min}, got "${value}"`);
    }
    return Number(value);
  };
}

/** A positive number of seconds, e.g. --timeout 90 or 1.5. */
export function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a positive number of seconds, got "${value}"`);
  }
  return n;
}

/** Collects a repeatable option; values may also be comma-separated. An empty value is refused. */
export function collectList(value: string, previous: string[] = []): string[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  // Otherwise `--scenario ''` (an unset shell variable) would quietly mean "everything".
  if (items.length === 0) throw new InvalidArgumentError(`expected a name, got "${value}"`);
  return [...previous, ...items];
}

/** Collects repeatable KEY=VALUE pairs. */
export function collectEnv(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const pair = parseEnvAssignment(value);
  if (!pair) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  return { ...previous, [pair[0]]: pair[1] };
}

/** Repeatable option without comma splitting (paths may contain commas). */
export function collectRepeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A percentage as a fraction: "2%", "2" and "0.5%" give 0.02, 0.02 and 0.005. */
export function percent(value: string): number {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(value.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!(n > 0 && n < 100))
    throw new InvalidArgumentError(`expected a percentage such as 2%, got "${value}"`);
  return n / 100;
}

/** A duration in seconds: "90", "90s", "2m", "1.5m", "1h". */
export function duration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const scale: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  const n = m ? Number(m[1]) * (scale[m[2] ?? 's'] ?? 1) : NaN;
  if (!(n > 0))
    throw new InvalidArgumentError(`expected a duration such as 60s or 2m, got "${value}"`);
  return n;
}

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

/** Collects a repeatable option; values may also be comma-separated. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
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

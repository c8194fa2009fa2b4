// The units record values are stored in, and their formatting for people: one display unit per
// row, chosen from its centre, so a row's median, CI, min and max read in the same unit. Pure.

/** Units of metric values as stored: nanoseconds, bytes, plain counts, or percent (0-100). */
export type Unit = 'ns' | 'bytes' | 'count' | 'percent';

/** A display unit: a name and the number of stored units in one of it. */
export interface DisplayUnit {
  name: string;
  scale: number;
}

const TIME: DisplayUnit[] = [
  { name: 'ns', scale: 1 },
  { name: 'µs', scale: 1e3 },
  { name: 'ms', scale: 1e6 },
  { name: 's', scale: 1e9 },
];
const SIZE: DisplayUnit[] = [
  { name: 'B', scale: 1 },
  { name: 'KiB', scale: 1024 },
  { name: 'MiB', scale: 1024 ** 2 },
  { name: 'GiB', scale: 1024 ** 3 },
];

/** Picks the largest display unit in which `value` is at least 1. */
export function displayUnitFor(unit: Unit, value: number): DisplayUnit {
  if (unit === 'count') return { name: '', scale: 1 };
  if (unit === 'percent') return { name: '%', scale: 1 };
  const ladder = unit === 'ns' ? TIME : SIZE;
  let chosen = ladder[0] as DisplayUnit;
  for (const u of ladder) if (Math.abs(value) >= u.scale) chosen = u;
  return chosen;
}

/** Formats with three significant digits (integers stay whole), e.g. 3.71, 82.1, 1234. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '-∞' : '?';
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(3);
}

/** Formats a stored value in a display unit, with the unit's name. */
export function formatIn(value: number, unit: DisplayUnit): string {
  const text = formatNumber(value / unit.scale);
  return unit.name ? (unit.name === '%' ? `${text}%` : `${text} ${unit.name}`) : text;
}

/** Formats a stored value in its own best display unit. */
export function formatValue(unit: Unit, value: number): string {
  return formatIn(value, displayUnitFor(unit, value));
}

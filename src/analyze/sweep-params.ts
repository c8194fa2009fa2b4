// `sweep --param NAME=VALUES`: the parameters of a sweep and their values, and the cartesian
// product of them as named points (`gomaxprocs=2/p=1`). NAME is an environment variable (UPPER
// case) or a build setting (`p`, `ldflags`, `trimpath`, `cache`, `load`); VALUES is a comma list
// whose items are values or integer ranges: `1..8` (step 1), `1..8+2` (1,3,5,7), `50..400*2`
// (50,100,200,400). Every mistake is a one-line UsageError (exit 2). Pure.
import { UsageError } from '../errors.js';
import { nameValue } from '../parse/bench-result.js';
import type { Configuration } from '../record/run-record.js';
import {
  applyKeyValue,
  BUILD_SETTING_KEYS,
  isEnvKey,
  type ConfigSpec,
} from '../measure/config-spec.js';

/** More values than this in one range is a typo, not a sweep (the product needs --yes at 500). */
export const MAX_RANGE_VALUES = 10_000;

/** Sweeps of more configurations than this run only with --yes. */
export const MAX_CONFIGURATIONS_WITHOUT_YES = 500;

const RANGE = /^(\d+)\.\.(\d+)(?:([+*])(\d+))?$/;

/** One swept parameter. */
export interface SweepParam {
  /** As given: `GOMAXPROCS`, `p`. */
  name: string;
  /** `env` for an environment variable, `build` for a build setting. */
  kind: 'env' | 'build';
  /** The values in the order given, ranges expanded; at least one, no repeats. */
  values: string[];
}

/** One point of the product: a value for every parameter. */
export interface SweepPoint {
  /** `gomaxprocs=2/p=1`: lower-cased names and name-safe values (parse/bench-result.ts nameValue). */
  name: string;
  /** Parameter name → value, in parameter order. */
  params: Record<string, string>;
}

/** The values of one range item `FROM..TO`, `FROM..TO+STEP` or `FROM..TO*FACTOR`. */
function expandRange(item: string, where: string): string[] {
  const m = RANGE.exec(item);
  if (!m) {
    throw new UsageError(
      `${where}: "${item}" is not a range (FROM..TO, FROM..TO+STEP or FROM..TO*FACTOR, whole numbers)`,
    );
  }
  const from = Number(m[1]);
  const to = Number(m[2]);
  const op = m[3] ?? '+';
  const by = Number(m[4] ?? 1);
  if (from > to) throw new UsageError(`${where}: range ${item} runs backwards (${from} > ${to})`);
  if (op === '+' && by < 1) throw new UsageError(`${where}: range ${item} needs a step >= 1`);
  if (op === '*' && (by < 2 || from < 1))
    throw new UsageError(`${where}: range ${item} needs a start >= 1 and a factor >= 2`);
  const values: string[] = [];
  for (let v = from; v <= to; v = op === '+' ? v + by : v * by) {
    if (values.length === MAX_RANGE_VALUES)
      throw new UsageError(`${where}: range ${item} has more than ${MAX_RANGE_VALUES} values`);
    values.push(String(v));
  }
  return values;
}

/** Splits a value list at commas; `\,` is a comma inside a value (GODEBUG=a=1\,b=2). */
function splitItems(list: string): string[] {
  return list.split(/(?<!\\),/).map((item) => item.replace(/\\,/g, ','));
}

/** Parses one --param value. */
export function parseParam(text: string): SweepParam {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text.trim() : text.slice(0, eq).trim();
  if (eq < 0 || name === '')
    throw new UsageError(`--param "${text}": expected NAME=VALUES, e.g. GOMAXPROCS=1,2,4`);
  const where = `--param ${name}`;
  let kind: SweepParam['kind'];
  if (isEnvKey(name)) kind = 'env';
  else if ((BUILD_SETTING_KEYS as readonly string[]).includes(name)) kind = 'build';
  else {
    throw new UsageError(
      `${where}: unknown parameter (environment variables are UPPER case, e.g. GOMAXPROCS; build settings: ${BUILD_SETTING_KEYS.join(', ')})`,
    );
  }
  const list = text.slice(eq + 1);
  if (list.trim() === '') throw new UsageError(`${where}: no values (give a list or a range)`);
  const values: string[] = [];
  for (const item of splitItems(list)) {
    if (item.trim() === '') throw new UsageError(`${where}: an empty value in "${list}"`);
    const expanded = item.includes('..') ? expandRange(item.trim(), where) : [item];
    for (const v of expanded) {
      if (values.includes(v)) throw new UsageError(`${where}: the value "${v}" is given twice`);
      values.push(v);
    }
  }
  return { name, kind, values };
}

/** Parses every --param; a parameter given twice is a UsageError. */
export function parseParams(texts: readonly string[]): SweepParam[] {
  const params = texts.map(parseParam);
  const names = params.map((p) => p.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new UsageError(`--param ${repeated} is given twice`);
  return params;
}

/** How many configurations the product of `params` has (1 without parameters). */
export function productSize(params: readonly SweepParam[]): number {
  return params.reduce((n, p) => n * p.values.length, 1);
}

/**
 * The cartesian product of the parameters' values in parameter order, the first parameter
 * varying slowest. More than 500 points without `yes` is a UsageError, as are two points whose
 * names coincide once values are made name-safe.
 */
export function sweepPoints(params: readonly SweepParam[], yes = false): SweepPoint[] {
  const size = productSize(params);
  if (size > MAX_CONFIGURATIONS_WITHOUT_YES && !yes) {
    throw new UsageError(
      `the sweep has ${size} configurations (more than ${MAX_CONFIGURATIONS_WITHOUT_YES}); narrow the parameters or add --yes`,
    );
  }
  let points: Record<string, string>[] = [{}];
  for (const p of params)
    points = points.flatMap((point) => p.values.map((v) => ({ ...point, [p.name]: v })));
  const out = points.map((point) => ({
    name: Object.entries(point)
      .map(([k, v]) => `${k.toLowerCase()}=${nameValue(v)}`)
      .join('/'),
    params: point,
  }));
  const names = out.map((p) => p.name);
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new UsageError(`two values of the sweep are both named ${clash}`);
  return out;
}

/** The base of every sweep: no settings at all. */
export const BASE_CONFIGURATION = 'default';

/**
 * The configurations of a sweep on `toolchain` (a Toolchain label): `default` first (no
 * settings), then one per point, each value checked and converted as `--config` does it
 * (`p=0` is a UsageError naming the parameter).
 */
export function sweepConfigurations(
  points: readonly SweepPoint[],
  toolchain: string,
): Configuration[] {
  const base: Configuration = { name: BASE_CONFIGURATION, toolchain, env: {}, build: {} };
  return [
    base,
    ...points.map((point): Configuration => {
      const spec: ConfigSpec = { name: point.name, env: {}, build: {} };
      for (const [key, value] of Object.entries(point.params))
        applyKeyValue(spec, key, value, `--param ${key}`);
      return {
        name: point.name,
        toolchain,
        env: spec.env,
        build: spec.build,
        params: point.params,
      };
    }),
  ];
}

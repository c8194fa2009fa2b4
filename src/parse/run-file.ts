// The run record in a run file's text (docs/run-schema.md), checked field by field: a record that
// passes renders in every report format and compares, so a damaged or hand-edited file is a clear
// one-line UsageError (exit 2) naming the file and the field, never a TypeError in a reporter.
// Fields no reader uses (evidence lists, tools, cgroup, ...) are not checked. A version-1 file
// (before configurations) is read as one configuration per toolchain, named by its label. Pure.
import { UsageError } from '../errors.js';
import { RUN_SCHEMA_VERSION, type Configuration, type RunRecord } from '../record/run-record.js';

/** The oldest run schema version this reader still reads (converted on reading). */
const OLDEST_READ_VERSION = 1;

/** Checks one value at a field path; throws a ShapeError when it is not what the readers need. */
type Check = (value: unknown, at: string) => void;

/** Why a value is refused: the path of the field and what it should be. */
class ShapeError extends Error {}

const fail = (at: string, what: string): never => {
  throw new ShapeError(`${at || 'the record'} should be ${what}`);
};
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, at) => void (typeof v !== 'string' && fail(at, 'a string'));
const num: Check = (v, at) =>
  void ((typeof v !== 'number' || !Number.isFinite(v)) && fail(at, 'a number'));
const bool: Check = (v, at) => void (typeof v !== 'boolean' && fail(at, 'true or false'));
const oneOf =
  (...values: readonly unknown[]): Check =>
  (v, at) =>
    void (
      !values.includes(v) && fail(at, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`)
    );
const nullable =
  (check: Check): Check =>
  (v, at) =>
    v === null ? undefined : check(v, at);
const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);
const list =
  (check: Check): Check =>
  (v, at) => {
    if (!Array.isArray(v)) fail(at, 'a list');
    (v as unknown[]).forEach((x, i) => check(x, `${at}[${i}]`));
  };
/** An object with (at least) these fields. */
const shape =
  (fields: Record<string, Check>): Check =>
  (v, at) => {
    if (!isObject(v)) fail(at, 'an object');
    const o = v as Record<string, unknown>;
    for (const [key, check] of Object.entries(fields))
      check(Object.hasOwn(o, key) ? o[key] : undefined, at ? `${at}.${key}` : key);
  };
/** An object used as a map from names to values. */
const dict =
  (check: Check): Check =>
  (v, at) => {
    if (!isObject(v)) fail(at, 'an object');
    for (const [key, x] of Object.entries(v as object)) check(x, `${at}[${JSON.stringify(key)}]`);
  };

const failure = shape({ reason: str, stderrTail: str });

const scenario = shape({
  scenarioId: str,
  toolchain: str,
  configuration: str,
  argv: list(str),
  warmup: num,
  runsRequested: num,
  samples: list(
    shape({
      seq: num,
      round: optional(num),
      position: optional(num),
      ok: bool,
      // A value JSON could not hold (NaN) is written as null; readers skip it.
      metrics: dict(nullable(num)),
      failure: optional(failure),
    }),
  ),
  setupFailure: optional(failure),
  stoppedEarly: bool,
  stopReason: optional(str),
  auto: optional(
    shape({
      stop: oneOf('ci-target', 'time-budget', 'run-budget'),
      ciHalfWidth: nullable(num),
      target: num,
    }),
  ),
  description: str,
  cache: oneOf('fresh', 'warm', 'none'),
  metrics: list(
    shape({
      key: str,
      unit: oneOf('ns', 'bytes', 'count', 'percent'),
      label: str,
      assumption: optional(oneOf('nothing', 'exact')),
    }),
  ),
});

const config = shape({
  toolchains: list(shape({ label: str, goPath: str, version: str })),
  configurations: list(shape({ name: str, toolchain: str, env: dict(str), build: shape({}) })),
  order: shape({ kind: oneOf('abba', 'shuffle') }),
  userEnv: dict(str),
  env: dict(str),
  measuredBy: oneOf('rusage-exec', 'node'),
});

const fingerprint = shape({
  os: shape({ platform: str, arch: str, distro: nullable(str) }),
  virtualization: shape({ wsl: bool, container: nullable(str), hypervisor: nullable(str) }),
  cpu: shape({ model: nullable(str), threads: num }),
  memory: shape({ totalBytes: num }),
  load: shape({ loadAvg1: num }),
  go: shape({ path: str, version: str, env: dict(str) }),
  memoryBandwidth: optional(
    shape({ copyGBps: num, triadGBps: num, measuredAt: optional(str), cached: optional(bool) }),
  ),
  storage: optional(
    list(
      shape({
        name: str,
        fsType: nullable(str),
        symlinks: list(shape({})),
        block: nullable(shape({ kind: str })),
      }),
    ),
  ),
});

const body = shape({
  id: str,
  tool: shape({ version: str }),
  startedAt: str,
  finishedAt: str,
  status: oneOf('complete', 'interrupted'),
  config,
  fingerprint,
  warnings: list(str),
  scenarios: list(scenario),
  canary: optional(
    shape({
      canaries: list(
        shape({
          name: str,
          median: num,
          ciLow: nullable(num),
          ciHigh: nullable(num),
          n: num,
          samples: list(num),
        }),
      ),
    }),
  ),
});

/**
 * Gives a version-1 record (toolchains only) its configurations in place: one per toolchain,
 * named by the label, run in ABBA order; samples keep no round or place (not recorded then).
 * Shapes it cannot upgrade are left for the checks to name.
 */
function upgradeVersion1(rec: Record<string, unknown>): void {
  const config = rec.config as Record<string, unknown> | undefined;
  if (isObject(config) && Array.isArray(config.toolchains)) {
    config.configurations ??= (config.toolchains as unknown[]).map((t): Configuration => {
      const label = isObject(t) && typeof t.label === 'string' ? t.label : '';
      return { name: label, toolchain: label, env: {}, build: {} };
    });
    config.order ??= { kind: 'abba' };
  }
  if (Array.isArray(rec.scenarios)) {
    for (const s of rec.scenarios as unknown[]) {
      if (isObject(s) && typeof s.toolchain === 'string') s.configuration ??= s.toolchain;
    }
  }
  rec.schemaVersion = RUN_SCHEMA_VERSION;
}

/** The run record in a run file's text (`file` names it in messages); UsageError when not one. */
export function parseRunFile(text: string, file: string): RunRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
  return checkRunRecord(data, file);
}

/**
 * A parsed JSON value checked as a run record (`name` names it in messages: a file, or a
 * request body, `what` says what it should be), a version-1 record upgraded in place;
 * UsageError when it is not one.
 */
export function checkRunRecord(data: unknown, name: string, what = 'run file'): RunRecord {
  const rec = data as Partial<RunRecord> | null;
  if (!isObject(rec) || rec.schema !== 'gobaseline/run')
    throw new UsageError(`${name} is not a gobaseline ${what}`);
  const version = rec.schemaVersion as unknown;
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < OLDEST_READ_VERSION ||
    version > RUN_SCHEMA_VERSION
  ) {
    throw new UsageError(
      `${name} has run schema version ${JSON.stringify(version)}; this gobaseline reads ${OLDEST_READ_VERSION} to ${RUN_SCHEMA_VERSION}`,
    );
  }
  try {
    if (version === 1) upgradeVersion1(rec);
    body(rec, '');
  } catch (err) {
    if (err instanceof ShapeError)
      throw new UsageError(`${name} is a damaged ${what}: ${err.message}`);
    throw err;
  }
  return rec as RunRecord;
}

// Parser for the go command's build action graph (`go build -debug-actiongraph=FILE`,
// cmd/go/internal/work/action.go): a JSON array of actions with their mode, package,
// dependencies, RFC 3339 timestamps and, since Go 1.26, CmdReal/CmdUser/CmdSys in ns.
// Pure: text in, data out.
import { oneLine } from '../errors.js';

/** One action of the build graph. Times are ns since the Unix epoch as bigint (RFC 3339 has ns). */
export interface BuildAction {
  id: number;
  mode: string;
  package: string;
  deps: number[];
  /** The command the action ran; null when its result came from the cache (or it runs none). */
  cmd: string[] | null;
  needBuild: boolean;
  /** The action failed, or was skipped because an action it depends on failed. */
  failed: boolean;
  timeReadyNs: bigint | null;
  timeStartNs: bigint | null;
  timeDoneNs: bigint | null;
  cmdRealNs: number | null;
  cmdUserNs: number | null;
  cmdSysNs: number | null;
}

/** The file is not an action graph the parser understands. */
export class ActionGraphParseError extends Error {
  constructor(message: string) {
    super(`malformed action graph: ${message}`);
    this.name = 'ActionGraphParseError';
  }
}

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** Parses an RFC 3339 timestamp with up to nanosecond precision to ns since the epoch. */
export function parseRfc3339Ns(text: string): bigint {
  const m = RFC3339.exec(text);
  if (!m || m[1] === undefined || m[3] === undefined) {
    throw new ActionGraphParseError(`bad timestamp ${JSON.stringify(text)}`);
  }
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) throw new ActionGraphParseError(`bad timestamp ${JSON.stringify(text)}`);
  const fraction = BigInt((m[2] ?? '').padEnd(9, '0'));
  return BigInt(ms) * 1_000_000n + fraction;
}

function optionalTime(value: unknown, field: string, id: number): bigint | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new ActionGraphParseError(`action ${id}: ${field} is not a string`);
  // The go command writes the zero time for actions that never ran.
  if (value.startsWith('0001-01-01')) return null;
  return parseRfc3339Ns(value);
}

function optionalNumber(value: unknown, field: string, id: number): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number')
    throw new ActionGraphParseError(`action ${id}: ${field} is not a number`);
  return value;
}

/** Parses the JSON text of an action graph; throws ActionGraphParseError when malformed. */
export function parseActionGraph(text: string): BuildAction[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ActionGraphParseError(oneLine((err as Error).message));
  }
  if (!Array.isArray(raw)) throw new ActionGraphParseError('top level is not an array');
  return raw.map((item: unknown, index): BuildAction => {
    if (typeof item !== 'object' || item === null) {
      throw new ActionGraphParseError(`entry ${index} is not an object`);
    }
    const a = item as Record<string, unknown>;
    if (typeof a.ID !== 'number' || typeof a.Mode !== 'string') {
      throw new ActionGraphParseError(`entry ${index} has no numeric ID and string Mode`);
    }
    const id = a.ID;
    const deps = a.Deps ?? [];
    if (!Array.isArray(deps) || !deps.every((d) => typeof d === 'number')) {
      throw new ActionGraphParseError(`action ${id}: Deps is not a list of IDs`);
    }
    const cmd = a.Cmd;
    if (
      cmd !== null &&
      cmd !== undefined &&
      !(Array.isArray(cmd) && cmd.every((c) => typeof c === 'string'))
    ) {
      throw new ActionGraphParseError(`action ${id}: Cmd is not a list of strings`);
    }
    return {
      id,
      mode: a.Mode,
      package: typeof a.Package === 'string' ? a.Package : '',
      deps: deps as number[],
      cmd: (cmd as string[] | null | undefined) ?? null,
      needBuild: a.NeedBuild === true,
      failed: a.Failed === true,
      timeReadyNs: optionalTime(a.TimeReady, 'TimeReady', id),
      timeStartNs: optionalTime(a.TimeStart, 'TimeStart', id),
      timeDoneNs: optionalTime(a.TimeDone, 'TimeDone', id),
      cmdRealNs: optionalNumber(a.CmdReal, 'CmdReal', id),
      cmdUserNs: optionalNumber(a.CmdUser, 'CmdUser', id),
      cmdSysNs: optionalNumber(a.CmdSys, 'CmdSys', id),
    };
  });
}

/** The action that compiles `pkg` (mode "build"), or undefined if the graph has none. */
export function compileActionOf(actions: BuildAction[], pkg: string): BuildAction | undefined {
  return actions.find((a) => a.mode === 'build' && a.package === pkg);
}

/**
 * Wall time of an action in ns: the compiler's own CmdReal where the go command recorded it
 * (Go 1.26+), else TimeDone - TimeStart. Null for an action that did not run.
 */
export function actionWallNs(action: BuildAction): number | null {
  if (action.cmdRealNs !== null) return action.cmdRealNs;
  if (action.timeStartNs === null || action.timeDoneNs === null) return null;
  return Number(action.timeDoneNs - action.timeStartNs);
}

/**
 * Time spent linking, in ns: the wall times of the link actions that ran, summed (one per main
 * package built). Null when no link ran (a library, or every binary came from the cache).
 */
export function linkWallNs(actions: BuildAction[]): number | null {
  let total: number | null = null;
  for (const a of actions) {
    if (a.mode !== 'link' || a.cmd === null) continue;
    const ns = actionWallNs(a);
    if (ns !== null) total = (total ?? 0) + ns;
  }
  return total;
}

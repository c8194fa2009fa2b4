// Pure parser for strace's text output: the trace lines of `strace -f -tt -T -y -o FILE`
// (unfinished/resumed pairs joined per pid) and the call-summary table of `strace -c`/`-C`,
// which strace appends to the -o file. No I/O: text in, calls out.
//
// Line forms read (pid present with -f, time with -t/-tt/-ttt, duration with -T):
//   PID  HH:MM:SS.uuuuuu NAME(ARGS) = RET [ERRNO (text)] <SECONDS>
//   PID  HH:MM:SS.uuuuuu NAME(ARGS <unfinished ...>
//   PID  HH:MM:SS.uuuuuu <... NAME resumed>REST) = RET <SECONDS>
//   PID  HH:MM:SS.uuuuuu --- SIGURG {...} ---
//   PID  HH:MM:SS.uuuuuu +++ exited with 0 +++        (or: killed by SIGKILL)
//   PID  HH:MM:SS.uuuuuu <... NAME resumed> <unfinished ...>) = ?
// The last form is strace's report of a call that its thread's exit ended before the call
// returned (strace's print_event_exit: a bare "= ?", no error, no -T time). strace counts a
// call in its -c/-C summary only when it sees the call return (count_syscall, called from
// syscall_exiting_trace), so such a call is not a call of the trace either.

import { closingParen, splitArgs, unescapeStrace } from './strace-args.js';

/** A line the parser cannot read, with its 1-based line number. */
export class StraceParseError extends Error {
  constructor(
    message: string,
    readonly lineNumber: number,
  ) {
    super(`line ${lineNumber}: ${message}`);
    this.name = 'StraceParseError';
  }
}

/** One completed system call: a single line, or an unfinished line joined with its resumption. */
export interface StraceCall {
  /** 1-based line number of the line that completed the call (the resumed line for a pair). */
  line: number;
  /** Thread id (strace's "pid" column with -f); null when the trace has no pid column. */
  pid: number | null;
  /** Start time as strace printed it (-t, -tt or -ttt), e.g. "07:20:43.098768"; null without. */
  time: string | null;
  /** System call name, e.g. "openat". */
  name: string;
  /** Top-level arguments as printed, e.g. ['AT_FDCWD</tmp>', '"/usr/local/go"', 'O_RDONLY']. */
  args: string[];
  /** The return value as printed: "3", "-1", "?", "0x7f00". */
  ret: string;
  /** The return value as a number; null for "?" and values that are not numbers. */
  retValue: number | null;
  /** Path of a returned file descriptor (-y), e.g. "/usr/local/go/src/net/url/url.go". */
  retPath: string | null;
  /** The error name for a failed call, e.g. "ENOENT"; null when the call succeeded. */
  errno: string | null;
  /** Time spent in the call as strace saw it (-T), in microseconds; null without -T. */
  durationUs: number | null;
  /** True when the call was printed as an unfinished line and a resumed line. */
  joined: boolean;
}

/** One row of strace's call summary (-c or -C). */
export interface StraceSummaryRow {
  syscall: string;
  calls: number;
  errors: number;
  /** Total time in the call, in seconds, as strace's "seconds" column. */
  seconds: number;
}

/** strace's call summary table. */
export interface StraceSummary {
  rows: StraceSummaryRow[];
  /** The "total" row's call count. */
  totalCalls: number;
}

/** A whole parsed trace. */
export interface StraceTrace {
  calls: StraceCall[];
  /** Signal delivery lines (--- SIGURG ... ---). */
  signals: number;
  /** Thread/process exit lines (+++ exited with N +++, +++ killed by SIG +++). */
  exits: number;
  /**
   * Calls that never returned because their thread ended inside them: unfinished and never
   * resumed, or resumed only by the bare "= ?" strace prints at the thread's exit. Not in
   * `calls`; strace -c does not count them either.
   */
  neverResumed: number;
  /** The summary table strace appended with -C, or null. */
  summary: StraceSummary | null;
}

// A pid has at most 10 digits (pid_max is at most 2^22): longer digit runs are not a pid.
const PREFIX =
  /^(?:(?:\[pid\s+)?(\d{1,10})\]?\s+)?(?:(\d{1,2}:\d{2}:\d{2}(?:\.\d+)?|\d+\.\d+)\s+)?/;
const UNFINISHED = ' <unfinished ...>';
const RESUMED = /^<\.\.\. ([A-Za-z0-9_]+) resumed>\s?/;
const CALL_START = /^([A-Za-z_][A-Za-z0-9_]*)\(/;
/** A result of only "= ?": strace's line for a call ended by its thread's exit. */
const ENDED_BY_EXIT = /\)\s*=\s+\?\s*$/;

interface Result {
  ret: string;
  retValue: number | null;
  retPath: string | null;
  errno: string | null;
  durationUs: number | null;
}

/** Parses what follows a call's closing parenthesis: ` = RET[<path>] [ERRNO (text)] [<secs>]`. */
function parseResult(rest: string): Result | null {
  // Hex before decimal: `0x7f00` must not read as `0` followed by junk.
  const m = /^\s*=\s+(\?|0x[0-9a-fA-F]+|-?\d+)/.exec(rest);
  if (!m) return null;
  const ret = m[1] as string;
  let tail = rest.slice(m[0].length);
  let retPath: string | null = null;
  if (tail.startsWith('<')) {
    const end = tail.indexOf('>');
    if (end < 0) return null;
    retPath = unescapeStrace(tail.slice(1, end));
    tail = tail.slice(end + 1);
  }
  // strace could not read the call's result (a ptrace error); it still counts the call.
  if (ret === '?' && /^\s+<unavailable>\s*$/.test(tail)) tail = '';
  let durationUs: number | null = null;
  const dur = /\s<(\d+(?:\.\d+)?)>\s*$/.exec(tail);
  if (dur) {
    durationUs = Math.round(Number(dur[1]) * 1e6 * 1000) / 1000;
    if (!Number.isFinite(durationUs)) return null; // hundreds of digits: damage, not a time
    tail = tail.slice(0, dur.index);
  }
  const err = /^\s+([A-Z][A-Z0-9_]+)(?:\s+\(.*\))?\s*$/.exec(tail);
  const errno = err && (ret === '-1' || ret === '?') ? (err[1] as string) : null;
  if (!err && tail.trim() !== '' && !/^\s+\(.*\)\s*$/.test(tail)) return null;
  const n = ret === '?' ? NaN : Number(ret);
  return { ret, retValue: Number.isFinite(n) ? n : null, retPath, errno, durationUs };
}

/**
 * Parses one complete call text `NAME(ARGS) = RET ...` (no pid/time prefix); null when it is not
 * one. Exposed for tests.
 */
export function parseCallText(text: string): (Result & { name: string; args: string[] }) | null {
  const m = CALL_START.exec(text);
  if (!m) return null;
  const body = text.slice(m[0].length);
  const close = closingParen(body);
  if (close < 0) return null;
  const result = parseResult(body.slice(close + 1));
  if (!result) return null;
  return { name: m[1] as string, args: splitArgs(body.slice(0, close)), ...result };
}

/** True for the first line of strace's call-summary table. */
function isSummaryHeader(line: string): boolean {
  return /^\s*% time\s+seconds\s+usecs\/call\s+calls\s+(errors\s+)?syscall\s*$/.test(line);
}

/**
 * Parses strace's call-summary table (the output of `strace -c`, or the table `-C` appends),
 * starting at its header line. Throws StraceParseError when the table is malformed or absent.
 */
export function parseStraceSummary(text: string, firstLineNumber = 1): StraceSummary {
  const lines = text.split('\n');
  const start = lines.findIndex(isSummaryHeader);
  if (start < 0) {
    throw new StraceParseError(
      'no strace call summary (a "% time  seconds  usecs/call  calls  errors syscall" header)',
      firstLineNumber,
    );
  }
  const rows: StraceSummaryRow[] = [];
  let totalCalls: number | null = null;
  for (let i = start + 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const lineNumber = firstLineNumber + i;
    if (line === '' || /^-+(\s+-+)*$/.test(line)) continue;
    const fields = line.split(/\s+/);
    const name = fields.at(-1) as string;
    const numbers = fields.slice(0, -1);
    // percent seconds usecs/call calls [errors]; the errors column is blank for no errors.
    if (
      (numbers.length !== 4 && numbers.length !== 5) ||
      !numbers.every((f) => /^\d+(\.\d+)?$/.test(f) && Number.isFinite(Number(f)))
    ) {
      throw new StraceParseError(`not a row of strace's call summary: "${line}"`, lineNumber);
    }
    const calls = Number(numbers[3]);
    if (name === 'total') {
      totalCalls = calls;
      break;
    }
    rows.push({
      syscall: name,
      calls,
      errors: numbers.length === 5 ? Number(numbers[4]) : 0,
      seconds: Number(numbers[1]),
    });
  }
  if (totalCalls === null) {
    throw new StraceParseError('the call summary has no "total" row', firstLineNumber + start);
  }
  return { rows, totalCalls };
}

interface Pending {
  text: string;
  time: string | null;
}

/**
 * Parses a whole trace written with `-o FILE` (optionally with -f, -t/-tt/-ttt, -T, -y and the
 * -C summary at its end). Unfinished calls are joined with their resumed lines per thread.
 * Throws StraceParseError, with the line number, at the first line it cannot read, at a resumed
 * line without its unfinished line, and at a second unfinished call on the same thread.
 */
export function parseStraceTrace(text: string): StraceTrace {
  const lines = text.split('\n');
  const calls: StraceCall[] = [];
  const pending = new Map<number | null, Pending>();
  let signals = 0;
  let exits = 0;
  let neverResumed = 0;
  let summary: StraceSummary | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const lineNumber = i + 1;
    if (raw.trim() === '') continue;
    if (isSummaryHeader(raw)) {
      summary = parseStraceSummary(lines.slice(i).join('\n'), lineNumber);
      break;
    }
    const prefix = PREFIX.exec(raw) as RegExpExecArray;
    const pid = prefix[1] === undefined ? null : Number(prefix[1]);
    const time = prefix[2] ?? null;
    const body = raw.slice(prefix[0].length);
    if (/^--- .* ---$/.test(body) || /^--- SIG/.test(body)) {
      signals++;
      continue;
    }
    if (/^\+\+\+ .* \+\+\+$/.test(body)) {
      exits++;
      if (pending.delete(pid)) neverResumed++;
      continue;
    }
    if (body.endsWith(UNFINISHED)) {
      if (!CALL_START.test(body)) {
        throw new StraceParseError(`unfinished line without a call: "${excerpt(raw)}"`, lineNumber);
      }
      if (pending.has(pid)) {
        throw new StraceParseError(
          `thread ${pid ?? '?'} starts a second call before the first resumed: "${excerpt(raw)}"`,
          lineNumber,
        );
      }
      pending.set(pid, { text: body.slice(0, -UNFINISHED.length), time });
      continue;
    }
    const resumed = RESUMED.exec(body);
    let callText = body;
    let callTime = time;
    let joined = false;
    if (resumed) {
      const open = pending.get(pid);
      const name = resumed[1] as string;
      if (!open || !open.text.startsWith(`${name}(`)) {
        throw new StraceParseError(
          `"${name} resumed" without an unfinished ${name} call on thread ${pid ?? '?'}`,
          lineNumber,
        );
      }
      pending.delete(pid);
      callText = open.text + body.slice(resumed[0].length);
      callTime = open.time;
      joined = true;
    }
    const call = parseCallText(callText);
    if (!call) {
      throw new StraceParseError(`not a strace line: "${excerpt(raw)}"`, lineNumber);
    }
    if (ENDED_BY_EXIT.test(callText)) {
      neverResumed++;
      continue;
    }
    calls.push({ line: lineNumber, pid, time: callTime, joined, ...call });
  }
  return { calls, signals, exits, neverResumed: neverResumed + pending.size, summary };
}

function excerpt(line: string): string {
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

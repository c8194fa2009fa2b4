// The argument lists of strace lines (`strace -f -y`): where a call's argument list ends,
// its top-level arguments, strace's string escapes, quoted paths and `fd</path>` annotations.
// Pure: text in, data out.

/**
 * Finds the index of the `)` closing a call's argument list in `text`, where `text` starts just
 * after the call's `(`. Quoted strings, -y annotations (`3</path>`, `AT_FDCWD</dir>`), comments
 * and nested brackets are skipped. Returns -1 when there is none.
 */
export function closingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = endOfQuoted(text, i);
      if (i < 0) return -1;
    } else if (c === '<' && startsAnnotation(text, i)) {
      const end = text.indexOf('>', i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Index of the closing quote of the string opening at `start`, or -1. */
function endOfQuoted(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** A -y annotation follows a file descriptor number or AT_FDCWD. */
function startsAnnotation(text: string, i: number): boolean {
  const before = text[i - 1] ?? '';
  return /[0-9]/.test(before) || text.slice(Math.max(0, i - 8), i) === 'AT_FDCWD';
}

/** Splits an argument list (without the parentheses) at its top-level commas. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = endOfQuoted(text, i);
    else if (c === '<' && startsAnnotation(text, i)) i = text.indexOf('>', i + 1);
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) + 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
    if (i < 0) break; // unterminated: keep the rest as one argument
  }
  const last = text.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}

/** Decodes strace's C-style escapes (\n, \", \\, \xNN, \NNN octal) into a UTF-8 string. */
export function unescapeStrace(text: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, '"': 34, '\\': 92 };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\' || i + 1 >= text.length) {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const next = text[i + 1] as string;
    const hex = /^x([0-9a-fA-F]{2})/.exec(text.slice(i + 1, i + 4));
    const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
    if (hex) {
      bytes.push(parseInt(hex[1] as string, 16));
      i += 3;
    } else if (oct) {
      bytes.push(parseInt(oct[0], 8) & 0xff);
      i += oct[0].length;
    } else if (next in simple) {
      bytes.push(simple[next] as number);
      i += 1;
    } else {
      bytes.push(92);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The decoded string of a quoted argument (`"..."` or `"..."...`); null when not quoted. */
export function quotedArg(arg: string | undefined): string | null {
  if (arg === undefined || !arg.startsWith('"')) return null;
  const end = endOfQuoted(arg, 0);
  if (end < 0) return null;
  return unescapeStrace(arg.slice(1, end));
}

/** A file-descriptor argument with its -y annotation: `3</path>` or `AT_FDCWD</dir>`. */
export interface FdArg {
  /** The descriptor number; null for AT_FDCWD. */
  fd: number | null;
  /** What -y printed: an absolute path, or e.g. "pipe:[1234]"; null without annotation. */
  target: string | null;
}

/** Reads an fd argument; null when `arg` is not a descriptor (e.g. a quoted path). */
export function fdArg(arg: string | undefined): FdArg | null {
  if (arg === undefined) return null;
  const m = /^(-?\d+|AT_FDCWD)(?:<(.*)>)?$/s.exec(arg);
  if (!m) return null;
  return {
    fd: m[1] === 'AT_FDCWD' ? null : Number(m[1]),
    target: m[2] === undefined ? null : unescapeStrace(m[2]),
  };
}

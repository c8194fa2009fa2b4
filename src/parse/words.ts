// Splits a command line into words the way a POSIX shell quotes them, without expanding
// anything: `ldflags='-s -w' trimpath=true` → [`ldflags=-s -w`, `trimpath=true`]. Used for
// `run --config` settings and for commands given as one string (`sweep --cmd`). Pure.
import { UsageError, oneLine } from '../errors.js';

/** Characters a backslash escapes inside double quotes (elsewhere it is kept, as in sh). */
const DOUBLE_QUOTED_ESCAPES = new Set(['"', '\\', '$', '`']);

/**
 * The words of `text`: whitespace separates words; '...' keeps everything literally; "..."
 * keeps everything but \" \\ \$ \`; a backslash outside quotes takes the next character
 * literally. An unterminated quote or a trailing backslash is a UsageError.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      continue;
    }
    word ??= '';
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new UsageError(`unterminated ' quote in: ${oneLine(text)}`);
      word += text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text.charAt(j) !== '"'; j++) {
        const d = text.charAt(j);
        if (d === '\\' && DOUBLE_QUOTED_ESCAPES.has(text.charAt(j + 1))) word += text.charAt(++j);
        else word += d;
      }
      if (j >= text.length) throw new UsageError(`unterminated " quote in: ${oneLine(text)}`);
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new UsageError(`trailing backslash in: ${oneLine(text)}`);
      word += text.charAt(++i);
    } else {
      word += c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** A word quoted so that splitWords gives it back unchanged (for messages and round trips). */
export function quoteWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

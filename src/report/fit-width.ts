// Fitting text output to a terminal's width: pick the widest table layout that fits, wrap
// prose at spaces. Pure.

/** The widest line of `text`, in characters (every character the tables use is one column). */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, [...line].length);
  return widest;
}

/**
 * Renders the candidates in order, widest layout first, and returns the first that fits in
 * `width` columns; the last one when none does.
 */
export function firstThatFits(candidates: readonly (() => string)[], width: number): string {
  let text = '';
  for (const render of candidates) {
    text = render();
    if (textWidth(text) <= width) return text;
  }
  return text;
}

/**
 * Wraps each line of `text` at spaces so that no line is wider than `width` (a single word
 * longer than that stays whole). Continuation lines start with `indent`.
 */
export function wrapText(text: string, width: number, indent = '    '): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width, indent))
    .join('\n');
}

function wrapLine(line: string, width: number, indent: string): string {
  if ([...line].length <= width) return line;
  const lead = /^ */.exec(line)?.[0] ?? '';
  const words = line.slice(lead.length).split(' ');
  const out: string[] = [];
  let current = lead;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? current + word : `${current} ${word}`;
    if (!empty && [...candidate].length > width) {
      out.push(current);
      current = lead + indent + word;
    } else {
      current = candidate;
    }
    empty = false;
  }
  out.push(current);
  return out.join('\n');
}

/**
 * Splits `parts` joined by `separator` into as few lines as fit in `width`, breaking only
 * between parts (e.g. the " · " of a one-line summary).
 */
export function joinToWidth(parts: readonly string[], separator: string, width: number): string {
  const lines: string[] = [];
  let current = '';
  for (const part of parts) {
    const candidate = current ? current + separator + part : part;
    if (current && [...candidate].length > width) {
      lines.push(current);
      current = part;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines.join('\n');
}

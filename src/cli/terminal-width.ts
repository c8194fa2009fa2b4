// How wide the text output may be: the terminal's width when writing to one, else $COLUMNS
// when set, else 80, so piped or saved output has one stable compact form.
import type { TableWidth } from '../report/terminal-table.js';

/** The width used when the output is not a terminal and $COLUMNS is not set. */
export const DEFAULT_COLUMNS = 80;

/** The width to fit, or 'wide' when the user asked for every column (--wide). */
export function outputWidth(
  wide: boolean | undefined,
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): TableWidth {
  if (wide) return 'wide';
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_COLUMNS;
}

// The figures that head an analysis, for the analyses table: the report's top-level numbers
// and short strings, and the numbers one level down (as `parent.key`). Pure.

/** At most this many figures: a headline, not a copy of the report. */
const MAX_FIGURES = 24;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The headline figures of a JSON report. */
export function analysisHeadline(report: unknown): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  if (!isObject(report)) return out;
  const add = (key: string, v: unknown, strings: boolean): void => {
    if (Object.keys(out).length >= MAX_FIGURES) return;
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
    else if (strings && typeof v === 'string' && v.length <= 80) out[key] = v;
  };
  for (const [k, v] of Object.entries(report)) add(k, v, true);
  for (const [k, v] of Object.entries(report)) {
    if (isObject(v)) for (const [k2, v2] of Object.entries(v)) add(`${k}.${k2}`, v2, false);
  }
  return out;
}

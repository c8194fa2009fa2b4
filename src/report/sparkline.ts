// A terminal sparkline: one block character per value, scaled between the series' minimum and
// maximum (▁ lowest, █ highest); missing values are a space. Optional marks (change points)
// are drawn on a second line under their value. Pure.

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** The sparkline of `values`, at most `width` characters: longer series are averaged into buckets. */
export function sparkline(values: readonly (number | null)[], width = Infinity): string {
  const cells = bucket(values, width);
  const finite = cells.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return ' '.repeat(cells.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of finite) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo;
  let out = '';
  for (const v of cells) {
    if (v === null || !Number.isFinite(v)) out += ' ';
    else {
      const level = span > 0 ? Math.round(((v - lo) / span) * (BLOCKS.length - 1)) : 3;
      out += BLOCKS[level];
    }
  }
  return out;
}

/** Where `indices` (of a series of n values) fall on a sparkline `width` wide: `^` under each. */
export function sparkMarks(n: number, indices: readonly number[], width = Infinity): string {
  const cells = Math.min(n, width);
  const marks = new Array<string>(cells).fill(' ');
  for (const i of indices) {
    const at = Math.min(cells - 1, Math.floor((i * cells) / n));
    if (at >= 0) marks[at] = '^';
  }
  return marks.join('').trimEnd();
}

/** Means of equal shares of the series, so that it fits `width` cells. */
function bucket(values: readonly (number | null)[], width: number): (number | null)[] {
  const n = values.length;
  if (n <= width) return [...values];
  const cells: (number | null)[] = [];
  for (let c = 0; c < width; c++) {
    const from = Math.floor((c * n) / width);
    const to = Math.floor(((c + 1) * n) / width);
    let sum = 0;
    let count = 0;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    cells.push(count ? sum / count : null);
  }
  return cells;
}

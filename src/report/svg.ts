// Helpers shared by the hand-written SVG charts (build-svg.ts, io-svg.ts, sweep-svg.ts): text
// escaping, label clipping, round tick steps, coordinates and the document around a chart. Pure.

/** Escapes text for SVG element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/** Shortens a label to `max` characters, keeping its end (package paths differ most there). */
export function clipLabel(label: string, max = 40): string {
  return label.length <= max ? label : `…${label.slice(label.length - max + 1)}`;
}

/** A round tick step (1, 2 or 5 times a power of ten) giving at most `maxTicks` ticks over `span`. */
export function tickStep(span: number, maxTicks = 8): number {
  if (!(span > 0)) return 1;
  const raw = span / maxTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** A coordinate as written in the document: whole numbers as they are, else one decimal. */
export function coord(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** A standalone SVG document of `width` × `height` with a white background around `body`. */
export function svgDocument(width: number, height: number, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

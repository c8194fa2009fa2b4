// Generators of damaged outside input for the parser properties (test/support/fuzz.ts): real
// captured fixtures cut, spliced, with lines dropped, repeated or moved, bytes flipped and
// nasty tokens (NUL, odd unicode, huge numbers, the format's own punctuation) put in; and JSON
// documents with a node replaced, deleted, duplicated, wrapped or turned into a string.
import fc from 'fast-check';

/** Numbers that break naive number handling. */
export const NASTY_NUMBERS: readonly string[] = [
  '0',
  '-0',
  '-1',
  '1.5',
  '.5',
  '5.',
  '1e309',
  '-1e309',
  '1e-400',
  '9007199254740993',
  '18446744073709551616',
  '9'.repeat(400),
  '0x1f',
  'NaN',
  'Infinity',
  '-Infinity',
  '+1',
  '1_000',
  '١٢٣', // Arabic-Indic digits: \d does not match them, \p{Nd} does
];

/** Tokens that break naive text handling. */
export const NASTY_TOKENS: readonly string[] = [
  ...NASTY_NUMBERS,
  '',
  '\0',
  '\uFFFD',
  '\uD800', // a lone surrogate
  '\u202E', // right-to-left override
  '\u00A0', // no-break space: \s matches it
  '\u2028', // line separator
  '\uFEFF', // byte order mark
  'é',
  '😀',
  '\r',
  '\r\n',
  '\t',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '"',
  "'",
  '\\',
  '\\x',
  '\\777',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  ':',
  '=',
  ',',
  '/',
  '-',
  '+',
  '.',
  '%',
  '#',
  '*',
  'null',
  'true',
  '__proto__',
  'constructor',
  '['.repeat(10_000),
];

/** One edit of a text; positions are taken modulo the text's length when applied. */
interface TextEdit {
  kind:
    | 'truncate'
    | 'window'
    | 'deleteRange'
    | 'deleteLine'
    | 'duplicateLine'
    | 'repeatLine'
    | 'moveLine'
    | 'splice'
    | 'flip'
    | 'insert'
    | 'number';
  at: number;
  at2: number;
  text: string;
}

/** Start and end (index of its newline, or the text's end) of the line holding `pos`. */
function lineAround(s: string, pos: number): [number, number] {
  const start = s.lastIndexOf('\n', pos - 1) + 1;
  const nl = s.indexOf('\n', pos);
  return [start, nl < 0 ? s.length : nl];
}

function applyEdit(s: string, e: TextEdit, pool: readonly string[]): string {
  const pos = e.at % (s.length + 1);
  const [a, b] = lineAround(s, pos);
  const line = `${s.slice(a, b)}\n`;
  switch (e.kind) {
    case 'truncate':
      return s.slice(0, pos);
    case 'window': {
      // Keep up to 200 lines from the line at `pos`: small inputs shrink and read well.
      let end = a;
      for (let n = e.at2 % 200; n >= 0 && end < s.length; n--) {
        const nl = s.indexOf('\n', end);
        end = nl < 0 ? s.length : nl + 1;
      }
      return s.slice(a, end);
    }
    case 'deleteRange':
      return s.slice(0, pos) + s.slice(pos + (e.at2 % 64) + 1);
    case 'deleteLine':
      return s.slice(0, a) + s.slice(b + 1);
    case 'duplicateLine':
      return s.slice(0, a) + line + s.slice(a);
    case 'repeatLine':
      return s.slice(0, a) + line.repeat(e.at2 % 500) + s.slice(a);
    case 'moveLine': {
      const rest = s.slice(0, a) + s.slice(b + 1);
      const [to] = lineAround(rest, e.at2 % (rest.length + 1));
      return rest.slice(0, to) + line + rest.slice(to);
    }
    case 'splice': {
      const from = pool[e.at2 % pool.length] ?? '';
      const start = Math.floor(e.at2 / 7) % (from.length + 1);
      return s.slice(0, pos) + from.slice(start, start + (e.at2 % 300)) + s.slice(pos);
    }
    case 'flip': {
      const c = e.text === '' ? String.fromCharCode(e.at2 % 0x10000) : e.text;
      return s.slice(0, pos) + c + s.slice(pos + 1);
    }
    case 'insert':
      return s.slice(0, pos) + e.text + s.slice(pos);
    case 'number': {
      const m = /\d+(?:\.\d+)?/g;
      m.lastIndex = pos;
      const found = m.exec(s);
      if (!found) return s;
      const n = NASTY_NUMBERS[e.at2 % NASTY_NUMBERS.length] ?? '0';
      return s.slice(0, found.index) + n + s.slice(found.index + found[0].length);
    }
  }
}

// Any UTF-16 code unit, lone surrogates included. (fast-check's own 'binary' unit builds a
// table of every code point on first use, which costs seconds per worker.)
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const asciiUnit = fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c));

/** A short string: a nasty token, a format token, or random characters. */
export function nastyText(extraTokens: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...NASTY_TOKENS, ...extraTokens),
    fc.string({ unit: codeUnit, maxLength: 8 }),
    fc.string({ unit: asciiUnit, maxLength: 8 }),
  );
}

const textEdit = (extraTokens: readonly string[]): fc.Arbitrary<TextEdit> =>
  fc.record({
    kind: fc.constantFrom<TextEdit['kind']>(
      'truncate',
      'window',
      'deleteRange',
      'deleteLine',
      'duplicateLine',
      'repeatLine',
      'moveLine',
      'splice',
      'flip',
      'insert',
      'number',
    ),
    at: fc.nat(),
    at2: fc.nat(),
    text: nastyText(extraTokens),
  });

/** Offsets at which the lines of `text` start. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Damaged versions of real captured inputs: a run of up to 60 lines of one of `fixtures` (or,
 * one time in `1 + excerptWeight`, all of it) with 1 to `maxEdits` edits, spliced with pieces
 * of any of them. `extraTokens` are the format's own keywords. Excerpts keep cases fast and
 * counterexamples short.
 */
export function mutatedText(
  fixtures: readonly string[],
  extraTokens: readonly string[] = [],
  maxEdits = 6,
  excerptWeight = 3,
): fc.Arbitrary<string> {
  const starts = fixtures.map(lineStarts);
  const excerpt = fc
    .record({
      f: fc.nat(fixtures.length - 1),
      from: fc.nat(),
      lines: fc.integer({ min: 1, max: 60 }),
    })
    .map(({ f, from, lines }) => {
      const text = fixtures[f] as string;
      const at = starts[f] as number[];
      const first = from % at.length;
      return text.slice(at[first], at[first + lines] ?? text.length);
    });
  const whole = fc.constantFrom(...fixtures);
  const base =
    excerptWeight === 0
      ? whole
      : fc.oneof({ arbitrary: excerpt, weight: excerptWeight }, { arbitrary: whole, weight: 1 });
  return fc
    .record({ base, edits: fc.array(textEdit(extraTokens), { minLength: 1, maxLength: maxEdits }) })
    .map(({ base, edits }) => edits.reduce((s, e) => applyEdit(s, e, fixtures), base));
}

/** Lines made of format tokens and random text: inputs far from any fixture. */
export function tokenSoup(tokens: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.array(nastyText(tokens), { maxLength: 12 }), { maxLength: 40 })
    .map((lines) => lines.map((words) => words.join(' ')).join('\n'));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One edit of a JSON document at the node a path of child choices leads to. */
interface JsonEdit {
  path: number[];
  op: 'replace' | 'delete' | 'duplicate' | 'wrap' | 'stringify' | 'empty';
  value: Json;
}

/** JSON values that break naive readers of a field. */
const NASTY_JSON: readonly Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  '',
  'x',
  '0',
  '2026-11-30T14:00:00Z',
  '0001-01-01T00:00:00Z',
  'x'.repeat(5000),
  [],
  {},
  [null],
  { __proto__: 1 } as Json,
];

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  path: fc.array(fc.nat(), { maxLength: 8 }),
  op: fc.constantFrom<JsonEdit['op']>(
    'replace',
    'delete',
    'duplicate',
    'wrap',
    'stringify',
    'empty',
  ),
  value: fc.oneof(
    fc.constantFrom(...NASTY_JSON),
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  ),
});

function isContainer(v: Json): v is Json[] | { [key: string]: Json } {
  return v !== null && typeof v === 'object';
}

/** The edited node's replacement, or undefined to delete it. */
function editedNode(node: Json, e: JsonEdit): Json | undefined {
  switch (e.op) {
    case 'replace':
    case 'duplicate':
      return e.value;
    case 'delete':
      return undefined;
    case 'wrap':
      return [node];
    case 'stringify':
      return isContainer(node) ? JSON.stringify(node) : String(node);
    case 'empty':
      return Array.isArray(node) ? [] : isContainer(node) ? {} : '';
  }
}

/** Applies an edit copy-on-write: only the containers along the path are copied. */
function applyJsonEdit(node: Json, e: JsonEdit, depth = 0): Json {
  const step = e.path[depth];
  const children = isContainer(node) ? Object.keys(node) : [];
  if (step === undefined || children.length === 0) return editedNode(node, e) ?? null;
  const key = children[step % children.length] as string;
  if (Array.isArray(node)) {
    const i = Number(key);
    const child = node[i] as Json;
    const last = depth === e.path.length - 1 || !isContainer(child);
    const copy = [...node];
    if (!last) copy[i] = applyJsonEdit(child, e, depth + 1);
    else if (e.op === 'duplicate') copy.splice(i, 0, child);
    else {
      const next = editedNode(child, e);
      if (next === undefined) copy.splice(i, 1);
      else copy[i] = next;
    }
    return copy;
  }
  const obj = node as { [key: string]: Json };
  const child = obj[key] as Json;
  const last = depth === e.path.length - 1 || !isContainer(child);
  const copy = { ...obj };
  if (!last) copy[key] = applyJsonEdit(child, e, depth + 1);
  else {
    const next = editedNode(child, e);
    if (next === undefined) delete copy[key];
    else copy[key] = next;
  }
  return copy;
}

/**
 * JSON documents derived from real ones (`fixtures`, parsed) by 1 to `maxEdits` edits of random
 * nodes, written as JSON text; now and then also damaged as text.
 */
export function mutatedJson(
  fixtures: readonly unknown[],
  maxEdits = 4,
  extraTokens: readonly string[] = [],
): fc.Arbitrary<string> {
  const texts = fixtures.map((f) => JSON.stringify(f, null, 1));
  const edited = fc
    .record({
      base: fc.constantFrom(...(fixtures as Json[])),
      edits: fc.array(jsonEdit, { minLength: 1, maxLength: maxEdits }),
    })
    .map(({ base, edits }) =>
      JSON.stringify(
        edits.reduce((doc, e) => applyJsonEdit(doc, e), base),
        null,
        1,
      ),
    );
  return fc.oneof(
    { arbitrary: edited, weight: 4 },
    { arbitrary: mutatedText(texts, extraTokens, 3, 0), weight: 1 },
  );
}

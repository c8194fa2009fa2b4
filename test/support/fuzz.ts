// Property-based tests of the parsers of outside input (fast-check). Every property says the same
// thing first: a parser returns a result or throws one of its documented error classes with a
// one-line message, never anything else (TypeError, RangeError, a stack overflow), and never
// hangs. Each property runs in a worker thread, so a parser stuck in an endless loop or in
// catastrophic regex backtracking is stopped and reported instead of blocking `npm test`.
//
// Runs are seeded and reproducible: GOBASELINE_FUZZ_SEED replays another seed, and
// GOBASELINE_FUZZ_RUNS scales the number of cases (e.g. 100000 for a long local session).
// A failure prints the seed, fast-check's replay path and the (shrunk) counterexample.
import { test } from 'node:test';
import { isMainThread, Worker } from 'node:worker_threads';
import fc from 'fast-check';

/** The fixed seed of `npm test`; override with GOBASELINE_FUZZ_SEED to explore. */
export const FUZZ_SEED = Number(process.env.GOBASELINE_FUZZ_SEED ?? 20261130);

/** Cases per property in `npm test` unless the property says otherwise. */
export const DEFAULT_RUNS = 2000;

/** An error class a parser documents. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** One property of one parser. `input` is generated; `parse` runs the parser on it. */
export interface ParserProperty<T = unknown, R = unknown> {
  name: string;
  input: fc.Arbitrary<T>;
  parse: (input: T) => R;
  /** The error classes the parser documents; an empty list means it never throws. */
  errors: readonly ErrorClass[];
  /** Further checks of a result (invariants, round trips); throw to fail. */
  check?: (result: R, input: T) => void;
  /** Cases to run (default {@link DEFAULT_RUNS}, scaled by GOBASELINE_FUZZ_RUNS). */
  runs?: number;
}

/** Declares a property with its input type inferred (a list of them is heterogeneous). */
export function parserProperty<T, R>(p: ParserProperty<T, R>): ParserProperty {
  return p as unknown as ParserProperty;
}

/** Cases for a property: its own count, or GOBASELINE_FUZZ_RUNS scaled from the default. */
export function runsFor(p: ParserProperty): number {
  const base = p.runs ?? DEFAULT_RUNS;
  const wanted = Number(process.env.GOBASELINE_FUZZ_RUNS);
  return Number.isInteger(wanted) && wanted > 0
    ? Math.max(1, Math.round((base * wanted) / DEFAULT_RUNS))
    : base;
}

/** The size of an input in characters (strings, or the strings inside a structured input). */
export function inputSize(input: unknown): number {
  if (typeof input === 'string') return input.length;
  if (Array.isArray(input)) return input.reduce((n: number, x) => n + inputSize(x), 0);
  if (input !== null && typeof input === 'object') return inputSize(Object.values(input));
  return 0;
}

/**
 * How long one case may run before it counts as a hang: far above what any linear parser needs
 * for an input of `size` characters, even on a loaded machine. This is a hang guard, not a
 * timing assertion: a parser is either linear-ish or stuck.
 */
export function caseBoundMs(size: number): number {
  return 10_000 + size / 10;
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.constructor.name}: ${err.message}`;
  return `a non-Error value ${JSON.stringify(err)}`;
}

/** Runs the parser on one input and applies the contract; throws to fail the case. */
export function checkCase(p: ParserProperty, input: unknown): void {
  let result: unknown;
  try {
    result = p.parse(input);
  } catch (err) {
    const documented = p.errors.some((cls) => err instanceof cls);
    if (!documented) {
      const allowed = p.errors.map((c) => c.name).join(', ') || 'nothing';
      throw new Error(`threw ${describeError(err)} (documented: ${allowed})`, { cause: err });
    }
    const message = (err as Error).message;
    if (typeof message !== 'string' || message.trim() === '' || message.includes('\n')) {
      throw new Error(`threw ${describeError(err)}: not a one-line message`, { cause: err });
    }
    return;
  }
  p.check?.(result, input);
}

/** Messages from the worker: a case starts, or the run ended. */
export type WorkerMessage =
  | { type: 'case'; index: number; size: number }
  | { type: 'done'; failure: string | null; numRuns: number };

/** What the worker is asked to run. */
export interface WorkerTask {
  moduleUrl: string;
  name: string;
  seed: number;
  numRuns: number;
}

const SHOWN = 4000;

/** The failure text of a fast-check run: seed and replay path first, the counterexample cut. */
export function failureReport(details: fc.RunDetails<[unknown]>, task: WorkerTask): string | null {
  if (!details.failed) return null;
  const cut = (s: string): string => (s.length > SHOWN ? `${s.slice(0, SHOWN)}... (cut)` : s);
  const err = details.errorInstance;
  const why = err instanceof Error ? err.message : String(err);
  const counterexample =
    details.counterexample === null ? '' : fc.stringify(details.counterexample[0]);
  return (
    `property "${task.name}" failed with seed ${details.seed} ` +
    `(replay: GOBASELINE_FUZZ_SEED=${details.seed}, path ${details.counterexamplePath}) ` +
    `after ${details.numRuns} cases, shrunk ${details.numShrinks} times\n` +
    `error: ${cut(why)}\ninput: ${cut(counterexample)}`
  );
}

function hangReport(p: ParserProperty, task: WorkerTask, index: number, size: number): string {
  let shown = '';
  if (index < task.numRuns) {
    // fast-check draws the same values for the same seed, so the hanging input can be rebuilt.
    const value = fc.sample(p.input, { seed: task.seed, numRuns: index + 1 })[index];
    const text = fc.stringify(value);
    shown = `\ninput: ${text.length > 1000 ? `${text.slice(0, 1000)}... (cut)` : text}`;
  }
  return (
    `property "${p.name}" did not finish case ${index} (${size} characters) within ` +
    `${caseBoundMs(size)} ms: the parser hangs (seed ${task.seed}, ` +
    `replay: GOBASELINE_FUZZ_SEED=${task.seed})${shown}`
  );
}

function runInWorker(p: ParserProperty, task: WorkerTask): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fuzz-worker.js', import.meta.url), { workerData: task });
    let current: { index: number; size: number; since: number } | null = null;
    let settled = false;
    const finish = (err: Error | null, numRuns = 0): void => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      void worker.terminate();
      if (err) reject(err);
      else resolve(numRuns);
    };
    const watch = setInterval(() => {
      if (current && Date.now() - current.since > caseBoundMs(current.size)) {
        finish(new Error(hangReport(p, task, current.index, current.size)));
      }
    }, 250);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'case') current = { index: m.index, size: m.size, since: Date.now() };
      else finish(m.failure === null ? null : new Error(m.failure), m.numRuns);
    });
    worker.on('error', (err) => finish(new Error(`property "${p.name}": ${describeError(err)}`)));
    worker.on('exit', (code) => finish(new Error(`fuzz worker for "${p.name}" exited ${code}`)));
  });
}

/**
 * Registers one node:test test per property of a test module; call it at the end of the
 * module with `import.meta.url`. In the worker that runs the properties it does nothing.
 */
export function fuzzTests(moduleUrl: string, properties: readonly ParserProperty[]): void {
  if (!isMainThread) return;
  for (const p of properties) {
    const numRuns = runsFor(p);
    test(`${p.name} (${numRuns} cases, seed ${FUZZ_SEED})`, { timeout: 300_000 }, async () => {
      await runInWorker(p, { moduleUrl, name: p.name, seed: FUZZ_SEED, numRuns });
    });
  }
}

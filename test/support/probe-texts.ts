// The captured /proc and /sys files of test/fixtures/probe, by kind, for the parser properties.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturePath } from './paths.js';

/** Every captured file whose name starts with `prefix` (this VM's and the variants). */
export function probeTexts(prefix: string): string[] {
  const out: string[] = [];
  for (const dir of ['probe/this-vm', 'probe/variants']) {
    for (const name of readdirSync(fixturePath(dir)).sort()) {
      if (name.startsWith(prefix))
        out.push(readFileSync(path.join(fixturePath(dir), name), 'utf8'));
    }
  }
  if (out.length === 0) throw new Error(`no probe fixture named ${prefix}*`);
  return out;
}

/** Asserts-free check that a value is null or a finite number (with the field in the message). */
export function finiteOrNull(value: number | null, what: string, min = -Infinity): void {
  if (value !== null && !(Number.isFinite(value) && value >= min)) {
    throw new Error(`${what} is ${value}`);
  }
}

// Shared helpers for the probe tests: read captured /proc and /sys text.
import fs from 'node:fs';
import { fixturePath } from '../support/paths.js';

/** Text of test/fixtures/probe/<name>. */
export function probeFixture(name: string): string {
  return fs.readFileSync(fixturePath(`probe/${name}`), 'utf8');
}

/** Absolute path of test/fixtures/probe/<name>. */
export function probeFixturePath(name: string): string {
  return fixturePath(`probe/${name}`);
}

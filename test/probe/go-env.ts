// The real Go toolchain for probe tests, with an environment that cannot touch the user's
// GOCACHE or switch toolchains: a private scratch GOCACHE, removed when the test file ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findGoOnPath } from '../../src/probe/go-toolchain.js';

/** This machine's Go; the real-toolchain tests are skipped where there is none. */
export const realGo = fs.existsSync('/usr/local/go/bin/go')
  ? '/usr/local/go/bin/go'
  : findGoOnPath(process.env.PATH);

/** A private directory for the test file's own files (removed at exit). */
export const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gobaseline-probe-'));
process.once('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

/** The process environment with GOTOOLCHAIN=local, empty GOFLAGS and the private GOCACHE. */
export function goEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GOCACHE: path.join(scratch, 'gocache'),
    ...extra,
  };
}

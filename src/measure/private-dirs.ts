// Private temporary directories for GOCACHE, GOMODCACHE, TMPDIR and workspaces.
// The user's own GOCACHE, GOMODCACHE and GOROOT are never written: every directory a
// measurement writes lives under one root that is removed afterwards, also on Ctrl-C.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import type { PrivatePaths } from './controlled-env.js';
import { stopLiveCommands } from './process-runner.js';

const live = new Set<string>();
let exitHookInstalled = false;

/** Removes a tree even where the go command left it read-only (module cache files are 0444). */
export function removeTree(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    makeWritable(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function makeWritable(dir: string): void {
  let entries: fs.Dirent[];
  try {
    fs.chmodSync(dir, 0o700);
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) makeWritable(path.join(dir, e.name));
}

/** Removes every root still alive; used on exit and on signals. */
export function removeAllPrivateDirs(): void {
  for (const root of live) {
    try {
      removeTree(root);
    } catch {
      // Best effort at exit: nothing else can be done here.
    }
    live.delete(root);
  }
}

/** A private root directory under the system temp dir, with named and fresh subdirectories. */
export class PrivateDirs {
  readonly root: string;
  private counter = 0;

  private constructor(root: string) {
    this.root = root;
  }

  /** Creates the root under `parent` (default: os.tmpdir()) and registers it for cleanup. */
  static create(parent: string = os.tmpdir()): PrivateDirs {
    let root: string;
    try {
      root = fs.mkdtempSync(path.join(parent, 'gobaseline-'));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new EnvironmentError(`cannot create a private directory in ${parent}: ${code}`);
    }
    live.add(root);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', removeAllPrivateDirs);
      // A signal Node dies of skips 'exit'. Where no command handles the signal itself (run
      // handles SIGINT and SIGTERM gracefully), remove the directories and exit as killed.
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        process.on(sig, () => {
          if (process.listenerCount(sig) > 1) return;
          stopLiveCommands();
          removeAllPrivateDirs();
          process.exit(128 + (os.constants.signals[sig] ?? 0));
        });
      }
    }
    return new PrivateDirs(root);
  }

  /** A named subdirectory, created once and reused (e.g. the shared warm GOCACHE). */
  named(name: string): string {
    const dir = path.join(this.root, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** The usual private GOCACHE, GOMODCACHE and TMPDIR for go commands, under this root. */
  goPaths(): PrivatePaths {
    return {
      gocache: this.named('gocache'),
      gomodcache: this.named('gomodcache'),
      tmpdir: this.named('tmp'),
    };
  }

  /** A new empty subdirectory each call (e.g. a cold GOCACHE for one sample). */
  fresh(prefix: string): string {
    this.counter += 1;
    const dir = path.join(this.root, `${prefix}-${this.counter}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Removes the whole root. Safe to call twice. */
  dispose(): void {
    if (!live.has(this.root)) return;
    removeTree(this.root);
    live.delete(this.root);
  }
}

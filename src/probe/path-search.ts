// Finding executables on PATH without a shell.
import fs from 'node:fs';
import path from 'node:path';

/** True when `file` is a regular file (after symlinks) that we may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of the first executable `name` in the PATH-style list `pathEnv`, or null.
 * Empty entries (which would mean the current directory) are ignored; on Windows `.exe` is added.
 */
export function findOnPath(name: string, pathEnv: string | undefined): string | null {
  return findAllOnPath(name, pathEnv)[0] ?? null;
}

/** Every executable `name` on the PATH-style list `pathEnv`, in PATH order (as `which -a`). */
export function findAllOnPath(name: string, pathEnv: string | undefined): string[] {
  if (!pathEnv) return [];
  const file = process.platform === 'win32' && !name.endsWith('.exe') ? `${name}.exe` : name;
  const found: string[] = [];
  for (const dir of pathEnv.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.resolve(dir, file);
    if (isExecutableFile(candidate) && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

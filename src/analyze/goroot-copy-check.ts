// A `cp -a` copy of GOROOT keeps symlinks as links. Where GOROOT's own entries are symlinks
// out of it (Debian and Ubuntu link src/, api/ and test/ to /usr/share/go-*), the copy would
// dangle or read the original: its figures would not be the copy's. This finds such entries.
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Entries of the copy's top level and of pkg/ that resolve outside the copy (relative paths). */
export async function symlinksOutOf(copyRoot: string): Promise<string[]> {
  const root = await fs.realpath(copyRoot);
  const out: string[] = [];
  for (const dir of ['.', 'pkg']) {
    let names: string[];
    try {
      names = await fs.readdir(path.join(root, dir));
    } catch {
      continue;
    }
    for (const name of names) {
      const entry = path.join(root, dir, name);
      if (!(await fs.lstat(entry)).isSymbolicLink()) continue;
      let target: string;
      try {
        target = await fs.realpath(entry);
      } catch {
        out.push(path.join(dir, name)); // dangling: it pointed out of the original tree
        continue;
      }
      if (target !== root && !target.startsWith(`${root}${path.sep}`))
        out.push(path.join(dir, name));
    }
  }
  return out;
}

// "Byte-for-byte unchanged" for a directory tree: every path with its mode, size, mtime and
// content hash, so a test can compare a tree before and after gobaseline ran.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Relative path -> `mode size mtime sha256` of every entry below dir (directories included). */
export function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      const content = st.isFile()
        ? createHash('sha256').update(readFileSync(p)).digest('hex')
        : st.isSymbolicLink()
          ? `-> ${readlinkSync(p)}`
          : '';
      out[path.relative(dir, p)] = `${st.mode} ${st.size} ${st.mtimeMs} ${content}`;
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** One hash over fileHashes(dir). */
export function treeDigest(dir: string): string {
  return createHash('sha256')
    .update(JSON.stringify(fileHashes(dir)))
    .digest('hex');
}

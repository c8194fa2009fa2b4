// Tolerant file reads: a missing or unreadable file is null/false, never an exception.
import fs from 'node:fs/promises';
import path from 'node:path';

/** Read a text file under `root` (an absolute path is taken relative to it); null on any error. */
export async function readText(root: string, file: string): Promise<string | null> {
  try {
    return await fs.readFile(path.join(root, file), 'utf8');
  } catch {
    return null;
  }
}

/** Like {@link readText}, trimmed, and null when empty. */
export async function readValue(root: string, file: string): Promise<string | null> {
  const text = await readText(root, file);
  const value = text?.trim() ?? '';
  return value === '' ? null : value;
}

/** Whether `file` under `root` exists (any type). */
export async function exists(root: string, file: string): Promise<boolean> {
  try {
    await fs.lstat(path.join(root, file));
    return true;
  } catch {
    return false;
  }
}

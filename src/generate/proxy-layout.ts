// The file-system module proxy (`GOPROXY=file:///DIR`, the protocol of `go help goproxy`): for
// each module version, DIR/<escaped path>/@v/ holds `list` (its versions, one a line),
// `<version>.info` (JSON with Version and Time), `<version>.mod` (its go.mod) and
// `<version>.zip`. Paths and versions are case-encoded: an upper-case letter becomes `!` and
// its lower-case form, so the layout works on case-insensitive file systems. Pure.
import { zipFiles } from './module-zip.js';

/** Case-encodes a module path or version for the proxy (`Acme` → `!acme`). */
export function escapeModulePath(text: string): string {
  return text.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** The time every generated version says it was published: fixed, so the bytes repeat. */
export const VERSION_TIME = '2024-01-01T00:00:00Z';

/** The proxy's files for one version of a module, by path below the proxy root. */
export function proxyFiles(
  modulePath: string,
  version: string,
  files: ReadonlyMap<string, string>,
): Map<string, string | Buffer> {
  const dir = `${escapeModulePath(modulePath)}/@v`;
  const v = escapeModulePath(version);
  return new Map<string, string | Buffer>([
    [`${dir}/list`, `${version}\n`],
    [`${dir}/${v}.info`, `${JSON.stringify({ Version: version, Time: VERSION_TIME })}\n`],
    [`${dir}/${v}.mod`, files.get('go.mod') ?? `module ${modulePath}\n`],
    [`${dir}/${v}.zip`, zipFiles(`${modulePath}@${version}/`, files)],
  ]);
}

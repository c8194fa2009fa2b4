// Pure parsers for /etc/os-release and /proc/version.

/** Parse os-release(5) text into its KEY=value pairs, unquoting values. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m === null) continue;
    const [, key = '', rest = ''] = m;
    out[key] = unquote(rest);
  }
  return out;
}

function unquote(value: string): string {
  const q = value[0];
  if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) {
    const inner = value.slice(1, -1);
    return q === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
  }
  return value;
}

/** The distro name to show: PRETTY_NAME, else NAME (+ VERSION), else null. */
export function distroName(osRelease: Record<string, string>): string | null {
  if (osRelease.PRETTY_NAME) return osRelease.PRETTY_NAME;
  if (osRelease.NAME) return [osRelease.NAME, osRelease.VERSION].filter(Boolean).join(' ');
  return null;
}

/** What /proc/version tells us. */
export interface ProcVersionFacts {
  /** The whole line, trimmed. */
  line: string;
  /** Kernel release (the word after "Linux version"), e.g. `5.15.153.1-microsoft-standard-WSL2`. */
  release: string | null;
  /**
   * WSL generation: 2 when the kernel is Microsoft's WSL2 kernel (`microsoft-standard`, `WSL2`),
   * 1 for WSL 1's emulated kernel (`-Microsoft`), null otherwise.
   */
  wsl: 1 | 2 | null;
}

/** Parse the /proc/version line. */
export function parseProcVersion(text: string): ProcVersionFacts {
  const line = text.trim();
  const release = /^Linux version (\S+)/.exec(line)?.[1] ?? null;
  let wsl: 1 | 2 | null = null;
  if (/WSL2|microsoft-standard/i.test(line)) wsl = 2;
  else if (/microsoft/i.test(line)) wsl = 1;
  return { line, release, wsl };
}

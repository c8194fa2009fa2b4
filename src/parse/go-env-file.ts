// Reader of the go env file (`go env -w` writes it): KEY=VALUE lines. Pure.

/** Parses KEY=VALUE lines; blank lines and lines starting with # are skipped. */
export function parseGoEnvFile(text: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) settings[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return settings;
}

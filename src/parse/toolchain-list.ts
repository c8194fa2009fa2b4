// The toolchain list a Go module proxy serves for golang.org/toolchain (`@v/list`): one version
// a line, `v0.0.1-go1.27.3.linux-amd64`. Pure.

/** Orders [major, minor, patch] triples (a missing patch, -1, sorts before .0). */
function newer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

/** The newest release (no rc or beta) for `goos`/`goarch` in `listText`, e.g. `go1.27.3`; null if none. */
export function newestToolchain(listText: string, goos: string, goarch: string): string | null {
  let best: { name: string; v: number[] } | null = null;
  for (const line of listText.split('\n')) {
    const m = /^v0\.0\.1-(go(\d+)\.(\d+)(?:\.(\d+))?)\.([a-z0-9]+)-([a-z0-9]+)$/.exec(line.trim());
    if (!m || m[5] !== goos || m[6] !== goarch) continue;
    const v = [Number(m[2]), Number(m[3]), m[4] === undefined ? -1 : Number(m[4])];
    if (best === null || newer(v, best.v)) best = { name: m[1] as string, v };
  }
  return best?.name ?? null;
}

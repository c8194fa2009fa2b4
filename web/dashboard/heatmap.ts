// The I/O hotspot heat map of an `analyze io` analysis: file-system calls of a traced build per
// area (GOROOT, GOCACHE, module cache, project, ...) and kind (open, stat, read, ...), each cell
// shaded by its share of the largest cell on a log scale. Pure (no DOM).

/** The parts of analyze/io-attribution.ts's IoAttribution the heat map reads. */
export interface AreaTallyIn {
  area: string;
  label: string;
  calls: number;
  byKind: Record<string, { calls: number; timeUs: number }>;
}

export interface HeatCell {
  kind: string;
  calls: number;
  timeUs: number;
  /** 0 (no calls) to 1 (the busiest cell), log-scaled so small areas still show. */
  heat: number;
}

export interface HeatRow {
  label: string;
  calls: number;
  cells: HeatCell[];
}

/** The kinds of call, in the report's order. */
export const kindsOf = (areas: readonly AreaTallyIn[]): string[] =>
  Object.keys(areas[0]?.byKind ?? {});

/** Rows of areas with calls, busiest first; columns in `kinds` order. */
export function heatRows(areas: readonly AreaTallyIn[], kinds: readonly string[]): HeatRow[] {
  const max = Math.max(1, ...areas.flatMap((a) => kinds.map((k) => a.byKind[k]?.calls ?? 0)));
  return areas
    .filter((a) => a.calls > 0)
    .sort((a, b) => b.calls - a.calls)
    .map((a) => ({
      label: a.label,
      calls: a.calls,
      cells: kinds.map((kind) => {
        const t = a.byKind[kind] ?? { calls: 0, timeUs: 0 };
        return {
          kind,
          calls: t.calls,
          timeUs: t.timeUs,
          heat: t.calls > 0 ? Math.log1p(t.calls) / Math.log1p(max) : 0,
        };
      }),
    }));
}

/** The cell's background: white to deep red. */
export function heatColour(heat: number): string {
  const h = Math.min(1, Math.max(0, heat));
  const g = Math.round(245 - 190 * h);
  return `rgb(${Math.round(250 - 30 * h)}, ${g}, ${g})`;
}

// What the page reads from `gobaseline serve`'s API v1 (docs/openapi.json); the types name only
// the fields the page uses.
import type { ChangePointIn, PointIn } from './chart-data.js';

export interface MachineIn {
  hash: string;
  cpuModel: string | null;
  os: string;
  arch: string;
  threads: number;
  lastRunAt: string | null;
}

/** One series of the index, with its newest point. */
export interface SeriesInfoIn {
  scenarioId: string;
  metric: string;
  unit: string;
  machine: string;
  toolchainVersion: string | null;
  configuration: string;
  points: number;
  lastRunId: string;
  lastStartedAt: string;
  lastMedian: number | null;
}

/** A series of one machine × toolchain × configuration. */
export interface SeriesGroupIn {
  machine: string;
  toolchainVersion: string | null;
  configuration: string;
  unit: string;
  points: (PointIn & { runId: string; n: number; failed: number })[];
  changePoints: (ChangePointIn & { runId: string })[];
}

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

const query = (params: Record<string, string>): string => new URLSearchParams(params).toString();

export const api = {
  machines: () => get<{ machines: MachineIn[] }>('/api/v1/machines').then((r) => r.machines),
  seriesIndex: () => get<{ series: SeriesInfoIn[] }>('/api/v1/series-index').then((r) => r.series),
  /** The groups of a series on one machine, or on every machine; none when nothing is stored. */
  series: async (scenario: string, metric: string, machine?: string) => {
    const res = await fetch(
      `/api/v1/series?${query({ scenario, metric, ...(machine ? { machine } : {}) })}`,
    );
    if (res.status === 404) return [];
    if (!res.ok) throw new Error(`/api/v1/series: HTTP ${res.status}`);
    return ((await res.json()) as { groups: SeriesGroupIn[] }).groups;
  },
};

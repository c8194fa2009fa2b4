// What /metrics exposes: the newest figure of every stored series in base units (seconds,
// bytes, ratios), the build cache hit ratio of the newest `analyze build`/`analyze cache` per
// machine, the regressions the series stand at, per machine the time of its newest run, and
// this instance's own request and ingest counters. The stored figures are the same from every
// instance on one database; the counters are per instance, as Prometheus expects.
import type { MetricFamily, MetricSample } from '../report/prometheus.js';
import type { RunStore, SeriesInfo, StoredMachine } from '../store/store.js';
import type { ApiRegression } from './series-view.js';

/** A stored metric key's family: wall time, CPU time, peak RSS by name; others by unit. */
interface FamilySpec {
  name: string;
  help: string;
  /** Multiplies the stored value into the family's base unit. */
  scale: number;
  /** The stored metric key as a label, for the families that hold several. */
  metricLabel: boolean;
}

const NAMED: Record<string, FamilySpec> = {
  wallNs: {
    name: 'gobaseline_scenario_seconds',
    help: 'Wall time of a scenario in its newest stored run (stat="median": the median of its samples).',
    scale: 1e-9,
    metricLabel: false,
  },
  userNs: {
    name: 'gobaseline_scenario_user_cpu_seconds',
    help: 'User CPU time of a scenario in its newest stored run.',
    scale: 1e-9,
    metricLabel: false,
  },
  sysNs: {
    name: 'gobaseline_scenario_system_cpu_seconds',
    help: 'System CPU time of a scenario in its newest stored run.',
    scale: 1e-9,
    metricLabel: false,
  },
  peakRssBytes: {
    name: 'gobaseline_scenario_peak_rss_bytes',
    help: 'Peak resident set size of the process tree of a scenario in its newest stored run.',
    scale: 1,
    metricLabel: false,
  },
};

const BY_UNIT: Record<string, FamilySpec> = {
  ns: {
    name: 'gobaseline_scenario_metric_seconds',
    help: 'Other time figures of a scenario (label metric: the stored key) in its newest stored run.',
    scale: 1e-9,
    metricLabel: true,
  },
  bytes: {
    name: 'gobaseline_scenario_metric_bytes',
    help: 'Other size figures of a scenario (label metric: the stored key) in its newest stored run.',
    scale: 1,
    metricLabel: true,
  },
  percent: {
    name: 'gobaseline_scenario_metric_ratio',
    help: 'Shares of a scenario (label metric: the stored key) in its newest stored run, as a ratio.',
    scale: 0.01,
    metricLabel: true,
  },
  count: {
    name: 'gobaseline_scenario_metric',
    help: 'Counts of a scenario (label metric: the stored key) in its newest stored run.',
    scale: 1,
    metricLabel: true,
  },
};

/** The toolchain label: the `go version` line without its `go version ` prefix. */
export const toolchainLabel = (version: string | null): string =>
  (version ?? 'unknown').replace(/^go version /, '');

function seriesLabels(s: {
  scenarioId: string;
  machine: string;
  toolchainVersion: string | null;
  configuration: string;
}): Record<string, string> {
  return {
    scenario: s.scenarioId,
    machine: s.machine,
    toolchain: toolchainLabel(s.toolchainVersion),
    configuration: s.configuration,
  };
}

/** The newest figure of every series, grouped into families. */
export function seriesFamilies(series: readonly SeriesInfo[]): MetricFamily[] {
  const families = new Map<string, MetricFamily>();
  for (const s of series) {
    const spec = NAMED[s.metric] ?? BY_UNIT[s.unit];
    if (!spec || s.lastMedian === null) continue;
    let family = families.get(spec.name);
    if (!family) {
      family = { name: spec.name, help: spec.help, type: 'gauge', samples: [] };
      families.set(spec.name, family);
    }
    family.samples.push({
      labels: {
        ...seriesLabels(s),
        ...(spec.metricLabel ? { metric: s.metric } : {}),
        stat: 'median',
      },
      value: s.lastMedian * spec.scale,
    });
  }
  return [...families.values()];
}

/** Regression gauges: per series standing at a regression its size, and the number of them. */
export function regressionFamilies(regressions: readonly ApiRegression[]): MetricFamily[] {
  const active = regressions.filter((r) => r.active);
  return [
    {
      name: 'gobaseline_regressions',
      help: 'Series whose newest change point is a regression (they stand at a worse level).',
      type: 'gauge',
      samples: [{ labels: {}, value: active.length }],
    },
    {
      name: 'gobaseline_regression_change_ratio',
      help: 'Size of the regression a series stands at: the level after its newest change point over the level before, minus 1.',
      type: 'gauge',
      samples: active.map((r) => ({
        labels: { ...seriesLabels(r), metric: r.metric, run_id: r.runId },
        value: r.sizePct / 100,
      })),
    },
  ];
}

/** Per machine: stored runs and the start of its newest. */
export function machineFamilies(machines: readonly StoredMachine[]): MetricFamily[] {
  const withRuns = machines.filter((m) => m.lastRunAt !== null);
  return [
    {
      name: 'gobaseline_machine_last_run_timestamp_seconds',
      help: 'Start of the newest stored run of a machine, in seconds since the Unix epoch.',
      type: 'gauge',
      samples: withRuns.map((m) => ({
        labels: { machine: m.hash },
        value: Date.parse(m.lastRunAt!) / 1000,
      })),
    },
    {
      name: 'gobaseline_machine_stored_runs',
      help: 'Runs stored for a machine.',
      type: 'gauge',
      samples: machines.map((m) => ({ labels: { machine: m.hash }, value: m.runs })),
    },
  ];
}

/** The build cache hit ratio of the newest `analyze build` and `analyze cache` per machine. */
export async function cacheFamilies(store: RunStore): Promise<MetricFamily[]> {
  const samples: MetricSample[] = [];
  for (const topic of ['build', 'cache']) {
    const seen = new Set<string>();
    for (const a of await store.listAnalyses(topic)) {
      const machine = a.machine ?? 'unknown';
      if (seen.has(machine)) continue; // newest first: the first per machine is the newest
      const report = a.report as { analysis?: { cache?: { hitRate?: unknown } } } | null;
      const rate = report?.analysis?.cache?.hitRate;
      if (typeof rate !== 'number' || !Number.isFinite(rate)) continue;
      seen.add(machine);
      samples.push({ labels: { machine, analysis: topic }, value: rate });
    }
  }
  return [
    {
      name: 'gobaseline_build_cache_hit_ratio',
      help: 'Share of compile actions served from the build cache in the newest analyze build or analyze cache of a machine.',
      type: 'gauge',
      samples,
    },
  ];
}

/** This instance's own counters, since it started. */
export class ServerCounters {
  private readonly requests = new Map<string, { labels: Record<string, string>; n: number }>();
  private readonly ingested = { stored: 0, duplicate: 0 };

  request(method: string, route: string, code: number): void {
    const key = `${method} ${route} ${code}`;
    const entry = this.requests.get(key) ?? {
      labels: { method, route, code: String(code) },
      n: 0,
    };
    entry.n++;
    this.requests.set(key, entry);
  }

  ingest(stored: boolean): void {
    this.ingested[stored ? 'stored' : 'duplicate']++;
  }

  families(): MetricFamily[] {
    return [
      {
        name: 'gobaseline_http_requests_total',
        help: 'HTTP requests this serve instance answered, by method, route and status code.',
        type: 'counter',
        samples: [...this.requests.values()].map((e) => ({ labels: e.labels, value: e.n })),
      },
      {
        name: 'gobaseline_ingested_runs_total',
        help: 'Runs pushed to this serve instance: stored, or already stored (duplicate).',
        type: 'counter',
        samples: [
          { labels: { result: 'stored' }, value: this.ingested.stored },
          { labels: { result: 'duplicate' }, value: this.ingested.duplicate },
        ],
      },
    ];
  }
}

// The scenario catalogue and suites: the source document's chapter-1 measurements, made precise.
import type { BuildFlagSetting, MetricSpec, Scenario } from './types.js';

/** The go build commands take -p, -ldflags and -trimpath. */
const BUILD_FLAGS: BuildFlagSetting[] = ['p', 'ldflags', 'trimpath'];

const NET_HTTP_COMPILE: MetricSpec = {
  key: 'pkgCompileNs',
  unit: 'ns',
  label: 'net/http compile action',
};
const SELF_HWM: MetricSpec = {
  key: 'selfPeakRssBytes',
  unit: 'bytes',
  label: "program's own peak RSS (VmHWM)",
};
const LINK: MetricSpec = { key: 'linkNs', unit: 'ns', label: 'link action' };
const BINARY_SIZE: MetricSpec = {
  key: 'binarySizeBytes',
  unit: 'bytes',
  label: 'binary size',
  assumption: 'exact',
};
const GC_METRICS: MetricSpec[] = [
  { key: 'gcCycles', unit: 'count', label: 'GC cycles' },
  { key: 'stwPauseTotalNs', unit: 'ns', label: 'STW pause total' },
  { key: 'stwPauseP99Ns', unit: 'ns', label: 'STW pause p99' },
  { key: 'gcCpuPercent', unit: 'percent', label: 'GC CPU' },
  { key: 'peakHeapBytes', unit: 'bytes', label: 'peak heap' },
  { key: 'maxHeapGoalBytes', unit: 'bytes', label: 'heap goal (max)' },
];

const NET_HTTP_NOTE =
  "the document's 1.89 s matches compiling the net/http package alone; a cold full build also compiles the runtime and every dependency";

/** Every scenario, in the order suites run them. */
export const SCENARIOS: Scenario[] = [
  {
    id: 'startup/go-version',
    description: '`go version`: start-up of the go command',
    cache: 'none',
    argv: ['{go}', 'version'],
    extractors: [],
    metrics: [],
    defaultWarmup: 3,
    defaultRuns: 20,
    references: [
      {
        referenceKey: 'startup.go-version.wall',
        metricKey: 'wallNs',
        note: 'the document averaged 3 runs after a cold one; here: median of the counted runs after warm-ups',
      },
    ],
  },
  {
    id: 'startup/go-env',
    description: '`go env GOROOT`: start-up including GOROOT resolution and validation',
    cache: 'none',
    argv: ['{go}', 'env', 'GOROOT'],
    extractors: [],
    metrics: [],
    defaultWarmup: 3,
    defaultRuns: 20,
  },
  {
    id: 'build/net-http-warm',
    description: '`go build -o /dev/null net/http` against a warmed private GOCACHE (no-op build)',
    cache: 'warm',
    argv: ['{go}', 'build', '-o', '/dev/null', 'net/http'],
    buildSettings: BUILD_FLAGS,
    extractors: [],
    metrics: [],
    defaultWarmup: 2,
    defaultRuns: 10,
  },
  {
    id: 'build/net-http-pkg',
    description:
      'cold `go build -o /dev/null net/http` (fresh private GOCACHE); reports the net/http compile action from -debug-actiongraph',
    cache: 'fresh',
    argv: ['{go}', 'build', '-o', '/dev/null', '-debug-actiongraph={actiongraph}', 'net/http'],
    buildSettings: BUILD_FLAGS,
    extractors: ['net-http-compile-action'],
    metrics: [NET_HTTP_COMPILE],
    defaultWarmup: 0,
    defaultRuns: 3,
    references: [
      { referenceKey: 'build.net-http.wall', metricKey: 'pkgCompileNs', note: NET_HTTP_NOTE },
    ],
  },
  {
    id: 'build/net-http-cold',
    description:
      '`go build -o /dev/null net/http` with a fresh, empty, private GOCACHE per run (full cold build)',
    cache: 'fresh',
    argv: ['{go}', 'build', '-o', '/dev/null', 'net/http'],
    buildSettings: BUILD_FLAGS,
    extractors: [],
    metrics: [],
    defaultWarmup: 0,
    defaultRuns: 5,
  },
  {
    id: 'build/hello-link',
    description:
      'build and link a hello-world binary against a warm private GOCACHE: link time (from -debug-actiongraph), binary size',
    cache: 'warm',
    workspace: 'hello',
    argv: ['{go}', 'build', '-o', '{out}/hello', '-debug-actiongraph={actiongraph}', '.'],
    buildSettings: BUILD_FLAGS,
    extractors: ['link-action', 'binary-size'],
    metrics: [LINK, BINARY_SIZE],
    defaultWarmup: 2,
    defaultRuns: 10,
  },
  {
    id: 'build/hello-cold',
    description:
      'cold build and link of a hello-world binary, a fresh, empty, private GOCACHE per run (the runtime and fmt compiled): wall, link time, binary size',
    cache: 'fresh',
    workspace: 'hello',
    argv: ['{go}', 'build', '-o', '{out}/hello', '-debug-actiongraph={actiongraph}', '.'],
    buildSettings: BUILD_FLAGS,
    extractors: ['link-action', 'binary-size'],
    metrics: [LINK, BINARY_SIZE],
    defaultWarmup: 0,
    defaultRuns: 5,
  },
  {
    id: 'run/empty',
    description:
      "`go run .` of an empty program: peak RSS of the go run tree and the program's own VmHWM",
    cache: 'warm',
    workspace: 'empty',
    argv: ['{go}', 'run', '.'],
    extractors: ['self-vmhwm'],
    metrics: [SELF_HWM],
    defaultWarmup: 2,
    defaultRuns: 10,
    references: [
      {
        referenceKey: 'run.empty.maxrss',
        metricKey: 'selfPeakRssBytes',
        note: "the program's own VmHWM in MiB, as the document read it; the go run tree's peak is larger",
      },
    ],
  },
  {
    id: 'runtime/gc',
    description:
      'an allocation-heavy program under GODEBUG=gctrace=1: GC cycles, STW pauses, GC CPU, peak heap',
    cache: 'none',
    workspace: 'gcalloc',
    setup: [['{go}', 'build', '-o', '{ws}/gcalloc', '.']],
    argv: ['{ws}/gcalloc'],
    env: { GODEBUG: 'gctrace=1' },
    extractors: ['gctrace'],
    metrics: GC_METRICS,
    defaultWarmup: 1,
    defaultRuns: 10,
  },
];

/** A named list of scenarios, optionally with their own run counts. */
export interface Suite {
  id: string;
  description: string;
  scenarios: string[];
  /** Per-scenario run counts overriding the scenario defaults for this suite. */
  runs?: Record<string, number>;
}

export const SUITES: Suite[] = [
  {
    id: 'quick',
    description: 'the default: every chapter-1 figure once, about 2 minutes on 2 cores',
    scenarios: [
      'startup/go-version',
      'startup/go-env',
      'build/net-http-warm',
      'build/net-http-pkg',
      'build/hello-link',
      'run/empty',
      'runtime/gc',
    ],
  },
  {
    id: 'standard',
    description:
      'every scenario with more runs, including full cold builds (about 4-5 minutes on 2 cores)',
    scenarios: SCENARIOS.map((s) => s.id),
    runs: {
      'startup/go-version': 40,
      'startup/go-env': 40,
      'build/net-http-warm': 20,
      'build/net-http-pkg': 5,
      'build/hello-link': 20,
      'run/empty': 20,
      'runtime/gc': 20,
    },
  },
];

/** Returns the scenario with this id, or undefined. */
export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** Returns the suite with this id, or undefined. */
export function findSuite(id: string): Suite | undefined {
  return SUITES.find((s) => s.id === id);
}

/**
 * A metric's statistical assumption by name: the record's own, else the catalogue's (run
 * records written before metrics carried one), else `nothing`.
 */
export function metricAssumption(spec: MetricSpec): 'nothing' | 'exact' {
  const known = SCENARIOS.flatMap((s) => s.metrics).find((m) => m.key === spec.key);
  return spec.assumption ?? known?.assumption ?? 'nothing';
}

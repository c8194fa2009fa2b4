// What `sweep --recommend` reports (in the sweep's JSON as `recommendation`): the topology it
// read, the candidate values with their reasons, and per scenario the recommendation with the
// measured evidence. Types only.
import type { TopologyInfo } from '../record/fingerprint.js';

/** One value to measure and why it is on the list. */
export interface Candidate {
  value: number;
  /** Each fact of the topology that put it there, e.g. `physical cores`. */
  reasons: string[];
  /** True for the value Go uses when nothing is set: the `default` configuration measures it. */
  isDefault: boolean;
}

/** What to measure: the same values serve GOMAXPROCS and -p (whose default is GOMAXPROCS). */
export interface CandidatePlan {
  /** Go's default GOMAXPROCS (measured, else by its rule), which is also the default -p. */
  defaultValue: number;
  /** Ascending, distinct, within [1, logical CPUs]. */
  candidates: Candidate[];
  /** What the topology leaves unsaid (e.g. no sysfs core count), one line each. */
  notes: string[];
}

/** What to do, and the measurements that say so. */
export interface Recommendation {
  /** change: a measured setting beat the default; keep-default: none did; unmeasured: no default. */
  kind: 'change' | 'keep-default' | 'unmeasured';
  /** The recommended configuration's settings (empty to keep the default). */
  settings: Record<string, string>;
  /** One line for people, e.g. `set GOMAXPROCS=4: 12.3% faster than the default`. */
  summary: string;
  /** The figures behind it, one line each, the default first. */
  evidence: string[];
}

/** One scenario's recommendation. */
export interface ScenarioRecommendation {
  scenarioId: string;
  recommendation: Recommendation;
}

/** Everything `sweep --recommend` adds to a sweep. */
export interface RecommendationReport {
  /** The topology the candidates come from (Go's default measured where it could be). */
  topology: TopologyInfo;
  plan: CandidatePlan;
  /** The swept settings: GOMAXPROCS, and p where every scenario builds with go build. */
  params: string[];
  scenarios: ScenarioRecommendation[];
}

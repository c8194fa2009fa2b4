// `check`'s judgement of one run, scenario by scenario and metric by metric, against the
// stored figures (medians by default) of earlier runs of the same machine, toolchain and configuration (the rule is
// stats/history-baseline.ts). Where a drift canary gives each run a machine-speed factor, the
// figures are also judged relative to it, so that a slower machine is told from a slower Go.
// Pure: the CLI gathers the history.

import { detectChangePoints } from '../stats/change-points.js';
import {
  DEFAULT_BASELINE_RULE,
  MIN_BASELINE_RUNS,
  driftBand,
  judgeAgainstHistory,
  type BaselineJudgement,
  type BaselineRule,
} from '../stats/history-baseline.js';

/** One earlier run's figure (stats/history-baseline.ts runFigure) of a checked metric, with the canary's speed factor if known. */
export interface EarlierPoint {
  runId: string;
  startedAt: string;
  value: number;
  /** The machine's speed factor in that run (canary time relative to a reference); null if unknown. */
  speed: number | null;
}

/** One scenario × configuration × metric of the new run, with its history. */
export interface CheckInput {
  scenarioId: string;
  configuration: string;
  metric: string;
  unit: string;
  /** The new run's figure (its median unless check was asked for another). */
  value: number;
  /** The new run's speed factor, or null. */
  speed: number | null;
  /** Earlier runs, oldest first. */
  earlier: EarlierPoint[];
}

/** Worst first: a regression the canary does not explain fails the check. */
export type CheckStatus = 'regression' | 'machine' | 'too-short' | 'improvement' | 'ok';

export interface CheckItem extends Omit<CheckInput, 'earlier'> {
  status: CheckStatus;
  raw: BaselineJudgement;
  /** The same judgement on values divided by the speed factor, when every run has one. */
  relative: BaselineJudgement | null;
  /**
   * The new run's speed factor judged against the same earlier runs' factors, by the same
   * rule: 'regression' is a machine slower than its run-to-run band, 'improvement' a faster
   * one. Null when a run has no canary.
   */
  machine: BaselineJudgement | null;
}

export interface CheckOutcome {
  items: CheckItem[];
  /** True when some item is a regression (or, with `strict`, a baseline too short). */
  failed: boolean;
}

/**
 * Whether the figure relative to the canary is the one to judge: where the canary helps. It
 * helps when dividing by it narrowed the run-to-run band (the canary followed the drift of the
 * earlier runs), or when the machine itself moved beyond the canary's own band (then only the
 * relative figure can tell Go from the machine). Otherwise dividing by a canary adds its own
 * noise and the raw judgement stands.
 */
function canaryHelps(
  raw: BaselineJudgement,
  relative: BaselineJudgement | null,
  machine: BaselineJudgement | null,
): relative is BaselineJudgement {
  if (!relative || relative.verdict === 'too-short') return false;
  const moved = machine?.verdict === 'regression' || machine?.verdict === 'improvement';
  return moved || (relative.band ?? Infinity) < (raw.band ?? Infinity);
}

/** The verdict, judged relative to the canary where it helps (see canaryHelps). */
function status(
  raw: BaselineJudgement,
  relative: BaselineJudgement | null,
  machine: BaselineJudgement | null,
): CheckStatus {
  if (raw.verdict === 'too-short') return 'too-short';
  if (!canaryHelps(raw, relative, machine)) return raw.verdict;
  // Slower relative to the machine: Go's regression, even where a faster machine hid it raw.
  if (relative.verdict === 'regression') return 'regression';
  // Slower raw only: the machine slowed down as much; not Go's regression.
  if (raw.verdict === 'regression') return 'machine';
  return raw.verdict;
}

/**
 * The earlier runs since the last level change among them (stats/change-points.ts), when at
 * least MIN_BASELINE_RUNS follow it: a baseline straddling an accepted step would be both
 * wrong in level and wide in band.
 */
export function sinceLastChange(earlier: readonly EarlierPoint[]): EarlierPoint[] {
  const found = detectChangePoints(
    earlier.map((p) => p.value),
    { seasonal: false },
  ).findings;
  const last = found.at(-1);
  const tail = last ? earlier.slice(last.index) : earlier;
  return tail.length >= MIN_BASELINE_RUNS ? [...tail] : [...earlier];
}

/**
 * The share of a machine's move that its canary does not explain: dividing by the canary cut
 * the spread of `go version` between rounds to a third here (docs/benchmarks.md, "Drift
 * canaries"). A figure relative to the canary is therefore uncertain by about a third of the
 * machine's own move, which the earlier runs (taken on a steadier machine) cannot show: the
 * relative band is widened by it, so a machine three times slower does not turn the canary's
 * leftover error into a regression of Go, while a Go slower on a steady machine is judged as
 * before.
 */
export const CANARY_UNEXPLAINED = 1 / 3;

/** Judges every input; with `strict`, a too-short baseline fails too. */
export function checkAgainstHistory(
  inputs: readonly CheckInput[],
  options: { rule?: Partial<BaselineRule>; strict?: boolean } = {},
): CheckOutcome {
  const rule = { ...DEFAULT_BASELINE_RULE, ...options.rule };
  const items = inputs.map(({ earlier, ...input }): CheckItem => {
    const window = sinceLastChange(earlier).slice(-rule.window);
    const raw = judgeAgainstHistory(
      input.value,
      window.map((p) => p.value),
      rule,
    );
    const speeds = window.map((p) => p.speed);
    const withCanary =
      input.speed !== null && input.speed > 0 && speeds.every((s) => s !== null && s > 0);
    const machine = withCanary
      ? judgeAgainstHistory(
          input.speed as number,
          speeds.map((s) => s as number),
          { ...rule, largerIsWorse: true },
        )
      : null;
    const machineMove = machine?.change == null ? 0 : Math.abs(Math.log1p(machine.change));
    const relative = withCanary
      ? judgeAgainstHistory(
          input.value / (input.speed as number),
          window.map((p) => p.value / (p.speed as number)),
          rule,
          CANARY_UNEXPLAINED * machineMove,
        )
      : null;
    return { ...input, status: status(raw, relative, machine), raw, relative, machine };
  });
  const failed = items.some(
    (i) => i.status === 'regression' || (options.strict === true && i.status === 'too-short'),
  );
  return { items, failed };
}

/** The band a value is judged against: the baseline and the drift band's edges, in its unit. */
export interface BaselineBand {
  baseline: number;
  lo: number;
  hi: number;
}

/**
 * The dynamic baseline band before each value of a series (oldest first; null for a run
 * without the figure), given the indexes of its change points (first value at a new level):
 * the band `check` judges that value against, from the newest `window` earlier values since the
 * last change point before it (all earlier values when fewer than MIN_BASELINE_RUNS follow
 * it, as sinceLastChange). Null where the baseline is too short. Linear in the series' length.
 */
export function baselineBands(
  values: readonly (number | null)[],
  changeIndexes: readonly number[],
  rule: Partial<BaselineRule> = {},
): (BaselineBand | null)[] {
  const r = { ...DEFAULT_BASELINE_RULE, ...rule };
  const changes = [...changeIndexes].sort((a, b) => a - b);
  const usable = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0;
  /** Up to `r.window` usable values before `i`, not before `from`, oldest first. */
  const before = (i: number, from: number): number[] => {
    const out: number[] = [];
    for (let j = i - 1; j >= from && out.length < r.window; j--) {
      const v = values[j] ?? null;
      if (usable(v)) out.push(v);
    }
    return out.reverse();
  };
  let c = 0;
  let segmentStart = 0;
  return values.map((_, i) => {
    while (c < changes.length && changes[c]! < i) segmentStart = changes[c++]!;
    const tail = before(i, segmentStart);
    const drift = driftBand(tail.length >= MIN_BASELINE_RUNS ? tail : before(i, 0), r);
    if (drift === null) return null;
    return {
      baseline: Math.exp(drift.centreLog),
      lo: Math.exp(drift.centreLog - drift.bandLog),
      hi: Math.exp(drift.centreLog + drift.bandLog),
    };
  });
}

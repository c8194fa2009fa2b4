// Which seasonal period to remove, from the times of the points: runs taken about daily repeat
// weekly (period ≈ 7), runs taken several times a day repeat daily. Irregular spacing has no
// usable period (STL needs evenly spaced points), and neither has a series too short to hold it.

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface PeriodChoice {
  /** Points per cycle. */
  period: number;
  cycle: 'daily' | 'weekly';
}

/**
 * The seasonal period of a series sampled at `timestampsMs` (ascending): the daily cycle when
 * points are at most half a day apart, the weekly one when at most half a week apart; undefined
 * when the spacing is irregular (inter-quartile range of the gaps over 20% of their median), or
 * the series holds fewer than `minCycles` full cycles.
 */
export function choosePeriod(
  timestampsMs: readonly number[],
  minCycles = 2,
): PeriodChoice | undefined {
  const gaps: number[] = [];
  for (let i = 1; i < timestampsMs.length; i++)
    gaps.push((timestampsMs[i] as number) - (timestampsMs[i - 1] as number));
  if (gaps.length < 2) return undefined;
  gaps.sort((a, b) => a - b);
  const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] as number;
  const gap = at(0.5);
  if (!(gap > 0) || at(0.75) - at(0.25) > 0.2 * gap) return undefined;
  const choice: PeriodChoice | undefined =
    gap <= DAY_MS / 2
      ? { period: Math.round(DAY_MS / gap), cycle: 'daily' }
      : gap <= WEEK_MS / 2
        ? { period: Math.round(WEEK_MS / gap), cycle: 'weekly' }
        : undefined;
  if (!choice || choice.period < 2 || timestampsMs.length < minCycles * choice.period)
    return undefined;
  return choice;
}

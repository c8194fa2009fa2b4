// The source document's claims about GOROOT that `analyze goroot` tests, and the rule that turns
// a measured estimate with its confidence interval into "holds" / "does not hold here" (also used
// by `analyze modules` for chapter 3's claims). Pure.
import { formatNumber, formatValue } from '../record/units.js';
import type { BootstrapInterval } from './goroot-stats.js';

/** A quantitative claim of the source document. */
export interface Claim {
  /** e.g. `symlink-level-cost`; `analyze modules` uses its own ids. */
  id: string;
  /** The claim as the source document words it. */
  text: string;
  /** The claimed value: ns per symlink level, or a ratio tmpfs/disk. */
  claimed: number;
  unit: 'ns' | 'ratio';
  /**
   * The range of true values that still count as the claim ("~0.5 ms", "3x"): a factor of two
   * around a per-level cost, a factor of 1.5 around a ratio. bandHi may be Infinity ("more than").
   */
  bandLo: number;
  bandHi: number;
  /** The value meaning "no effect": 0 ns per level, a ratio of 1. */
  noEffect: number;
}

/** "each nested symlink level in GOROOT adds ~0.5 ms": 0.25 to 1 ms per level counts as ~0.5 ms. */
export const SYMLINK_CLAIM: Claim = {
  id: 'symlink-level-cost',
  text: 'each nested symlink level in GOROOT adds ~0.5 ms',
  claimed: 0.5e6,
  unit: 'ns',
  bandLo: 0.25e6,
  bandHi: 1e6,
  noEffect: 0,
};

/** "GOROOT on /tmp (tmpfs) makes stat 3x slower": a ratio tmpfs/disk of 2 to 4.5 counts as 3x. */
export const TMPFS_CLAIM: Claim = {
  id: 'tmpfs-stat-slower',
  text: 'GOROOT on /tmp (tmpfs) makes stat 3x slower',
  claimed: 3,
  unit: 'ratio',
  bandLo: 2,
  bandHi: 4.5,
  noEffect: 1,
};

/** The outcome of testing a claim against one measurement. */
export type Verdict = 'holds' | 'does not hold here' | 'inconclusive';

/** A claim tested against one measured quantity, with the evidence in words. */
export interface ClaimCheck {
  claimId: Claim['id'];
  claim: string;
  /** What was measured, e.g. "go env GOROOT: cost per symlink level". */
  measured: string;
  /** Estimate and 95% CI, in the claim's unit (ns or a ratio); bounds null without a CI. */
  estimate: number;
  lo: number | null;
  hi: number | null;
  verdict: Verdict;
  /** One sentence: the figures and why they give this verdict. */
  evidence: string;
}

/** Formats a value in the claim's unit: "0.52 ms", "1.03×". */
export function formatClaimValue(claim: Claim, value: number): string {
  if (value === Infinity) return '∞';
  if (claim.unit === 'ratio') return `${formatNumber(value)}×`;
  // Show a tiny or negative per-level cost in µs rather than as "-3.1 ns" noise in ms.
  return formatValue('ns', value);
}

/**
 * Tests `claim` against `interval` (the estimate and its CI, in the claim's unit):
 * - "does not hold here" when the whole CI lies outside the claim's band;
 * - "holds" when the estimate is inside the band and the CI excludes "no effect";
 * - "inconclusive" otherwise, including when there is no CI (too few runs).
 */
export function judgeClaim(
  claim: Claim,
  measured: string,
  interval: Pick<BootstrapInterval, 'estimate' | 'lo' | 'hi'>,
): ClaimCheck {
  const { estimate, lo, hi } = interval;
  const f = (v: number): string => formatClaimValue(claim, v);
  const band = `${f(claim.bandLo)} … ${f(claim.bandHi)}`;
  const base = { claimId: claim.id, claim: claim.text, measured, estimate, lo, hi };
  if (!Number.isFinite(estimate)) {
    return { ...base, verdict: 'inconclusive', evidence: 'nothing could be measured' };
  }
  if (lo === null || hi === null) {
    return {
      ...base,
      verdict: 'inconclusive',
      evidence: `measured ${f(estimate)} but with too few runs for a confidence interval`,
    };
  }
  const measuredText = `measured ${f(estimate)} (95% CI ${f(lo)} … ${f(hi)})`;
  if (hi < claim.bandLo || lo > claim.bandHi) {
    const side = hi < claim.bandLo ? 'below' : 'above';
    return {
      ...base,
      verdict: 'does not hold here',
      evidence: `${measuredText}: the whole interval is ${side} the claimed ${f(claim.claimed)} (taken as ${band})`,
    };
  }
  const excludesNoEffect = lo > claim.noEffect || hi < claim.noEffect;
  if (estimate >= claim.bandLo && estimate <= claim.bandHi && excludesNoEffect) {
    return {
      ...base,
      verdict: 'holds',
      evidence: `${measuredText}: within the claimed ${f(claim.claimed)} (taken as ${band})`,
    };
  }
  return {
    ...base,
    verdict: 'inconclusive',
    evidence: `${measuredText}: the interval reaches the claimed ${band} but ${
      excludesNoEffect
        ? 'the estimate lies outside it'
        : `also includes no effect (${f(claim.noEffect)})`
    }; more runs would decide`,
  };
}

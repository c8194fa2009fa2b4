// The source document's chapter 3 claims (seed-reference.json `otherClaims`, chapters 3.1 to
// 3.3) that `analyze modules` tests, judged by the rule `analyze goroot` uses (goroot-claims.ts:
// holds / does not hold here / inconclusive from an estimate and its 95% CI). Ratios of two
// modes come from the round bootstrap of goroot-stats.ts (the modes of one round ran back to
// back); an absolute time from the median's order-statistic CI. A claim made for a scale
// (10K+ modules, >= 200 modules) is inconclusive when no size that large was measured. Pure.
import { summarize } from '../stats/index.js';
import { formatClaimValue, judgeClaim, type Claim, type ClaimCheck } from './goroot-claims.js';
import { ratioOfMedians } from './goroot-stats.js';
import { BASE_MODE, MODULE_COMMANDS, type ModuleCommand } from './modules-modes.js';
import type { ModeSeries, ModulesSize } from './modules-report.js';

/** What a claim is judged on: a generated size, or the user's module at its dependency count. */
export type JudgedSize = Pick<ModulesSize, 'modules' | 'commands'>;

/** The source document's wording (seed-reference.json otherClaims). */
const TEXT_3_1 =
  'dependency resolution AST walk: GOPATH mode 1248 ms vs modules 316 ms on a 147-dependency, 2891-file project';
const TEXT_3_2 = 'go list -deps with 10K+ modules: with vendor/ 1.8 s, without 27.4 s';
const TEXT_3_3 =
  'go list -m -json all: GO111MODULE=off 12 ms, on 328 ms (sumdb lookups), auto 47 ms; with >=200 modules, on > 1.2 s';

/** A ratio claim: the claimed ratio, counted as holding within a factor of 1.5 (as tmpfs's). */
function ratioClaim(id: string, text: string, claimed: number): Claim {
  return {
    id,
    text,
    claimed,
    unit: 'ratio',
    bandLo: claimed / 1.5,
    bandHi: claimed * 1.5,
    noEffect: 1,
  };
}

/** 3.1: GOPATH mode walks dependencies 3.9× slower than module mode. */
export const GOPATH_CLAIM = ratioClaim('gopath-vs-modules', TEXT_3_1, 1248 / 316);
/** 3.2: without vendor/, go list -deps is 15× slower (at 10K+ modules). */
export const VENDOR_CLAIM = ratioClaim('vendor-list-deps', TEXT_3_2, 27.4 / 1.8);
/** 3.3: GO111MODULE=on is 27× slower than off for go list -m. */
export const ON_VS_OFF_CLAIM = ratioClaim('list-m-on-vs-off', TEXT_3_3, 328 / 12);
/** 3.3: on is 7× slower than auto (inside a module). */
export const ON_VS_AUTO_CLAIM = ratioClaim('list-m-on-vs-auto', TEXT_3_3, 328 / 47);
/** 3.3: the difference is sumdb lookups: with the checksum database 7× slower than without. */
export const SUMDB_CLAIM = ratioClaim('list-m-sumdb', TEXT_3_3, 328 / 47);
/** 3.3: with >= 200 modules, go list -m -json all in module mode takes more than 1.2 s. */
export const LARGE_LIST_M_CLAIM: Claim = {
  id: 'list-m-200-modules',
  text: TEXT_3_3,
  claimed: 1.2e9,
  unit: 'ns',
  bandLo: 1.2e9,
  bandHi: Infinity,
  noEffect: 0,
};

/** Every claim tested, for the check that their wording is the source document's. */
export const MODULES_CLAIMS: readonly Claim[] = [
  GOPATH_CLAIM,
  VENDOR_CLAIM,
  ON_VS_OFF_CLAIM,
  ON_VS_AUTO_CLAIM,
  SUMDB_CLAIM,
  LARGE_LIST_M_CLAIM,
];

/** A claim that could not be tested, and why. */
function untested(claim: Claim, measured: string, why: string): ClaimCheck {
  return {
    claimId: claim.id,
    claim: claim.text,
    measured,
    estimate: NaN,
    lo: null,
    hi: null,
    verdict: 'inconclusive',
    evidence: why,
  };
}

const labelOf = (command: ModuleCommand['id']): string =>
  MODULE_COMMANDS.find((c) => c.id === command)?.label ?? command;

const atModules = (n: number): string => `at ${n} module${n === 1 ? '' : 's'}`;

function seriesOf(size: JudgedSize, command: ModuleCommand['id'], mode: string): ModeSeries | null {
  return (
    size.commands.find((c) => c.command === command)?.series.find((s) => s.mode === mode) ?? null
  );
}

const values = (s: ModeSeries): number[] => s.wallNs.map((v) => (v === null ? NaN : v));

/** Judges `numerator / denominator` (modes) of a command at one size against a ratio claim. */
function judgeRatio(
  claim: Claim,
  size: JudgedSize,
  command: ModuleCommand['id'],
  numerator: string,
  denominator: string,
  what: string,
  note = '',
): ClaimCheck {
  const measured = `${labelOf(command)} ${atModules(size.modules)}: ${what}`;
  const a = seriesOf(size, command, numerator);
  const b = seriesOf(size, command, denominator);
  for (const [mode, s] of [
    [numerator, a],
    [denominator, b],
  ] as const) {
    if (!s) return untested(claim, measured, `${mode} was not measured`);
    if (s.skipped) return untested(claim, measured, `${mode} cannot run it: ${s.skipped}`);
  }
  const check = judgeClaim(
    claim,
    measured,
    ratioOfMedians(values(a as ModeSeries), values(b as ModeSeries)),
  );
  return note ? { ...check, evidence: `${check.evidence}; ${note}` } : check;
}

/** The size whose module count is nearest `target` on a log scale. */
function nearest(perSize: readonly JudgedSize[], target: number): JudgedSize | undefined {
  let best: JudgedSize | undefined;
  for (const s of perSize) {
    if (!best || Math.abs(Math.log(s.modules / target)) < Math.abs(Math.log(best.modules / target)))
      best = s;
  }
  return best;
}

/**
 * A claim made for `atLeast` modules or more: judged at the largest such size; inconclusive
 * below it, with the figure at the largest size measured.
 */
function atScale(
  perSize: readonly JudgedSize[],
  atLeast: number,
  claim: Claim,
  judge: (size: JudgedSize) => ClaimCheck,
): ClaimCheck {
  const largest = perSize.at(-1);
  if (!largest) return untested(claim, 'nothing', 'nothing was measured');
  if (largest.modules >= atLeast) return judge(largest);
  const below = judge(largest);
  const f = (v: number): string => formatClaimValue(claim, v);
  const figure = !Number.isFinite(below.estimate)
    ? below.evidence
    : `measured ${f(below.estimate)}${below.lo === null || below.hi === null ? '' : ` (95% CI ${f(below.lo)} … ${f(below.hi)})`}`;
  return {
    ...below,
    verdict: 'inconclusive',
    evidence: `the claim is for ${atLeast} modules or more and the largest size measured is ${largest.modules}: ${figure}; measure with --modules ${atLeast} to decide`,
  };
}

/** Chapter 3's claims judged against the sizes measured (ascending). */
export function judgeModulesClaims(sizes: readonly JudgedSize[]): ClaimCheck[] {
  const perSize = [...sizes].sort((a, b) => a.modules - b.modules);
  const largest = perSize.at(-1);
  const near147 = nearest(perSize, 147);
  if (!largest || !near147) {
    return MODULES_CLAIMS.map((c) => untested(c, 'nothing', 'nothing was measured'));
  }
  const checks: ClaimCheck[] = [
    judgeRatio(
      GOPATH_CLAIM,
      near147,
      'list-deps',
      'gopath',
      BASE_MODE,
      'GOPATH mode / module mode',
      near147.modules === 147 ? '' : 'the claim is for 147 dependencies: the nearest size measured',
    ),
    atScale(perSize, 10_000, VENDOR_CLAIM, (s) =>
      judgeRatio(
        VENDOR_CLAIM,
        s,
        'list-deps',
        BASE_MODE,
        'vendor',
        'module mode without vendor/ / with vendor/',
      ),
    ),
    judgeRatio(ON_VS_OFF_CLAIM, largest, 'list-m', BASE_MODE, 'gopath', 'GO111MODULE=on / off'),
    judgeRatio(
      ON_VS_AUTO_CLAIM,
      largest,
      'list-m',
      BASE_MODE,
      'auto-in',
      'GO111MODULE=on / auto (inside the module)',
    ),
    judgeRatio(
      SUMDB_CLAIM,
      largest,
      'list-m',
      'sumdb',
      BASE_MODE,
      'GOSUMDB=sum.golang.org / off (go.sum complete)',
    ),
    atScale(perSize, 200, LARGE_LIST_M_CLAIM, (s) => {
      const measured = `${labelOf('list-m')} ${atModules(s.modules)}: module mode`;
      const base = seriesOf(s, 'list-m', BASE_MODE);
      if (!base || base.skipped)
        return untested(LARGE_LIST_M_CLAIM, measured, base?.skipped ?? 'not measured');
      const sum = summarize(values(base).filter(Number.isFinite));
      return judgeClaim(LARGE_LIST_M_CLAIM, measured, {
        estimate: sum.n > 0 ? sum.median : NaN,
        lo: sum.ciLo,
        hi: sum.ciHi,
      });
    }),
  ];
  return checks;
}

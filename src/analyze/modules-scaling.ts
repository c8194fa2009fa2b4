// The scaling curves of `analyze modules`: per command and mode the median wall time at each
// size, and the knee of the curve (modules-report.ts `Knee`: where the per-module part of the
// time equals the fixed part). Pure.
import { median } from '../stats/index.js';
import { theilSenSlope } from './goroot-stats.js';
import type { Knee, ModulesSize, ScalingCurve, ScalingPoint } from './modules-report.js';

/**
 * The knee of points (ascending sizes): t(M) = fixed + perModule × M, perModule the Theil–Sen
 * slope of the medians, fixed the median of t − perModule × M; knee at M = fixed / perModule.
 * null with fewer than two sizes or when either part is not positive (no fixed cost to
 * outgrow, or no growth).
 */
export function kneeOf(points: readonly ScalingPoint[]): Knee | null {
  if (points.length < 2) return null;
  const xs = points.map((p) => p.modules);
  const ys = points.map((p) => p.center);
  const perModuleNs = theilSenSlope(xs, ys);
  if (!(perModuleNs > 0)) return null;
  const fixedNs = median(points.map((p) => p.center - perModuleNs * p.modules));
  if (!(fixedNs > 0)) return null;
  const modules = fixedNs / perModuleNs;
  return {
    modules,
    fixedNs,
    perModuleNs,
    inRange: modules >= (xs[0] as number) && modules <= (xs.at(-1) as number),
  };
}

/** Every command × mode curve of wall time over the sizes measured (modes in order). */
export function scalingCurves(perSize: readonly ModulesSize[]): ScalingCurve[] {
  const sizes = [...perSize].sort((a, b) => a.modules - b.modules);
  const curves = new Map<string, ScalingCurve>();
  for (const size of sizes) {
    for (const c of size.commands) {
      const wall = c.analysis.metrics.find((m) => m.key === 'wallNs');
      for (const row of wall?.rows ?? []) {
        if (row.center === null) continue;
        const key = `${c.command}\u0000${row.configuration}`;
        const curve = curves.get(key) ?? {
          command: c.command,
          mode: row.configuration,
          points: [],
          knee: null,
        };
        curve.points.push({
          modules: size.modules,
          center: row.center,
          ciLo: row.ciLo,
          ciHi: row.ciHi,
        });
        curves.set(key, curve);
      }
    }
  }
  return [...curves.values()].map((c) => ({ ...c, knee: kneeOf(c.points) }));
}

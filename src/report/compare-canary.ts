// The drift canary's lines under a comparison: whether the machine itself moved between the base
// and each later run (stats/canary-factor.ts), and where it did, each time figure's change both
// raw and relative to the canary. Pure.
import { formatGoFloat, relativeToCanary, type CanaryFactor } from '../stats/index.js';
import type { CompareReport } from './compare.js';

function signedPct(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

function canaryList(f: CanaryFactor): string {
  return f.canaries
    .map(
      (c) =>
        `${c.name} ${signedPct(c.ratio - 1)} ${c.significant ? `(p=${formatGoFloat(Number(c.p.toPrecision(2)))})` : '~'}`,
    )
    .join(', ');
}

/** The lines for every later input that has a canary comparison with the base; [] for none. */
export function canaryLines(report: CompareReport): string[] {
  const out: string[] = [];
  report.canary?.forEach((f, i) => {
    const input = report.inputs[i];
    if (!f || !input) return;
    const factor = `×${f.factor.toFixed(3)}`;
    if (!f.moved) {
      out.push(`canary: ${input.label} vs base: the machine held steady (${canaryList(f)})`);
      return;
    }
    const way = f.factor >= 1 ? 'slower' : 'faster';
    out.push(
      `canary: ${input.label} vs base: the MACHINE was ${way}: ${canaryList(f)}; factor ${factor}`,
      '  time figures raw and relative to the canary (change ÷ factor):',
    );
    for (const m of report.metrics) {
      if (m.metric.kind !== 'ns' && m.metric.kind !== 'sec') continue;
      for (const row of m.rows) {
        const d = row.cells[i]?.vsBase?.deltaFraction;
        if (d == null) continue;
        out.push(
          `    ${row.benchmark} ${m.metric.label}: ${signedPct(d)} raw, ${signedPct(relativeToCanary(d, f.factor))} relative`,
        );
      }
    }
  });
  return out;
}

// What a preset sweep adds under its tables (`sweep --preset`): for link-flags the flags it
// measured best (what `recipe dockerfile` takes) with each candidate's evidence, and the
// scenarios that could not report link time or binary size (a module without a main package);
// for docker-cache the rebuild with cache mounts against the cold build. Pure.
import type { LinkRecipe } from '../analyze/link-recipe.js';
import type { SweepReport } from '../analyze/sweep-report.js';
import { buildFlags } from '../measure/configurations.js';
import type { RunRecord } from '../record/run-record.js';
import { formatValue } from '../record/units.js';
import { wrapText } from './fit-width.js';
import { candidateLine } from './link-recipe.js';

/** Scenarios of the run that build but report no binary size (no main package to link). */
export function scenariosWithoutBinary(run: RunRecord): string[] {
  const ids = [...new Set(run.scenarios.map((s) => s.scenarioId))];
  return ids.filter((id) =>
    run.scenarios
      .filter((s) => s.scenarioId === id)
      .every((s) => !s.metrics.some((m) => m.key === 'binarySizeBytes')),
  );
}

/** The link-flags summary: the best flags and the evidence, wrapped to `width`. */
export function renderLinkFlagsSummary(
  recipe: LinkRecipe,
  withoutBinary: readonly string[],
  width: number,
): string {
  const flags = buildFlags(recipe.build).join(' ');
  const head =
    recipe.chosen === 'default'
      ? 'best link flags: none (default): no candidate made binaries smaller without building significantly slower'
      : `best link flags: ${flags} (configuration ${recipe.chosen}): smaller binaries, no significantly slower build`;
  const lines = [
    wrapText(head, width),
    ...recipe.candidates.map((c) => wrapText(`  ${candidateLine(c)}`, width)),
    ...withoutBinary.map((id) =>
      wrapText(
        `  ${id}: no main package, so no binary: wall time only, no link time or binary size`,
        width,
      ),
    ),
    wrapText(
      '(changes against default; ~ = not significant, Holm-corrected; `gobaseline recipe dockerfile` builds with the flags of the newest saved link-flags sweep)',
      width,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** The docker-cache summary: the rebuild's median wall time against the cold build's. */
export function renderDockerCacheSummary(report: SweepReport, width: number): string {
  const median = (id: string): number | null =>
    report.scenarios.find((s) => s.scenarioId === id)?.best?.medianWallNs ?? null;
  const cold = median('docker/build-cold');
  const rebuild = median('docker/rebuild-mounts');
  if (cold === null || rebuild === null)
    return `${wrapText('docker-cache: not both builds were measured; see the failures above', width)}\n`;
  return `${wrapText(
    `docker-cache: a rebuild after a source change with cache mounts took ${formatValue('ns', rebuild)} (median) against ${formatValue('ns', cold)} for a cold build without them: ${(cold / rebuild).toFixed(1)}× faster`,
    width,
  )}\n`;
}

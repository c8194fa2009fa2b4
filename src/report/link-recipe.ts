// The evidence of a link-flags recipe in words: which run, which configuration, and what each
// candidate changed (binary size, wall time) on every scenario, `~` where the change in wall
// time is not significant after the Holm correction. Pure.
import type { LinkCandidate, LinkRecipe } from '../analyze/link-recipe.js';
import type { SweepChange } from '../analyze/sweep-report.js';

function percent(change: SweepChange | null): string | null {
  if (change === null || change.deltaFraction === null) return null;
  const sign = change.deltaFraction > 0 ? '+' : '';
  return `${sign}${(change.deltaFraction * 100).toFixed(1)}%`;
}

/** One candidate's changes, scenario by scenario; `(not taken)` when it is not eligible. */
export function candidateLine(c: LinkCandidate): string {
  const parts = c.scenarios.map((s) => {
    const size = percent(s.size);
    const wall = s.wall && !s.wall.significant ? '~' : percent(s.wall);
    const figures = [size && `binary ${size}`, wall && `wall ${wall}`].filter(Boolean);
    return `${s.scenarioId} ${figures.join(', ') || 'not measured'}`;
  });
  return `${c.configuration}: ${parts.join('; ')}${c.eligible ? '' : ' (not taken)'}`;
}

/** Comment lines for the Dockerfile: where the flags come from and the evidence. */
export function linkRecipeProvenance(recipe: LinkRecipe, source: string): string[] {
  return [
    `Flags measured by run ${recipe.runId} (${recipe.startedAt}, ${recipe.goVersion.replace(/^go version /, '')}),`,
    `read from ${source}: configuration ${recipe.chosen} (change against default; ~ = not significant, Holm-corrected):`,
    ...recipe.candidates.map((c) => `  ${candidateLine(c)}`),
  ];
}

/** Comment lines when no link-flags sweep was found. */
export function noRecipeProvenance(where: string): string[] {
  return [
    `No link-flags sweep found (${where}): default flags, none measured.`,
    'Measure them with `gobaseline sweep --preset link-flags [--project DIR]`, then run this again.',
  ];
}

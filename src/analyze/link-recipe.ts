// Which link flags to recommend, from the run of a link-flags sweep (`sweep --preset link-flags`):
// among the configurations that only change `ldflags` and `trimpath`, the one whose binaries are
// smallest without building significantly slower than the default on any scenario measured
// (Holm-corrected, as the sweep table says). Never a flag that was not measured. Pure.
import type { BuildSettings, Configuration, RunRecord } from '../record/run-record.js';
import { runConfigurations } from './sweep-analysis.js';
import type { SweepChange, SweepReport } from './sweep-report.js';

/** The build settings a link-flags recipe may carry. */
const LINK_SETTINGS = new Set(['ldflags', 'trimpath']);

/** One candidate configuration with what it changed, scenario by scenario. */
export interface LinkCandidate {
  configuration: string;
  build: BuildSettings;
  /** Per scenario: binary size and wall time against the default. */
  scenarios: { scenarioId: string; size: SweepChange | null; wall: SweepChange | null }[];
  /** Smaller binaries on every scenario with a size, and no significantly slower build. */
  eligible: boolean;
}

/** The recommendation and the evidence for it. */
export interface LinkRecipe {
  runId: string;
  startedAt: string;
  /** The `go version` the sweep measured. */
  goVersion: string;
  /** The configuration recommended (the base when no candidate is eligible). */
  chosen: string;
  build: BuildSettings;
  candidates: LinkCandidate[];
}

/** True for a configuration that differs from the base only in link settings. */
function isLinkCandidate(c: Configuration, base: Configuration): boolean {
  const keys = Object.entries(c.build)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  return (
    keys.length > 0 &&
    keys.every((k) => LINK_SETTINGS.has(k)) &&
    Object.keys(c.env).length === 0 &&
    c.toolchain === base.toolchain
  );
}

/** True when the run is a sweep of link settings (it has a configuration that changes only those). */
export function isLinkFlagsSweep(run: RunRecord): boolean {
  const [base, ...rest] = runConfigurations(run);
  return base !== undefined && rest.some((c) => isLinkCandidate(c, base));
}

function changeOf(report: SweepReport, scenarioId: string, key: string, configuration: string) {
  const scenario = report.scenarios.find((s) => s.scenarioId === scenarioId);
  const metric = scenario?.metrics.find((m) => m.key === key);
  return metric?.rows.find((r) => r.configuration === configuration)?.vsBase ?? null;
}

/** The relative size change, averaged over scenarios (lower is better). */
function meanSizeChange(c: LinkCandidate): number {
  const deltas = c.scenarios.flatMap((s) =>
    s.size?.deltaFraction === null || s.size === null ? [] : [s.size.deltaFraction],
  );
  return deltas.length ? deltas.reduce((a, b) => a + b, 0) / deltas.length : 0;
}

/**
 * The recipe from a link-flags sweep's run and its analysis (analyzeSweep). A configuration is
 * eligible when its binaries are smaller on every scenario that reports a size and no scenario
 * builds significantly slower; the eligible one with the smallest binaries wins (fewer settings
 * on a tie). Without an eligible one, the base (no flags).
 */
export function linkRecipe(run: RunRecord, report: SweepReport): LinkRecipe {
  const configurations = runConfigurations(run);
  const base = configurations[0];
  const scenarioIds = report.scenarios.map((s) => s.scenarioId);
  const candidates = configurations
    .filter((c) => base !== undefined && isLinkCandidate(c, base))
    .map((c): LinkCandidate => {
      const scenarios = scenarioIds.map((scenarioId) => ({
        scenarioId,
        size: changeOf(report, scenarioId, 'binarySizeBytes', c.name),
        wall: changeOf(report, scenarioId, 'wallNs', c.name),
      }));
      const measured = scenarios.filter((s) => s.wall !== null || s.size !== null);
      const eligible =
        measured.length > 0 &&
        scenarios.some((s) => s.size !== null) &&
        scenarios.every(
          (s) =>
            (s.size === null || (s.size.deltaFraction ?? 0) < 0) &&
            !(s.wall?.significant && (s.wall.deltaFraction ?? 0) > 0),
        );
      return { configuration: c.name, build: c.build, scenarios, eligible };
    });
  const ranked = candidates
    .filter((c) => c.eligible)
    .sort(
      (a, b) =>
        meanSizeChange(a) - meanSizeChange(b) ||
        Object.keys(a.build).length - Object.keys(b.build).length,
    );
  const winner = ranked[0];
  return {
    runId: run.id,
    startedAt: run.startedAt,
    goVersion: run.fingerprint.go.version,
    chosen: winner?.configuration ?? base?.name ?? 'default',
    build: winner?.build ?? {},
    candidates,
  };
}

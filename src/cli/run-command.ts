// `gobaseline run`: measure a suite (default quick) on this machine, print the table and the
// reference comparison, save the run. Ctrl-C stops the command in progress (its sample is not
// kept), keeps the samples taken so far and removes every private directory; a second Ctrl-C
// quits at once.
import fs from 'node:fs';
import path from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { measureBaseline } from '../measure/baseline.js';
import type { RunRecord } from '../record/run-record.js';
import { readGoEnvFile, userGoCacheDir } from '../probe/index.js';
import type { AutoPlan, InterleaveOrder } from '../record/run-record.js';
import { MIN_RUNS_FOR_CI } from '../measure/sampler.js';
import { parseConfigSpecs } from '../measure/config-spec.js';
import { checkSettings, resolveConfigurations } from '../measure/configurations.js';
import { StderrProgress } from '../report/progress.js';
import { loadReferenceData } from '../report/references.js';
import {
  comparesConfigurations,
  referenceComparisons,
  renderReferenceTable,
  renderRunTable,
  scenarioNotes,
  type TableWidth,
} from '../report/terminal-table.js';
import { joinToWidth, wrapText } from '../report/fit-width.js';
import { renderConfigurationComparison } from '../report/configuration-comparison.js';
import { describeConfigurations, toolchainsOnly } from '../report/configuration-names.js';
import { formatValue } from '../record/units.js';
import {
  ensureRunsDir,
  runsDir,
  saveRun,
  saveRunSomewhere,
  writeRunFile,
} from '../store/run-files.js';
import { interruptible } from '../measure/interrupt.js';
import { checkProjectDir } from '../measure/project.js';
import { projectScenarioTemplates } from '../scenarios/project.js';
import { checkOutputDir, checkOutputFile, writeFailure } from './output-file.js';
import { planRun } from './plan.js';
import { outputWidth } from './terminal-width.js';

export interface RunOptions {
  suite?: string;
  scenario?: string[];
  runs?: number;
  warmup?: number;
  go?: string[];
  toolchain?: string[];
  config?: string[];
  order?: 'abba' | 'shuffle';
  seed?: number;
  auto?: boolean;
  targetCi?: number;
  maxTime?: number;
  maxRuns?: number;
  env?: Record<string, string>;
  json?: string;
  save: boolean;
  warmCache?: string;
  /** A Go module directory: adds the project scenarios, measured on a private copy. */
  project?: string;
  timeout: number;
  quiet?: boolean;
  wide?: boolean;
}

/** --auto defaults: ±2% CI half-width, 60 s of sampling per scenario, 200 runs. */
export const DEFAULT_TARGET_CI = 0.02;
export const DEFAULT_MAX_TIME_S = 60;
export const DEFAULT_MAX_RUNS = 200;

/** Refuses a --warm-cache that is the user's own GOCACHE: gobaseline never writes that. */
function checkWarmCache(dir: string): string {
  const wanted = path.resolve(dir);
  const own = userGoCacheDir(process.env, readGoEnvFile(process.env));
  // Compare real paths, so a symlink to the user's GOCACHE is refused too.
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  if (own && real(own) === real(wanted)) {
    throw new UsageError(
      `--warm-cache ${dir} is your own GOCACHE; give gobaseline a directory of its own`,
    );
  }
  checkOutputDir(dir, '--warm-cache');
  return wanted;
}

/** One line about the machine and toolchain, printed above the table (wrapped at " · "). */
function machineLine(run: RunRecord, width: number): string {
  const f = run.fingerprint;
  const parts = [
    f.go.version.replace(/^go version /, ''),
    f.go.path,
    `${f.cpu.threads} threads${f.cpu.model ? ` (${f.cpu.model})` : ''}`,
    `${formatValue('bytes', f.memory.totalBytes)} RAM`,
    f.os.distro ?? f.os.platform,
  ];
  const gomaxprocs = f.topology?.goDefaultGomaxprocs;
  if (gomaxprocs != null) {
    const quota = f.topology?.cgroup.quotaCpus;
    parts.splice(3, 0, `GOMAXPROCS ${gomaxprocs}${quota != null ? ` (CPU quota ${quota})` : ''}`);
  }
  const virt = f.virtualization;
  if (virt.wsl) parts.push('WSL');
  if (virt.container) parts.push(`container: ${virt.container}`);
  if (virt.hypervisor) parts.push(`VM: ${virt.hypervisor}`);
  if (f.memoryBandwidth) {
    const { copyGBps, triadGBps } = f.memoryBandwidth;
    parts.push(`memory ${copyGBps.toFixed(1)}/${triadGBps.toFixed(1)} GB/s copy/triad`);
  }
  parts.push(`load ${f.load.loadAvg1.toFixed(2)}`);
  return joinToWidth(parts, ' · ', width);
}

/** One line on where GOROOT, GOCACHE, GOMODCACHE and the temp dir live, or '' if unknown. */
function storageLine(run: RunRecord, width: number): string {
  const places = run.fingerprint.storage ?? [];
  if (places.length === 0) return '';
  const parts = places.map((p) => {
    const device = p.block ? ` (${p.block.kind})` : '';
    const links = p.symlinks.length
      ? `, ${p.symlinks.length} symlink${p.symlinks.length > 1 ? 's' : ''}`
      : '';
    return `${p.name} ${p.fsType ?? '?'}${device}${links}`;
  });
  return joinToWidth([`storage: ${parts[0]}`, ...parts.slice(1)], ' · ', width);
}

/**
 * Everything printed after a run, as text: tables fitted to `width` and prose wrapped to it,
 * or every column with 'wide'.
 */
export function renderRun(run: RunRecord, width: TableWidth = 'wide'): string {
  const prose = width === 'wide' ? Infinity : width;
  const out: string[] = [];
  out.push(
    `gobaseline ${run.tool.version} · run ${run.id}${run.status === 'interrupted' ? ' (interrupted)' : ''}`,
  );
  out.push([machineLine(run, prose), storageLine(run, prose)].filter(Boolean).join('\n'));
  out.push(renderRunTable(run, width));
  const several = comparesConfigurations(run);
  const notes = run.scenarios.flatMap((r) => scenarioNotes(r, several));
  if (notes.length)
    out.push(
      ['notes:', ...notes.map((n) => (n.startsWith('    ') ? n : wrapText(`  ${n}`, prose)))].join(
        '\n',
      ),
    );
  const compared = renderConfigurationComparison(run, width);
  if (compared) {
    const [base] = run.config.configurations;
    const what = toolchainsOnly(run)
      ? 'toolchains'
      : `configurations ${describeConfigurations(run)}`;
    out.push(
      wrapText(
        `${what} compared, run by run (base: ${base?.name}; ~ = no significant difference at alpha 0.05):`,
        prose,
      ),
    );
    out.push(compared.trimEnd());
  }
  const data = loadReferenceData();
  const refs = renderReferenceTable(referenceComparisons(run, data), data, width);
  if (refs) {
    out.push(
      wrapText(
        `compared with the source document's reference profiles (${data.conditions.goVersion ?? 'unknown Go'}; figures to compare with, not targets):`,
        prose,
      ),
    );
    out.push(wrapText(refs, prose));
  }
  if (run.warnings.length)
    out.push(['warnings:', ...run.warnings.map((w) => wrapText(`  ${w}`, prose))].join('\n'));
  return `${out.join('\n\n')}\n`;
}

/** --order and --seed as an interleave order; a shuffle without --seed gets a random seed. */
function interleaveOrder(kind: RunOptions['order'], seed: number | undefined): InterleaveOrder {
  if (kind === 'shuffle') return { kind, seed: seed ?? Math.floor(Math.random() * 2 ** 31) };
  if (seed !== undefined) throw new UsageError('--seed goes with --order shuffle');
  return { kind: 'abba' };
}

export async function runCommand(opts: RunOptions): Promise<number> {
  const { suite, plan, projectIds } = planRun({
    ...opts,
    project: opts.project !== undefined,
    // --auto starts from the fewest runs that bound a CI, unless --runs says otherwise.
    runs: opts.runs ?? (opts.auto ? MIN_RUNS_FOR_CI : undefined),
  });
  if (
    !opts.auto &&
    (opts.targetCi !== undefined || opts.maxTime !== undefined || opts.maxRuns !== undefined)
  ) {
    throw new UsageError('--target-ci, --max-time and --max-runs go with --auto');
  }
  const auto: AutoPlan | undefined = opts.auto
    ? {
        targetCiHalfWidth: opts.targetCi ?? DEFAULT_TARGET_CI,
        maxTimeMs: (opts.maxTime ?? DEFAULT_MAX_TIME_S) * 1000,
        maxRuns: opts.maxRuns ?? DEFAULT_MAX_RUNS,
      }
    : undefined;
  const specs = parseConfigSpecs(opts.config ?? []);
  // Background load (load=N) is not wired into run yet: a configuration asking for it is refused.
  const projectTemplates = projectScenarioTemplates().filter((s) => projectIds.includes(s.id));
  for (const scenario of [...plan.map((p) => p.scenario), ...projectTemplates])
    for (const spec of specs) checkSettings(scenario, spec, false);
  const order = interleaveOrder(opts.order, opts.seed);
  // Every path is checked before anything is measured: a typo costs a line, not a run.
  checkOutputFile(opts.json, '--json');
  const warmCacheDir = opts.warmCache ? checkWarmCache(opts.warmCache) : undefined;
  if (opts.save) ensureRunsDir();
  const projectDir = opts.project === undefined ? undefined : checkProjectDir(opts.project);
  const { toolchains, configurations } = await resolveConfigurations(
    opts.go ?? [],
    opts.toolchain ?? [],
    specs,
    process.env,
  );

  const progress = new StderrProgress(
    // Preparing the project (copy, download) is one step more.
    (plan.length + projectIds.length) * configurations.length + (projectDir ? 1 : 0),
    process.stderr,
    opts.quiet,
  );
  let run: RunRecord;
  try {
    run = await interruptible(
      (signal) =>
        measureBaseline({
          plan,
          suite,
          project:
            projectDir === undefined
              ? undefined
              : {
                  dir: projectDir,
                  ids: projectIds,
                  runs: opts.runs ?? (opts.auto ? MIN_RUNS_FOR_CI : undefined),
                  warmup: opts.warmup,
                },
          toolchains,
          configurations,
          order,
          auto,
          userEnv: process.env,
          overrides: opts.env ?? {},
          runsOverride: opts.runs ?? null,
          warmupOverride: opts.warmup ?? null,
          warmCacheDir,
          timeoutMs: opts.timeout * 1000,
          signal,
          progress,
        }),
      () =>
        process.stderr.write(
          '\ngobaseline: interrupted: stopping the command in progress and keeping the samples taken so far (Ctrl-C again to quit now)\n',
        ),
    );
  } finally {
    progress.finish();
  }
  if (run.status === 'interrupted' && run.scenarios.every((s) => s.samples.length === 0)) {
    process.stderr.write('gobaseline: interrupted before the first sample; nothing to save\n');
    return ExitCode.interrupted;
  }

  const toStdout = opts.json === '-';
  if (toStdout) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
  else process.stdout.write(renderRun(run, outputWidth(opts.wide)));
  const keptCode = await keepRun(run, opts.save, toStdout ? undefined : opts.json);
  if (keptCode !== null) return keptCode;

  if (run.status === 'interrupted') return ExitCode.interrupted;
  if (run.scenarios.some((s) => s.samples.some((x) => x.ok))) return ExitCode.ok;
  // Also with --json - and --quiet, where nothing else on stderr would say why.
  const why = run.scenarios.flatMap((s) => scenarioNotes(s, comparesConfigurations(run)))[0];
  process.stderr.write(`gobaseline: nothing was measured${why ? `: ${why}` : ''}\n`);
  return ExitCode.environment;
}

/**
 * Saves the run (data directory, --json FILE). A measured run is never lost: when a write fails
 * after all, the run goes to the data directory (or the temp dir) and the error line says where.
 * Returns null when everything was written, else the exit code: 2 when the --json file could
 * not be written, 3 when the data directory could not.
 */
async function keepRun(run: RunRecord, save: boolean, json?: string): Promise<number | null> {
  const failures: { what: string; code: number }[] = [];
  let kept: string | null = null;
  if (save) {
    try {
      kept = await saveRun(run);
      process.stderr.write(`saved ${kept}\n`);
    } catch (err) {
      failures.push({
        what: `cannot save the run in ${runsDir()}: ${writeFailure(err)}`,
        code: ExitCode.environment,
      });
    }
  }
  if (json) {
    try {
      process.stderr.write(`saved ${await writeRunFile(run, json)}\n`);
      kept ??= json;
    } catch (err) {
      failures.push({ what: `--json ${json}: ${writeFailure(err)}`, code: ExitCode.usage });
    }
  }
  if (failures.length === 0) return null;
  if (kept === null) {
    try {
      kept = await saveRunSomewhere(run);
    } catch (err) {
      failures.push({
        what: `nor anywhere else: ${writeFailure(err)}`,
        code: ExitCode.environment,
      });
    }
  }
  const where = kept ? `; the run is saved in ${kept}` : '';
  process.stderr.write(`gobaseline: ${failures.map((f) => f.what).join('; ')}${where}\n`);
  return Math.max(...failures.map((f) => f.code));
}

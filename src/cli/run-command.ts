// `gobaseline run`: measure a suite (default quick) on this machine, print the table and the
// reference comparison, save the run. Ctrl-C stops the command in progress (its sample is not
// kept), keeps the samples taken so far and removes every private directory; a second Ctrl-C
// quits at once.
import { ExitCode, UsageError } from '../errors.js';
import type { RunRecord } from '../record/run-record.js';

import type { InterleaveOrder } from '../record/run-record.js';
import { MIN_RUNS_FOR_CI } from '../measure/sampler.js';
import { parseConfigSpecs } from '../measure/config-spec.js';
import { checkSettings, resolveConfigurations } from '../measure/configurations.js';
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
import { ensureRunsDir } from '../store/run-files.js';
import { checkProjectDir } from '../measure/project.js';
import { projectScenarioTemplates } from '../scenarios/project.js';
import { checkOutputFile } from './output-file.js';
import {
  autoPlan,
  checkWarmCache,
  keepRun,
  measureInterruptibly,
  shuffleOrder,
} from './measure-session.js';
import { checkStore, type StoreOptions } from './store-options.js';
import { planPush, pushSavedRun } from './push-command.js';
import { planRun } from './plan.js';
import { outputWidth } from './terminal-width.js';

export interface RunOptions extends StoreOptions {
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
  warmCache?: string;
  /** A Go module directory: adds the project scenarios, measured on a private copy. */
  project?: string;
  timeout: number;
  quiet?: boolean;
  wide?: boolean;
  /** commander's --no-canary: false skips the drift canaries. */
  canary?: boolean;
  /** --fresh-bandwidth: measure the memory bandwidth even when a cached figure holds. */
  freshBandwidth?: boolean;
  /** --push URL: send the saved run to a `serve` (with --token or $GOBASELINE_TOKEN). */
  push?: string;
  token?: string;
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
    const { copyGBps, triadGBps, cached, measuredAt } = f.memoryBandwidth;
    const minutes = measuredAt
      ? Math.max(0, Math.round((Date.parse(run.startedAt) - Date.parse(measuredAt)) / 60_000))
      : null;
    const ago = minutes === null || minutes < 1 ? 'under a minute' : `${minutes} min`;
    const from = cached ? ` (cached: measured ${ago} before)` : '';
    parts.push(`memory ${copyGBps.toFixed(1)}/${triadGBps.toFixed(1)} GB/s copy/triad${from}`);
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
  if (kind === 'shuffle') return shuffleOrder(seed);
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
  const auto = autoPlan(opts);
  const specs = parseConfigSpecs(opts.config ?? []);
  const projectTemplates = projectScenarioTemplates().filter((s) => projectIds.includes(s.id));
  for (const scenario of [...plan.map((p) => p.scenario), ...projectTemplates])
    for (const spec of specs) checkSettings(scenario, spec);
  const order = interleaveOrder(opts.order, opts.seed);
  // Every path is checked before anything is measured: a typo costs a line, not a run.
  checkOutputFile(opts.json, '--json');
  const warmCacheDir = opts.warmCache ? checkWarmCache(opts.warmCache) : undefined;
  if (opts.save) ensureRunsDir();
  const projectDir = opts.project === undefined ? undefined : checkProjectDir(opts.project);
  await checkStore(opts);
  const push = planPush(opts.push, opts.token, opts.save);
  const { toolchains, configurations } = await resolveConfigurations(
    opts.go ?? [],
    opts.toolchain ?? [],
    specs,
    process.env,
  );

  const run = await measureInterruptibly(
    {
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
      canary: opts.canary !== false,
      freshBandwidth: opts.freshBandwidth === true,
    },
    // Preparing the project (copy, download) is one step more.
    (plan.length + projectIds.length) * configurations.length + (projectDir ? 1 : 0),
    opts.quiet,
  );
  if (run === null) return ExitCode.interrupted;

  const toStdout = opts.json === '-';
  if (toStdout) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
  else process.stdout.write(renderRun(run, outputWidth(opts.wide)));
  const keptCode = await keepRun(run, opts, toStdout ? undefined : opts.json);
  if (keptCode !== null) return keptCode;
  if (push) await pushSavedRun(run, push, opts);

  if (run.status === 'interrupted') return ExitCode.interrupted;
  if (run.scenarios.some((s) => s.samples.some((x) => x.ok))) return ExitCode.ok;
  // Also with --json - and --quiet, where nothing else on stderr would say why.
  const why = run.scenarios.flatMap((s) => scenarioNotes(s, comparesConfigurations(run)))[0];
  process.stderr.write(`gobaseline: nothing was measured${why ? `: ${why}` : ''}\n`);
  return ExitCode.environment;
}

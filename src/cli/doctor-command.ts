// `gobaseline doctor`: what in this Go environment makes it slow (or broken), each finding with
// its evidence, why it matters and the fix. Changes nothing unless asked: --fix prints the
// commands, --apply runs the reversible ones (`go env -w/-u`, in the go env file GOENV names)
// after showing them, and prints how to undo each. Exit 0 without `bad` findings, 1 with;
// 2 bad usage; 3 when no usable go.
import { execFile } from 'node:child_process';
import { Command, Option } from 'commander';
import { gatherFacts, type DoctorMode } from '../analyze/doctor-facts.js';
import { goEnvArgs, undoCommand } from '../analyze/doctor-fix.js';
import { DOCTOR_REPORT_SCHEMA, type DoctorReport, type Finding } from '../analyze/doctor-report.js';
import { diagnose, summarize } from '../analyze/doctor-rules.js';
import { ExitCode, UsageError } from '../errors.js';
import { interruptible } from '../measure/interrupt.js';
import { readGoEnvFile } from '../probe/index.js';
import { renderDoctor, renderFixes } from '../report/doctor.js';
import { openRegressions } from './doctor-history.js';
import { seconds } from './options.js';
import { outputWidth } from './terminal-width.js';

export interface DoctorOptions {
  quick?: boolean;
  thorough?: boolean;
  project?: string;
  json?: boolean;
  fix?: boolean;
  apply?: boolean;
  go?: string;
  /** The run store to look for open regressions in (default: the data directory's, if any). */
  db?: string;
  timeout: number;
  quiet?: boolean;
}

/** Adds `doctor` to the program; `setExit` receives the exit code. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description(
      'find what makes this Go environment slow: each finding with its evidence, why it matters and the fix (exit 1 on a bad finding)',
    )
    .addOption(
      new Option('--quick', 'read settings and files only: no network, no cache sizes').conflicts(
        'thorough',
      ),
    )
    .option(
      '--thorough',
      'also measure what confirms a finding: storage read latency, symlink cost in GOROOT, a short sweep of GOMAXPROCS or -p',
    )
    .option('--project <dir>', 'your Go module: its vendor directory and go.mod toolchain line')
    .option('--json', 'print the findings and facts as JSON (docs/doctor.md)')
    .addOption(
      new Option(
        '--fix',
        'print the commands that apply each recommendation (runs nothing)',
      ).conflicts('json'),
    )
    .addOption(
      new Option(
        '--apply',
        'run the reversible fixes (go env -w/-u) after showing them, and print how to undo each',
      ).conflicts(['json', 'fix']),
    )
    .option('--go <path>', 'the go binary to examine (default: go on PATH)')
    .option(
      '--db <file|url>',
      'the run store whose newest run is judged for open regressions (default: the data directory’s, if any)',
    )
    .addOption(
      new Option('--timeout <seconds>', 'kill a go command running longer than this')
        .argParser(seconds)
        .default(120),
    )
    .option('-q, --quiet', 'no progress output')
    .action(async (opts: DoctorOptions) => setExit(await doctorCommand(opts)));
}

function modeOf(opts: DoctorOptions): DoctorMode {
  if (opts.quick && opts.thorough)
    throw new UsageError('--quick and --thorough exclude each other');
  return opts.quick ? 'quick' : opts.thorough ? 'thorough' : 'normal';
}

function runGoEnv(goPath: string, args: string[]): Promise<string | null> {
  // GOTOOLCHAIN=local: writing a setting must not switch (and download) a toolchain first.
  const env = { ...process.env, GOTOOLCHAIN: 'local' };
  return new Promise((resolve) => {
    execFile(goPath, args, { env, timeout: 60_000 }, (err, _out, stderr) =>
      resolve(err ? (stderr.trim().split('\n')[0] ?? err.message) : null),
    );
  });
}

/** --apply: runs each reversible change, printing it and its undo; resolves to the exit code. */
async function apply(goPath: string, findings: readonly Finding[]): Promise<number> {
  const reversible = findings.filter((f) => f.fix?.goEnv);
  const manual = findings.filter((f) => f.fix && !f.fix.goEnv);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const file = readGoEnvFile(process.env);
  if (reversible.length === 0) out('\nnothing to apply: no finding has a reversible fix');
  else
    out(
      `\napplying ${reversible.length} reversible fix${reversible.length === 1 ? '' : 'es'} to the go env file ${file?.path ?? '(none: GOENV=off)'}:`,
    );
  let code: number = ExitCode.ok;
  const done = new Set<string>();
  for (const f of reversible) {
    for (const change of f.fix?.goEnv ?? []) {
      // Several findings may share one fix (GOFLAGS cleaned of -a and -race): run it once.
      const key = JSON.stringify(change);
      if (done.has(key)) {
        out(`  [${f.id}] (the same change, already applied)`);
        continue;
      }
      done.add(key);
      const before = readGoEnvFile(process.env)?.settings[change.key];
      const args = goEnvArgs(change);
      out(`  [${f.id}] go ${args.join(' ')}`);
      const failure = await runGoEnv(goPath, args);
      if (failure !== null) {
        out(`    failed: ${failure}`);
        code = ExitCode.environment;
        continue;
      }
      out(`    undo: ${undoCommand(change, before)}`);
    }
  }
  if (manual.length > 0) {
    out('\nnot applied (not reversible by doctor; run them yourself):');
    for (const f of manual) for (const c of f.fix?.commands ?? []) out(`  [${f.id}] ${c}`);
  }
  return code;
}

/** `gobaseline doctor`; resolves to the exit code. */
export async function doctorCommand(opts: DoctorOptions): Promise<number> {
  const mode = modeOf(opts);
  const say = opts.quiet ? () => undefined : (line: string) => process.stderr.write(`${line}\n`);
  const { facts, notes } = await interruptible((signal) =>
    gatherFacts({
      go: opts.go,
      userEnv: process.env,
      mode,
      project: opts.project,
      timeoutMs: opts.timeout * 1000,
      signal,
      say,
    }),
  );
  facts.regressions = await openRegressions(opts.db, notes);
  const findings = diagnose(facts);
  const report: DoctorReport = {
    schemaVersion: DOCTOR_REPORT_SCHEMA,
    command: 'doctor',
    mode,
    findings,
    summary: summarize(findings),
    facts,
    notes,
  };
  const verdict = report.summary.bad > 0 ? ExitCode.regression : ExitCode.ok;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return verdict;
  }
  const width = outputWidth(false);
  process.stdout.write(renderDoctor(report, width === 'wide' ? 100 : width));
  if (opts.fix) process.stdout.write(`\n${renderFixes(findings)}`);
  if (opts.apply) {
    const applied = await apply(facts.go.path, findings);
    if (applied !== ExitCode.ok) return applied;
  }
  return verdict;
}

// `gobaseline generate`: writes a seeded synthetic Go workspace (a main module, M dependency
// modules in a local file-system module proxy, optionally a GOPATH tree and a vendored copy)
// for the module-resolution experiments, and prints what it made. The user's GOCACHE,
// GOMODCACHE and GOPATH are never used: the one go command runs with private ones.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { optionsProblem, type GenerateOptions } from '../generate/plan.js';
import {
  generateWorkspace,
  removeGenerated,
  type GeneratedWorkspace,
} from '../generate/workspace-writer.js';
import { withContext } from '../measure/context.js';
import { interruptible } from '../measure/interrupt.js';
import { formatValue } from '../record/units.js';
import { checkOutputDir } from './output-file.js';
import { seconds, wholeNumber } from './options.js';

export interface GenerateCommandOptions extends GenerateOptions {
  out: string;
  gopath?: boolean;
  vendor?: boolean;
  force?: boolean;
  go?: string;
  timeout: number;
  quiet?: boolean;
}

/** Whether dir exists with something in it. */
function nonEmpty(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/** `1 module`, `5 modules`. */
const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The summary `generate` prints. */
export function renderGenerated(w: GeneratedWorkspace, cwd = process.cwd()): string {
  // Paths inside the working directory as the user would type them.
  const show = (dir: string): string => {
    const rel = path.relative(cwd, dir);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
  };
  const size = (b: number): string => formatValue('bytes', b);
  const time = (ns: number | null): string => (ns === null ? '-' : formatValue('ns', ns));
  const o = w.options;
  const lines = [
    `main module   ${w.mainPath} in ${show(w.dirs.main)}`,
    `dependencies  ${count(w.counts.modules, 'module')} in ${count(o.depth, 'layer')} ` +
      `(fan-out ${o.fanout}), ` +
      `${o.packages} packages × ${o.files} files each`,
    `total         ${w.counts.packages} packages, ${w.counts.goFiles} Go files, ` +
      `${size(w.bytes.source)} of source, ${size(w.bytes.zips)} of module zips`,
    `proxy         GOPROXY=${w.goproxy}`,
    `go.mod        ${w.counts.requirements} requirements, go.sum ${w.counts.goSumLines} lines`,
  ];
  if (w.dirs.gopath) lines.push(`gopath        GO111MODULE=off GOPATH=${show(w.dirs.gopath)}`);
  if (w.dirs.vendored) lines.push(`vendored      ${show(w.dirs.vendored)} (go build -mod=vendor)`);
  lines.push(
    `time          ${time(w.wallNs.write)} writing, ${time(w.wallNs.tidy)} go mod tidy` +
      (w.wallNs.vendor === null ? '' : `, ${time(w.wallNs.vendor)} go mod vendor`),
  );
  return `${lines.join('\n')}\n`;
}

export async function generateCommand(opts: GenerateCommandOptions): Promise<number> {
  const sizes: GenerateOptions = {
    modules: opts.modules,
    depth: opts.depth,
    fanout: opts.fanout,
    packages: opts.packages,
    files: opts.files,
    seed: opts.seed,
  };
  const problem = optionsProblem(sizes);
  if (problem) throw new UsageError(problem);
  const out = path.resolve(opts.out);
  checkOutputDir(opts.out, '--out');
  if (!opts.force && nonEmpty(out)) {
    throw new UsageError(`--out ${opts.out}: not empty (give an empty directory, or --force)`);
  }
  const existed = fs.existsSync(out);
  if (opts.force) removeGenerated(out);
  fs.mkdirSync(out, { recursive: true });
  const progress = (text: string): void => {
    if (!opts.quiet) process.stderr.write(`generate: ${text}\n`);
  };
  try {
    const generated = await interruptible((signal) =>
      withContext(
        {
          go: opts.go,
          userEnv: process.env,
          overrides: {},
          timeoutMs: opts.timeout * 1000,
          signal,
        },
        (ctx) =>
          generateWorkspace(
            out,
            sizes,
            { gopath: opts.gopath === true, vendor: opts.vendor === true },
            {
              runner: ctx.runner,
              goPath: ctx.goPath,
              env: ctx.env(),
              gopath: ctx.dirs.named('gopath'),
            },
            progress,
          ),
      ),
    );
    process.stdout.write(renderGenerated(generated));
    return 0;
  } catch (err) {
    // Half a workspace is worse than none: what was written goes.
    removeGenerated(out);
    if (!existed) fs.rmSync(out, { recursive: true, force: true });
    throw err;
  }
}

/** Registers `generate`. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description(
      'write a seeded synthetic Go workspace: a main module, its dependency modules in a local module proxy (GOPROXY=file://), optionally a GOPATH tree and vendor/',
    )
    .requiredOption('-o, --out <dir>', 'directory to write (must be empty, or --force)')
    .option('--modules <n>', 'dependency modules', wholeNumber(0), 10)
    .option('--depth <n>', 'layers of dependency modules (longest chain)', wholeNumber(0), 3)
    .option(
      '--fanout <n>',
      'direct dependencies of a module above the lowest layer',
      wholeNumber(0),
      3,
    )
    .option('--packages <n>', 'packages per module', wholeNumber(0), 3)
    .option('--files <n>', 'Go files per package', wholeNumber(0), 4)
    .option('--seed <n>', 'seed: the same seed and sizes give the same bytes', wholeNumber(0), 1)
    .option('--gopath', 'also lay the code out as a GOPATH tree (GO111MODULE=off)')
    .option('--vendor', 'also write a copy of the main module with vendor/ (go mod vendor)')
    .option('--force', 'replace what an earlier generate wrote in --out')
    .option('--go <path>', 'the go binary that writes go.mod and go.sum (default: go on PATH)')
    .option('--timeout <seconds>', 'kill a go command running longer than this', seconds, 600)
    .option('-q, --quiet', 'no progress output')
    .action(async (opts: GenerateCommandOptions) => setExit(await generateCommand(opts)));
}

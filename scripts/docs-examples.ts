// `npm run docs:examples`: regenerates the pasted output in README.md and docs/*.md by running
// the built CLI as a user would, so the manual cannot drift from the code.
//
// A page marks each pasted block with `<!-- example: ID -->` ... `<!-- /example -->` (optionally
// `<!-- example: ID head=N -->` for the first N lines only) and says when and where its output
// was taken between `<!-- taken -->` and `<!-- /taken -->`; this script rewrites both. Every
// command runs with private XDG directories (data, cache, config, state) in a temp dir that is
// removed at the end, also on Ctrl-C; gobaseline itself gives the go command private caches.
//
//   npm run docs:examples                       # every example (a few minutes)
//   npm run docs:examples -- analyze-latency    # only these steps (and the steps they need)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, machineLine, repoRoot } from '../bench/support.js';
import { regionIds, selectSteps, type Step } from './example-regions.js';
import { rewritePageFile } from './rewrite-page-file.js';

const images = path.join(repoRoot, 'docs', 'images');
const fixtures = path.join(repoRoot, 'test', 'fixtures');
const quickPair = ['--scenario', 'startup/go-version,startup/go-env', '--runs', '10', '--no-save'];

// Small and cheap on purpose: the quick suite, net/url where a package is built, few runs.
const steps: Step[] = [
  { id: 'run-help', args: ['run', '--help'] },
  { id: 'run-quick', args: ['run'] },
  {
    id: 'run-toolchains',
    args: [
      'run',
      '--scenario',
      'startup/go-version,build/hello-link',
      '--toolchain',
      'local,go1.27.3',
      '--runs',
      '15',
    ],
  },
  {
    id: 'run-configs',
    args: [
      'run',
      '--scenario',
      'build/hello-link',
      '--config',
      'base: GOGC=100',
      '--config',
      "stripped: ldflags='-s -w' trimpath=true",
      '--config',
      'serial: p=1',
      '--runs',
      '10',
    ],
  },
  {
    id: 'run-auto',
    args: ['run', '--scenario', 'startup/go-version,build/net-http-warm', '--auto'],
  },
  { id: 'scenarios', args: ['scenarios'] },
  { id: 'report-help', args: ['report', '--help'] },
  { id: 'run-a', args: ['run', ...quickPair, '--json', 'a.json', '--quiet'] },
  { id: 'run-b', args: ['run', ...quickPair, '--json', 'b.json', '--quiet'] },
  { id: 'report-gobench', args: ['report', 'a.json', '--format', 'gobench'], needs: ['run-a'] },
  { id: 'report-md', args: ['report', 'a.json', '--format', 'md'], needs: ['run-a'] },
  { id: 'report-csv', args: ['report', 'a.json', '--format', 'csv'], needs: ['run-a'] },
  { id: 'compare-help', args: ['compare', '--help'] },
  { id: 'compare', args: ['compare', 'a.json', 'b.json'], needs: ['run-a', 'run-b'] },
  { id: 'doctor-help', args: ['doctor', '--help'] },
  { id: 'doctor', args: ['doctor'] },
  {
    id: 'doctor-fix',
    args: ['doctor', '--quick', '--fix'],
    env: { GOFLAGS: '-a -count=1', GO111MODULE: 'off' },
    ok: [1],
  },
  { id: 'doctor-thorough', args: ['doctor', '--thorough'], env: { GOFLAGS: '-p=1' } },
  { id: 'doctor-json', args: ['doctor', '--quick', '--json'] },
  { id: 'analyze-help', args: ['analyze', '--help'] },
  { id: 'analyze-build-help', args: ['analyze', 'build', '--help'] },
  {
    id: 'analyze-build',
    args: [
      'analyze',
      'build',
      '--package',
      'net/url',
      '--svg',
      path.join(images, 'analyze-build-net-url.svg'),
    ],
  },
  { id: 'analyze-cache-help', args: ['analyze', 'cache', '--help'] },
  { id: 'analyze-cache', args: ['analyze', 'cache', '--prime', 'net/url', '--verify'] },
  {
    id: 'analyze-cache-relocated',
    args: ['analyze', 'cache', '--package', 'net/url', '--relocated-goroot'],
  },
  { id: 'analyze-io-help', args: ['analyze', 'io', '--help'] },
  {
    id: 'analyze-io',
    args: [
      'analyze',
      'io',
      '--verify',
      '--top',
      '5',
      '--svg',
      path.join(images, 'analyze-io-net-url.svg'),
    ],
  },
  { id: 'analyze-latency-help', args: ['analyze', 'latency', '--help'] },
  { id: 'analyze-latency', args: ['analyze', 'latency', '--engine', 'both', '--dir', '/dev/shm'] },
  { id: 'analyze-goroot-help', args: ['analyze', 'goroot', '--help'] },
  // The --json examples of analyze-schema.md: from captured inputs where a topic can read one.
  {
    id: 'analyze-build-json',
    args: [
      'analyze',
      'build',
      '--json',
      '--graph',
      path.join(fixtures, 'actiongraph-hello-link-go1.26.8.json'),
    ],
  },
  {
    id: 'analyze-io-json',
    args: [
      'analyze',
      'io',
      '--json',
      '--top',
      '2',
      '--trace',
      path.join(fixtures, 'strace', 'warm-unicode-utf8.trace'),
    ],
  },
  { id: 'analyze-latency-json', args: ['analyze', 'latency', '--reads', '200', '--json'] },
  { id: 'analyze-goroot-json', args: ['analyze', 'goroot', '--experiment', 'none', '--json'] },
  { id: 'analyze-goroot', args: ['analyze', 'goroot', '--runs', '10', '--no-build'] },
  { id: 'sweep-help', args: ['sweep', '--help'] },
  { id: 'analyze-modules-help', args: ['analyze', 'modules', '--help'] },
  // The default sizes (10 and 100 modules, a few minutes) with the scaling chart.
  {
    id: 'analyze-modules',
    args: ['analyze', 'modules', '--svg', path.join(images, 'analyze-modules.svg'), '--no-save'],
  },
  {
    id: 'generate',
    args: [
      'generate',
      ...['--modules', '5', '--depth', '2', '--fanout', '2', '--packages', '2', '--files', '2'],
      ...['--gopath', '--vendor', '--out', 'ws', '-q'],
    ],
  },
  // Your own module: the generated main module stands in for it, its proxy as GOPROXY (offline).
  {
    id: 'analyze-modules-project',
    args: ['analyze', 'modules', '--project', 'ws/main', '--try-vendor', '--no-save'],
    needs: ['generate'],
    env: { GOPROXY: 'file://$PWD/ws/proxy', GOSUMDB: 'off' },
  },
  // The acceptance sweep of issue 10: cold builds at GOMAXPROCS 1, 2 × -p 1, 2, ten rounds so
  // that each configuration is compared with default round by round (about 8 min), then the
  // same sweep again: the same best configuration, or a difference that is not significant.
  ...['sweep-cold', 'sweep-cold-repeat'].map((id): Step => ({
    id,
    args: [
      'sweep',
      '--scenario',
      'build/hello-cold',
      '--param',
      'GOMAXPROCS=1,2',
      '--param',
      'p=1,2',
      '--runs',
      '10',
      '--svg',
      // The repeat's chart stays in the temporary directory: the page shows the first one.
      id === 'sweep-cold' ? path.join(images, 'sweep-hello-cold.svg') : `${id}.svg`,
      '--json',
      `${id}.json`,
    ],
  })),
  // Link flags on hello world, cold and warm: the table per scenario and the best flags.
  { id: 'sweep-link-flags', args: ['sweep', '--preset', 'link-flags', '--runs', '5', '--wide'] },
  {
    id: 'sweep-gobench',
    args: ['report', 'sweep-cold.json', '--format', 'gobench'],
    needs: ['sweep-cold'],
  },
];

const pages = [
  path.join(repoRoot, 'README.md'),
  ...readdirSync(path.join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(repoRoot, 'docs', f)),
];

/** Runs the CLI with args in cwd; resolves with its exit code and stdout (stderr passes through). */
function runCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr
      .setEncoding('utf8')
      .on('data', (d: string) => process.stderr.write(`    ${d.replace(/\n(?=.)/g, '\n    ')}`));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 + os.constants.signals[signal] : 70), stdout }),
    );
  });
}

async function main(): Promise<number> {
  const chosen = selectSteps(steps, process.argv.slice(2));
  const used = new Set<string>();
  for (const page of pages) regionIds(readFileSync(page, 'utf8')).forEach((id) => used.add(id));
  // check-demo-* regions are written by `npm run docs:check` (scripts/docs-check.ts).
  const stray = [...used].filter(
    (id) => !steps.some((s) => s.id === id) && !id.startsWith('check-demo-'),
  );
  if (stray.length > 0) console.error(`docs:examples: regions with no step: ${stray.join(', ')}`);
  const needed = new Set(steps.flatMap((s) => s.needs ?? []));
  const unshown = steps.filter((s) => !used.has(s.id) && !needed.has(s.id)).map((s) => s.id);
  if (unshown.length > 0)
    console.error(`docs:examples: steps no page shows: ${unshown.join(', ')}`);

  // The figures depend on how busy the machine was: the page says so beside the machine.
  const loadAtStart = os.loadavg()[0] ?? 0;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gobaseline-docs-'));
  let interrupted = false;
  process.on('SIGINT', () => (interrupted = true)); // the child gets it too; clean up after it
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const kind of ['DATA', 'CACHE', 'CONFIG', 'STATE']) {
      const dir = path.join(tmp, kind.toLowerCase());
      mkdirSync(dir);
      env[`XDG_${kind}_HOME`] = dir;
    }
    const work = path.join(tmp, 'work');
    mkdirSync(work);
    mkdirSync(images, { recursive: true });

    const outputs = new Map<string, string>();
    const failed: string[] = [];
    for (const [i, step] of chosen.entries()) {
      if (interrupted) break;
      const started = Date.now();
      console.error(`[${i + 1}/${chosen.length}] gobaseline ${step.args.join(' ')}`);
      const stepEnv = Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace('$PWD', work)]);
      const { code, stdout } = await runCli(step.args, work, {
        ...env,
        ...Object.fromEntries(stepEnv),
      });
      console.error(`    exit ${code} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
      if ((step.ok ?? [0]).includes(code)) outputs.set(step.id, stdout);
      else failed.push(`${step.id} (exit ${code})`);
    }

    const load = `1-minute load average ${loadAtStart.toFixed(1)} at the start`;
    const taken = `_Output on this page: taken ${machineLine()}, ${load}, by \`npm run docs:examples\`._`;
    const rewritten: string[] = [];
    for (const page of pages) {
      if (!(await rewritePageFile(page, outputs, steps, repoRoot, taken))) continue;
      rewritten.push(page);
      console.error(`rewrote ${path.relative(repoRoot, page)}`);
    }
    // Keep the pages as `npm run lint` wants them (tables and lists outside the regions).
    if (rewritten.length > 0) {
      const prettier = path.join(repoRoot, 'node_modules', '.bin', 'prettier');
      spawnSync(prettier, ['--write', ...rewritten], { stdio: 'inherit' });
    }
    if (failed.length > 0)
      console.error(`docs:examples: kept the old output of ${failed.join(', ')}`);
    if (interrupted) return 130;
    return failed.length > 0 ? 1 : 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`docs:examples: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);

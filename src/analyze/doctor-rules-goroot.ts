// Doctor rules about GOROOT and the go binary: relative, reached through symlinks, on slow or
// remote storage, not a valid Go root, several go installations on PATH. Pure: facts in,
// a finding or null out.
import { placeLine, settingFix, sourceOf } from './doctor-fix.js';
import type { DoctorFacts, Finding } from './doctor-report.js';

/** GOROOT symlink hops from which the chain counts as long (a warning, not a note). */
export const LONG_SYMLINK_CHAIN = 3;

/** A relative GOROOT is taken against each go command's working directory. */
export function gorootRelative(f: DoctorFacts): Finding | null {
  const g = f.goroot;
  if (!g || g.absolute) return null;
  const source = sourceOf(f, 'GOROOT');
  return {
    id: 'goroot-relative',
    severity: 'bad',
    title: `GOROOT is a relative path (${g.value})`,
    evidence: [
      `GOROOT=${g.value} (${source})`,
      `it resolves to ${g.resolved ?? 'nothing'} from here`,
    ],
    why: 'the go command takes a relative GOROOT against its working directory: it works in one directory and fails (or finds another Go) in every other one',
    fix: g.resolved ? settingFix(source, 'GOROOT', g.resolved) : settingFix(source, 'GOROOT', null),
  };
}

/** Every go command resolves GOROOT's symlinks again for each file it opens there. */
export function gorootSymlinks(f: DoctorFacts): Finding | null {
  const g = f.goroot;
  if (!g || g.hops.length === 0) return null;
  const long = g.hops.length >= LONG_SYMLINK_CHAIN;
  const perHop = f.thorough?.symlinkPerHop;
  const finding: Finding = {
    id: 'goroot-symlinks',
    severity: long ? 'warn' : 'info',
    title: `GOROOT is reached through ${g.hops.length} symlink${g.hops.length === 1 ? '' : 's'}`,
    evidence: [
      `GOROOT=${g.value}`,
      ...g.hops.map((h) => `${h.link} -> ${h.target}`),
      `real path ${g.resolved ?? '(does not resolve)'}`,
    ],
    why: 'the kernel follows every hop again on each path lookup under GOROOT (thousands per build); a long chain also hides which installation is in use',
    fix: g.resolved ? settingFix(sourceOf(f, 'GOROOT'), 'GOROOT', g.resolved) : null,
  };
  if (perHop) {
    const us = (ns: number) => `${(ns / 1e3).toFixed(1)} µs`;
    const ci =
      perHop.loNs !== null && perHop.hiNs !== null
        ? ` (95% CI ${us(perHop.loNs)} to ${us(perHop.hiNs)})`
        : '';
    finding.evidence.push(
      `measured: ${us(perHop.estimateNs)} per hop${ci} added to \`go env GOROOT\` (analyze goroot's symlink experiment)`,
    );
    finding.expectedGain =
      perHop.loNs !== null && perHop.loNs > 0
        ? `about ${us(perHop.estimateNs * g.hops.length)} per go command start`
        : 'none measurable here: the cost per hop is not distinguishable from zero';
  }
  // The go binary finds its GOROOT through /proc/self/exe (already resolved): when GOROOT is
  // not set anywhere, pointing PATH at the real directory is the fix.
  if (finding.fix && sourceOf(f, 'GOROOT') === 'default') {
    finding.fix = {
      commands: [
        `export PATH=${g.resolved}/bin:$PATH   # in your shell profile, before other go entries`,
      ],
    };
  }
  return finding;
}

/** GOROOT on a network, FUSE, host-shared or spinning disk: every build reads thousands of files there. */
export function gorootStorage(f: DoctorFacts): Finding | null {
  const s = f.goroot?.storage;
  if (!s) return null;
  const remote = s.fsClass === 'network' || s.fsClass === 'host-share' || s.fsClass === 'fuse';
  const spinning = s.block?.kind === 'rotational' || s.block?.kind === 'mmc';
  if (!remote && !spinning) return null;
  const what = remote
    ? `a ${s.fsClass === 'host-share' ? 'host-shared' : s.fsClass} filesystem (${s.fsType ?? '?'})`
    : `a ${s.block?.kind === 'mmc' ? 'SD/eMMC card' : 'spinning disk'} (${s.block?.disk ?? '?'})`;
  return {
    id: 'goroot-storage',
    severity: 'warn',
    title: `GOROOT is on ${what}`,
    evidence: [placeLine('GOROOT', s), ...(s.block?.evidence ?? [])],
    why: 'the go command stats and reads thousands of GOROOT files per build (the standard library sources, the compiler and linker): each is a round trip on a remote filesystem or a seek on a spinning disk',
    fix: {
      commands: [
        `cp -a ${s.resolvedPath} /usr/local/go-local   # a local copy on a disk filesystem`,
        'export PATH=/usr/local/go-local/bin:$PATH',
      ],
    },
  };
}

/** The checks of cmd/go that decide whether a directory is a Go root for this binary. */
const VALIDITY_CHECKS = [
  'GOROOT is a directory',
  'GOROOT/pkg/tool exists',
  'compile and link in GOTOOLDIR',
  'GOROOT/VERSION matches the go binary',
];

/** A GOROOT that is missing, not a Go installation, or another version than the go binary. */
export function gorootInvalid(f: DoctorFacts): Finding | null {
  const g = f.goroot;
  if (!g) return null;
  const failed = g.checks.filter((c) => VALIDITY_CHECKS.includes(c.name) && c.ok === false);
  if (failed.length === 0) return null;
  const source = sourceOf(f, 'GOROOT');
  return {
    id: 'goroot-invalid',
    severity: 'bad',
    title: `GOROOT ${g.value} is not a valid Go root for ${f.go.version}`,
    evidence: [`GOROOT=${g.value} (${source})`, ...failed.map((c) => `${c.name}: no, ${c.detail}`)],
    why: 'builds fail or use a standard library and tools of another version than the go binary',
    fix:
      source === 'default'
        ? { commands: ['# reinstall Go: https://go.dev/doc/install'] }
        : settingFix(source, 'GOROOT', null),
  };
}

/** Several go executables on PATH: which one runs depends on PATH order, per shell and per tool. */
export function goShadowed(f: DoctorFacts): Finding | null {
  const distinct = new Map<string, (typeof f.goOnPath)[number]>();
  for (const g of f.goOnPath) if (!distinct.has(g.realPath)) distinct.set(g.realPath, g);
  const gos = [...distinct.values()];
  if (gos.length < 2) return null;
  const versions = new Set(gos.map((g) => g.version ?? '?'));
  const [used, ...others] = gos;
  return {
    id: 'go-shadowed',
    severity: versions.size > 1 ? 'warn' : 'info',
    title: `${gos.length} go installations on PATH; ${used?.path} shadows the others`,
    evidence: gos.map(
      (g, i) =>
        `${g.path} -> ${g.realPath}: ${g.version ?? 'version unknown'}${i === 0 ? ' (used)' : ''}`,
    ),
    why: 'the go that runs depends on the PATH of each shell, IDE and script: builds may use another version (and another GOROOT and cache keys) than the one you measured or expect',
    fix: {
      commands: [
        `which -a go`,
        ...others.map((g) => `# remove ${g.path} (${g.version ?? '?'}) or its directory from PATH`),
      ],
    },
  };
}

/** The GOROOT and go binary rules, in report order. */
export const GOROOT_RULES = [
  gorootInvalid,
  gorootRelative,
  gorootSymlinks,
  gorootStorage,
  goShadowed,
];

// Doctor rules about the toolchain: an older Go than the newest release obtainable through
// GOTOOLCHAIN, and a GOTOOLCHAIN switch that downloads its toolchain (again). Pure.
import { placeLine, settingFix } from './doctor-fix.js';
import { moveCacheFix } from './doctor-rules-caches.js';
import type { DoctorFacts, Finding } from './doctor-report.js';

/** [major, minor, patch] of `go1.26.8` (a missing patch is 0); null for rc, beta or dev builds. */
export function goVersionParts(v: string): [number, number, number] | null {
  const m = /^go(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** Negative when a < b, positive when a > b, as Go release versions; null if either is not one. */
export function compareGoVersions(a: string, b: string): number | null {
  const x = goVersionParts(a);
  const y = goVersionParts(b);
  if (!x || !y) return null;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return 0;
}

/** The local go is older than the newest release the GOPROXY offers as a toolchain. */
export function goOutdated(f: DoctorFacts): Finding | null {
  const { local, newest } = f.toolchain;
  if (newest === null) return null;
  const cmp = compareGoVersions(local, newest);
  if (cmp === null || cmp >= 0) return null;
  const [lp, np] = [goVersionParts(local), goVersionParts(newest)];
  const patchOnly = lp !== null && np !== null && lp[0] === np[0] && lp[1] === np[1];
  return {
    id: 'go-outdated',
    severity: patchOnly ? 'info' : 'warn',
    title: `Go ${local.slice(2)} is older than ${newest.slice(2)}, the newest release`,
    evidence: [
      `the go binary: ${local}`,
      `newest toolchain listed by the GOPROXY for this platform: ${newest}`,
    ],
    why: patchOnly
      ? 'patch releases fix security problems and bugs in the compiler, linker and runtime'
      : 'each Go release brings compiler and linker speed-ups and runtime improvements (PGO, GC); older releases stop getting security fixes one year after the next one',
    fix: settingFix(f.sources.GOTOOLCHAIN ?? 'default', 'GOTOOLCHAIN', newest),
    expectedGain: `measure it first: gobaseline run --toolchain local,${newest}`,
  };
}

/** GOTOOLCHAIN switches to a toolchain that is not in the module cache, or whose cache does not last. */
export function gotoolchainDownload(f: DoctorFacts): Finding | null {
  const t = f.toolchain;
  if (t.switchTo === null) return null;
  const ephemeral = f.gomodcache.storage?.fsClass === 'memory';
  if (t.switchCached !== false && !ephemeral) return null;
  const evidence = [
    `GOTOOLCHAIN=${t.gotoolchain} (${t.gotoolchainSource})${f.project?.toolchainLine ? `, ${f.project.dir}/go.mod asks for ${f.project.toolchainLine}` : ''}`,
    `the local go is ${t.local}; go commands switch to ${t.switchTo}`,
    t.switchCached === false
      ? `${t.switchTo} is not in the module cache ${f.gomodcache.path}`
      : `${t.switchTo} is in the module cache ${f.gomodcache.path}`,
  ];
  if (ephemeral && f.gomodcache.storage)
    evidence.push(placeLine('GOMODCACHE', f.gomodcache.storage));
  return {
    id: 'gotoolchain-download',
    severity: ephemeral ? 'warn' : 'info',
    title: ephemeral
      ? `GOTOOLCHAIN downloads ${t.switchTo} again after every reboot (module cache in memory)`
      : `the next go command downloads ${t.switchTo} (about 70 MB) before it runs`,
    evidence,
    why: 'a toolchain switch runs the selected go from the module cache; when it is missing, every go command first downloads and unpacks it (tens of seconds), and a module cache that does not survive (tmpfs, a fresh CI container) pays that on every start',
    fix: ephemeral
      ? moveCacheFix(f.gomodcache, 'GOMODCACHE')
      : { commands: [`GOTOOLCHAIN=${t.switchTo} go version   # download it once`] },
  };
}

/** The toolchain rules, in report order. */
export const TOOLCHAIN_RULES = [gotoolchainDownload, goOutdated];

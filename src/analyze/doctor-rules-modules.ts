// Doctor rules about modules: GOPROXY=direct, off or unreachable, GOPRIVATE/GONOPROXY patterns
// that send public modules around the proxy, GOSUMDB off, a vendor directory out of sync with
// go.mod, GO111MODULE set. Pure.
import { settingFix, settingLine, sourceOf } from './doctor-fix.js';
import type { DoctorFacts, Finding } from './doctor-report.js';

/** The public default of GOPROXY (GOROOT/go.env). */
export const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct';

/** Hosts that serve public modules: a GOPRIVATE pattern naming one sends all of them around the proxy. */
const PUBLIC_HOSTS = [
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'golang.org',
  'golang.org/x',
  'google.golang.org',
  'gopkg.in',
  'go.uber.org',
  'k8s.io',
  'go.opentelemetry.io',
];

/** GOPROXY's entries (separated by `,` or `|`). */
export function proxyEntries(goproxy: string | undefined): string[] {
  return (goproxy ?? '')
    .split(/[,|]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

/** GOPROXY=direct: every module is fetched from its version control system. */
export function goproxyDirect(f: DoctorFacts): Finding | null {
  const entries = proxyEntries(f.goEnv.GOPROXY);
  if (entries[0] !== 'direct') return null;
  return {
    id: 'goproxy-direct',
    severity: 'warn',
    title: 'GOPROXY=direct: every module is fetched from its repository',
    evidence: [settingLine(f, 'GOPROXY')],
    why: 'without a proxy each module version is a git (or hg, svn) clone of the whole repository and a local zip, instead of one download of a zip the proxy already made; a module cache miss costs seconds per module instead of milliseconds',
    fix: settingFix(sourceOf(f, 'GOPROXY'), 'GOPROXY', DEFAULT_GOPROXY),
    expectedGain:
      'analyze modules measures the cold download: gobaseline analyze modules --project DIR',
  };
}

/** GOPROXY=off: nothing can be downloaded. */
export function goproxyOff(f: DoctorFacts): Finding | null {
  if (proxyEntries(f.goEnv.GOPROXY)[0] !== 'off') return null;
  return {
    id: 'goproxy-off',
    severity: 'info',
    title: 'GOPROXY=off: module downloads are disabled',
    evidence: [settingLine(f, 'GOPROXY')],
    why: 'any module (or GOTOOLCHAIN toolchain) missing from the module cache makes the go command fail; fine for an offline machine with a full cache or vendored projects',
    fix: settingFix(sourceOf(f, 'GOPROXY'), 'GOPROXY', DEFAULT_GOPROXY),
  };
}

/** A proxy in GOPROXY that does not answer: downloads wait for it, then fail or fall back. */
export function goproxyUnreachable(f: DoctorFacts): Finding | null {
  const down = f.proxies.filter((p) => !p.reachable);
  if (down.length === 0) return null;
  const up = f.proxies.filter((p) => p.reachable).map((p) => p.url);
  const entries = proxyEntries(f.goEnv.GOPROXY).filter((e) => !down.some((d) => d.url === e));
  const value = entries.length > 0 && up.length > 0 ? entries.join(',') : DEFAULT_GOPROXY;
  return {
    id: 'goproxy-unreachable',
    severity: 'bad',
    title: `GOPROXY ${down.map((d) => d.url).join(', ')} does not answer`,
    evidence: [settingLine(f, 'GOPROXY'), ...f.proxies.map((p) => `${p.url}: ${p.detail}`)],
    why: 'every module download first waits for the proxy; after a connection error the go command falls back to the next entry only with `|`, with `,` the download fails',
    fix: settingFix(sourceOf(f, 'GOPROXY'), 'GOPROXY', value),
  };
}

/** The pattern list that decides which modules bypass the proxy, and where it is set. */
function noproxyPatterns(f: DoctorFacts): { key: string; patterns: string[] } {
  const key =
    f.goEnv.GONOPROXY && sourceOf(f, 'GONOPROXY') !== 'default' ? 'GONOPROXY' : 'GOPRIVATE';
  const value = f.goEnv.GONOPROXY || f.goEnv.GOPRIVATE || '';
  return {
    key,
    patterns: value
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
  };
}

/** GOPRIVATE/GONOPROXY covering public hosts: public modules are cloned from their repositories. */
export function goprivateBroad(f: DoctorFacts): Finding | null {
  const { key, patterns } = noproxyPatterns(f);
  const broad = patterns.filter(
    (p) => p === '*' || /^\*(\.\*)*$/.test(p) || PUBLIC_HOSTS.includes(p.replace(/\/$/, '')),
  );
  if (broad.length === 0) return null;
  const kept = patterns.filter((p) => !broad.includes(p)).join(',');
  return {
    id: 'goprivate-broad',
    severity: 'warn',
    title: `${key} covers public modules (${broad.join(', ')})`,
    evidence: [
      settingLine(f, key),
      ...(key !== 'GONOPROXY' ? [`GONOPROXY=${f.goEnv.GONOPROXY ?? ''}`] : []),
    ],
    why: `modules matching ${key} skip the proxy and the checksum database: every public module under ${broad.join(', ')} is cloned from its repository (slow, and needs git and credentials); name your private module paths only, e.g. github.com/yourorg`,
    fix: settingFix(sourceOf(f, key), key, kept === '' ? null : kept),
  };
}

/** GOSUMDB=off: faster only by skipping verification. */
export function gosumdbOff(f: DoctorFacts): Finding | null {
  if (f.goEnv.GOSUMDB !== 'off') return null;
  return {
    id: 'gosumdb-off',
    severity: 'info',
    title: 'GOSUMDB=off: downloaded modules are not verified',
    evidence: [settingLine(f, 'GOSUMDB')],
    why: 'the checksum database costs one small lookup per new module version, cached in the module cache; turning it off saves little and trusts every download',
    fix: settingFix(sourceOf(f, 'GOSUMDB'), 'GOSUMDB', null),
  };
}

/** vendor/modules.txt disagrees with go.mod: builds fail with "inconsistent vendoring". */
export function vendorOutOfSync(f: DoctorFacts): Finding | null {
  const p = f.project;
  if (!p || p.vendorConsistent !== false) return null;
  return {
    id: 'vendor-out-of-sync',
    severity: 'bad',
    title: `the vendor directory of ${p.dir} is out of sync with go.mod`,
    evidence: [
      `${p.dir}/vendor/modules.txt exists`,
      ...(p.vendorDetail ?? '')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(0, 6),
    ],
    why: 'the go command uses vendor/ by default when it exists (go 1.14+ in go.mod) and refuses to build until vendor/modules.txt matches go.mod',
    fix: { commands: [`cd ${p.dir} && go mod vendor`] },
  };
}

/** GO111MODULE set: GOPATH mode (off) or settings that no longer do anything (on, auto). */
export function go111module(f: DoctorFacts): Finding | null {
  const v = f.goEnv.GO111MODULE ?? '';
  if (v === '') return null;
  const off = v === 'off';
  return {
    id: 'go111module',
    severity: off ? 'warn' : 'info',
    title: `GO111MODULE=${v} is set`,
    evidence: [settingLine(f, 'GO111MODULE')],
    why: off
      ? 'GOPATH mode: go.mod files are ignored, dependencies come from GOPATH/src without versions or checksums, and modules cannot be built as published'
      : v === 'auto'
        ? 'auto turns modules off outside a module (GOPATH mode there); the default since Go 1.16 is on everywhere'
        : 'on has been the default since Go 1.16: the setting only hides that a project still depends on it',
    fix: settingFix(sourceOf(f, 'GO111MODULE'), 'GO111MODULE', null),
  };
}

/** The module rules, in report order. */
export const MODULE_RULES = [
  vendorOutOfSync,
  goproxyUnreachable,
  goproxyDirect,
  goproxyOff,
  goprivateBroad,
  gosumdbOff,
  go111module,
];

// Doctor rules about concurrency: GOMAXPROCS above the cgroup CPU quota or below the CPUs there
// are, -p in GOFLAGS that does not match them (each with --thorough's short sweep of it, if
// any), a busy machine, the powersave governor. Pure.
import { busyThreshold } from '../probe/load.js';
import {
  cleanGoflags,
  goflagsFields,
  mismatchedP,
  settingFix,
  settingLine,
  sourceOf,
  usableCpus,
} from './doctor-fix.js';
import type { DoctorFacts, Finding } from './doctor-report.js';
import { concurrencySweep, withSweep } from './doctor-rules-sweep.js';

function cpuLines(f: DoctorFacts): string[] {
  const c = f.cpu;
  return [
    `${c.logicalCpus} logical CPUs${c.physicalCores !== null ? `, ${c.physicalCores} physical cores` : ''}${c.affinityCpus !== null && c.affinityCpus !== c.logicalCpus ? `, ${c.affinityCpus} in this process's affinity mask` : ''}`,
    c.quotaCpus === null ? 'no cgroup CPU quota' : `cgroup CPU quota ${c.quotaCpus} CPUs`,
    `Go's default GOMAXPROCS here: ${c.goDefaultProcs}`,
  ];
}

/** GOMAXPROCS set in the environment to something other than what the CPUs allow. */
export function gomaxprocs(f: DoctorFacts): Finding | null {
  const raw = f.cpu.gomaxprocsEnv;
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  const usable = usableCpus(f);
  const fix = settingFix('environment', 'GOMAXPROCS', null);
  if (!Number.isInteger(n) || n < 1) {
    return {
      id: 'gomaxprocs-invalid',
      severity: 'warn',
      title: `GOMAXPROCS=${raw} is not a positive whole number`,
      evidence: [`GOMAXPROCS=${raw} (environment)`],
      why: 'the runtime ignores it and uses its default, so the setting does not do what it seems to',
      fix,
    };
  }
  // Go's own default (2 at least) is no worse than the quota rounded up: only above both.
  const quotaLimit =
    f.cpu.quotaCpus === null ? null : Math.max(Math.ceil(f.cpu.quotaCpus), f.cpu.goDefaultProcs);
  if (quotaLimit !== null && n > quotaLimit) {
    return withSweep(
      {
        id: 'gomaxprocs-above-quota',
        severity: 'warn',
        title: `GOMAXPROCS=${n} is above the cgroup CPU quota of ${f.cpu.quotaCpus} CPUs`,
        evidence: [`GOMAXPROCS=${n} (environment)`, ...cpuLines(f)],
        why: `with more runnable threads than the quota, the kernel throttles the whole cgroup for the rest of each period: the go command (and every Go program) stalls in bursts; Go's default (${f.cpu.goDefaultProcs}) already follows the quota`,
        fix,
      },
      f,
      'GOMAXPROCS',
      String(n),
    );
  }
  if (n < usable) {
    return withSweep(
      {
        id: 'gomaxprocs-below-cores',
        severity: 'warn',
        title: `GOMAXPROCS=${n} leaves ${usable - n} of ${usable} usable CPUs idle`,
        evidence: [`GOMAXPROCS=${n} (environment)`, ...cpuLines(f)],
        why: 'the go command compiles one package per GOMAXPROCS slot (its default -p) and every Go tool runs with fewer threads than the machine has',
        fix,
      },
      f,
      'GOMAXPROCS',
      String(n),
    );
  }
  return null;
}

/** -p in GOFLAGS: more build actions at once than CPUs, or far fewer. */
export function pMismatch(f: DoctorFacts): Finding | null {
  const usable = usableCpus(f);
  const p = goflagsFields(f.goEnv.GOFLAGS)
    .map((x) => mismatchedP(x, usable))
    .find((x) => x !== null);
  if (p === undefined || p === null) return null;
  const over = p > usable;
  return withSweep(
    {
      id: 'p-mismatch',
      severity: 'warn',
      title: `GOFLAGS sets -p=${p} for ${usable} usable CPUs`,
      evidence: [settingLine(f, 'GOFLAGS'), ...cpuLines(f)],
      why: over
        ? `${p} compiles at once on ${usable} CPUs only add context switches and peak memory; the default -p (GOMAXPROCS) already matches the CPUs`
        : `only ${p} package${p === 1 ? '' : 's'} compile${p === 1 ? 's' : ''} at once while ${usable - p} CPU${usable - p === 1 ? '' : 's'} wait${usable - p === 1 ? 's' : ''}; lower -p only when memory is short`,
      fix: settingFix(sourceOf(f, 'GOFLAGS'), 'GOFLAGS', cleanGoflags(f)),
      expectedGain: `measure it: gobaseline sweep --scenario build/net-http-cold --param p=${Math.min(p, usable)},${Math.max(p, usable)}`,
    },
    f,
    'p',
    String(p),
  );
}

/** Other work on the machine: builds and measurements compete for the CPUs. */
export function loadBusy(f: DoctorFacts): Finding | null {
  const limit = busyThreshold(f.cpu.logicalCpus);
  if (!(f.cpu.loadAvg1 > limit)) return null;
  return {
    id: 'load-busy',
    severity: 'warn',
    title: `the machine is busy: load ${f.cpu.loadAvg1.toFixed(2)} on ${f.cpu.logicalCpus} CPUs`,
    evidence: [
      `1-minute load average ${f.cpu.loadAvg1.toFixed(2)}, 5-minute ${f.cpu.loadAvg5.toFixed(2)} (idle below ${limit.toFixed(2)})`,
    ],
    why: 'runnable tasks beyond the CPUs wait their turn: builds take longer and measurements vary; this is the machine now, not its setup',
    fix: { commands: ['top -o %CPU   # find the work competing for the CPUs'] },
  };
}

/** The powersave governor keeps the clock low. */
export function governorPowersave(f: DoctorFacts): Finding | null {
  if (f.cpu.governor !== 'powersave') return null;
  return {
    id: 'governor-powersave',
    severity: 'warn',
    title: 'the CPU frequency governor is powersave',
    evidence: ['/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor: powersave'],
    why: 'with acpi-cpufreq, powersave runs at the lowest clock; builds are CPU-bound and take longer (with intel_pstate or amd-pstate active, powersave still scales up, but later than performance)',
    fix: { commands: ['sudo cpupower frequency-set -g performance   # or schedutil'] },
  };
}

/** The concurrency rules, in report order. */
export const CPU_RULES = [gomaxprocs, pMismatch, concurrencySweep, governorPowersave, loadBusy];

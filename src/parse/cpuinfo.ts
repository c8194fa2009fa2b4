// Pure parser for /proc/cpuinfo.

/** What /proc/cpuinfo tells us; counts are null when the file does not carry topology. */
export interface CpuinfoFacts {
  /** `model name` (x86), `cpu` (POWER) or `Processor`/`cpu model` (older ARM, MIPS) of the first CPU. */
  model: string | null;
  /** Distinct `physical id` values. */
  sockets: number | null;
  /** Distinct (`physical id`, `core id`) pairs, else `cpu cores` × sockets. */
  cores: number | null;
  /** Number of `processor` entries (online logical CPUs); 0 if none were found. */
  threads: number;
  /** `cpu MHz` of the first CPU (current clock, in MHz). */
  mhz: number | null;
  /** `flags` (x86) or `Features` (ARM) of the first CPU. */
  flags: string[];
}

type Block = Map<string, string>;

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: Block = new Map();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (line.trim() === '' || colon < 0) {
      if (current.size > 0) out.push(current);
      current = new Map();
      continue;
    }
    current.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  if (current.size > 0) out.push(current);
  return out;
}

function firstOf(block: Block | undefined, keys: string[]): string | null {
  if (block === undefined) return null;
  for (const key of keys) {
    const value = block.get(key);
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

/** Parse /proc/cpuinfo text. */
export function parseCpuinfo(text: string): CpuinfoFacts {
  const all = blocks(text);
  const cpus = all.filter((b) => b.has('processor'));
  const first = cpus[0];
  // Older ARM kernels put the model in a trailing block without `processor`.
  const model =
    firstOf(first, ['model name', 'cpu model', 'cpu', 'Processor']) ??
    all.map((b) => firstOf(b, ['model name', 'Processor'])).find((m) => m !== null) ??
    null;

  const packages = new Set<string>();
  const coreIds = new Set<string>();
  let coresPerPackage: number | null = null;
  for (const cpu of cpus) {
    const pkg = cpu.get('physical id');
    if (pkg === undefined) continue;
    packages.add(pkg);
    const core = cpu.get('core id');
    if (core !== undefined) coreIds.add(`${pkg}/${core}`);
    const n = Number(cpu.get('cpu cores'));
    if (Number.isInteger(n) && n > 0) coresPerPackage = n;
  }
  const sockets = packages.size > 0 ? packages.size : null;
  let cores: number | null = null;
  if (coreIds.size > 0) cores = coreIds.size;
  else if (sockets !== null && coresPerPackage !== null) cores = sockets * coresPerPackage;

  const mhzText = firstOf(first, ['cpu MHz']);
  const mhz = mhzText === null ? null : Number(mhzText);
  const flags = firstOf(first, ['flags', 'Features']);

  return {
    model,
    sockets,
    cores,
    threads: cpus.length,
    mhz: mhz !== null && Number.isFinite(mhz) && mhz > 0 ? mhz : null,
    flags: flags === null ? [] : flags.split(/\s+/),
  };
}

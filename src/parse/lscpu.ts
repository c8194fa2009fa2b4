// Pure reader of `lscpu -J` (util-linux): the topology counts it reports, for a cross-check of
// what the probe reads from sysfs. Newer util-linux nests fields under `children`.

/** The counts lscpu reports; null where it does not. */
export interface LscpuFacts {
  /** `CPU(s):` (present CPUs, online or not). */
  cpus: number | null;
  /** `Thread(s) per core:`. */
  threadsPerCore: number | null;
  /** `Core(s) per socket:` (or `per cluster:` on some ARM machines). */
  coresPerSocket: number | null;
  /** `Socket(s):`. */
  sockets: number | null;
  /** `NUMA node(s):`. */
  numaNodes: number | null;
}

interface Field {
  field?: unknown;
  data?: unknown;
  children?: unknown;
}

function collect(fields: unknown, out: Map<string, string>): void {
  if (!Array.isArray(fields)) return;
  for (const f of fields as Field[]) {
    if (f === null || typeof f !== 'object') continue;
    if (typeof f.field === 'string' && typeof f.data === 'string') {
      const key = f.field.trim().replace(/:$/, '');
      if (!out.has(key)) out.set(key, f.data.trim());
    }
    collect(f.children, out);
  }
}

/** `lscpu -J` text to its counts; every count null when the text is not lscpu's JSON. */
export function parseLscpuJson(text: string): LscpuFacts {
  const fields = new Map<string, string>();
  try {
    const doc = JSON.parse(text) as { lscpu?: unknown } | null;
    if (doc !== null && typeof doc === 'object') collect(doc.lscpu, fields);
  } catch {
    // Not JSON: nothing to cross-check.
  }
  const count = (...keys: string[]): number | null => {
    for (const key of keys) {
      const value = fields.get(key);
      if (value !== undefined && /^\d{1,6}$/.test(value)) return Number(value);
    }
    return null;
  };
  return {
    cpus: count('CPU(s)'),
    threadsPerCore: count('Thread(s) per core'),
    coresPerSocket: count('Core(s) per socket', 'Core(s) per cluster'),
    sockets: count('Socket(s)'),
    numaNodes: count('NUMA node(s)'),
  };
}

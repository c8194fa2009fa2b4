// Pure parser for /proc/meminfo.

/** Memory facts from /proc/meminfo, in bytes. */
export interface MeminfoFacts {
  /** MemTotal in bytes. */
  totalBytes: number | null;
  /** MemAvailable in bytes (absent before Linux 3.14). */
  availableBytes: number | null;
}

const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  kB: 1024,
  KB: 1024,
  mB: 1024 ** 2,
  MB: 1024 ** 2,
};

/** Parse /proc/meminfo text; sizes are reported in kB (KiB) and returned in bytes. */
export function parseMeminfo(text: string): MeminfoFacts {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([\w()]+):\s*(\d+)\s*(\w*)\s*$/.exec(line);
    if (m === null) continue;
    const [, key = '', amount = '', unit = ''] = m;
    const scale = UNITS[unit];
    const bytes = Number(amount) * (scale ?? NaN);
    if (Number.isSafeInteger(bytes)) values.set(key, bytes); // else an unknown unit, or damage
  }
  return {
    totalBytes: values.get('MemTotal') ?? null,
    availableBytes: values.get('MemAvailable') ?? null,
  };
}

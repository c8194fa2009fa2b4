// Number formatting exactly as Go's fmt prints it, so strings that benchstat prints (deltas,
// p-values, CI percentages) come out identical here. Pure.

/** |x| as an exact binary fraction: mant · 2^exp (x finite). */
function decompose(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mant, exp: -1074 }; // subnormal
  return { mant: mant | (1n << 52n), exp: biased - 1075 };
}

/**
 * Formats `x` like Go's `fmt.Sprintf("%.<digits>f", x)`: correctly rounded from the exact binary
 * value, with ties to even (JavaScript's toFixed breaks exact ties away from zero), and
 * `+Inf`, `-Inf`, `NaN` for non-finite values.
 */
export function formatGoFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const plain = x.toFixed(digits);
  const { mant, exp } = decompose(x);
  if (exp >= 0 || mant === 0n) return plain; // an integer: no tie possible
  // x·10^digits = mant·10^digits / 2^-exp; it is a tie when twice that is an odd integer.
  const twice = mant * 10n ** BigInt(digits) * 2n;
  const denominator = 1n << BigInt(-exp);
  if (twice % denominator !== 0n) return plain;
  const doubled = twice / denominator;
  if (doubled % 2n === 0n) return plain;
  const below = (doubled - 1n) / 2n; // the tie lies between below and below + 1
  const rounded = below % 2n === 0n ? below : below + 1n;
  let text = rounded.toString().padStart(digits + 1, '0');
  if (digits > 0) text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return x < 0 ? `-${text}` : text;
}

/** Go's `%+.<digits>f`: formatGoFixed with an explicit `+` on non-negative values. */
export function formatGoSigned(x: number, digits: number): string {
  const text = formatGoFixed(x, digits);
  return text.startsWith('-') || text.startsWith('+') ? text : `+${text}`;
}

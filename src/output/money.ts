// Money: providers send yuan as floats; sums are computed in fen (integers) so they never drift, and shown
// as yuan with at most two decimals.

/** Yuan (number or numeric string) → whole fen. 0.57 → 57, "12.3" → 1230. */
export function toFen(yuan: number | string): number {
  // Number('') and Number('  ') are 0: a blank amount must not pass silently as zero.
  const value = typeof yuan === 'string' ? (yuan.trim() === '' ? Number.NaN : Number(yuan)) : yuan;
  if (!Number.isFinite(value)) throw new RangeError(`not an amount of money: ${JSON.stringify(yuan)}`);
  // `+ 0` turns the -0 that Math.round gives for tiny negatives into 0, which prints without a sign.
  return Math.round(value * 100) + 0;
}

/** Whole fen → yuan as a number with at most two decimals. 57 → 0.57. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

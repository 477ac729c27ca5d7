// Counts for people: 1234567 → "1,234,567", as toLocaleString('en-US') writes them, without reaching for
// Intl: its first use loads ICU data into the run's memory, a poor trade for two commas in a progress line.

/** A whole number with commas between groups of three digits. */
export function formatCount(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const group = digits.slice(Math.max(0, end - 3), end);
    out = out === '' ? group : `${group},${out}`;
  }
  return n < 0 && digits !== '0' ? `-${out}` : out;
}

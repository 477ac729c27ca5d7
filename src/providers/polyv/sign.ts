// Polyv request signing (docs/providers.md §3.2): which parameters travel, and the uppercase MD5 over them.
// The appSecret only ever enters the digest here; it is never put into a parameter map that is sent or logged.
import { createHash } from 'node:crypto';

export type ParamValue = string | number | null | undefined;

/**
 * The parameters that are both sent and signed, sorted by name in ASCII order, values as raw text.
 * Polyv's Java SDK leaves blank strings out of the signature while its TypeScript SDK signs them (§6), so a
 * null, empty or whitespace-only value is never sent at all: then every Polyv implementation agrees.
 */
export function sendableParams(params: Readonly<Record<string, ParamValue>>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(params)) {
    if (name === 'sign' || value === null || value === undefined) continue;
    const text = String(value);
    if (text.trim() === '') continue;
    out.push([name, text]);
  }
  // Plain code-unit comparison is ASCII order for ASCII names; localeCompare would not be.
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The string that is hashed: appSecret + name1value1name2value2… + appSecret, values not URL-encoded. */
export function signingString(params: Readonly<Record<string, ParamValue>>, appSecret: string): string {
  const joined = sendableParams(params)
    .map(([name, value]) => `${name}${value}`)
    .join('');
  return `${appSecret}${joined}${appSecret}`;
}

/** MD5 of the UTF-8 signing string as 32 uppercase hex digits. */
export function polyvSign(params: Readonly<Record<string, ParamValue>>, appSecret: string): string {
  return createHash('md5').update(signingString(params, appSecret), 'utf8').digest('hex').toUpperCase();
}

// Polyv request signature verification for the sandbox, written from docs/providers.md §3.2 on node:crypto alone
// (nothing shared with the client's signer): uppercase hex digest of secret + sorted key/value pairs + secret.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The text that is hashed: raw (decoded) values, keys in code-unit order, no separators, `sign` left out. */
export function polyvSignedText(params: ReadonlyArray<readonly [string, string]>, appSecret: string): string {
  const pairs = params.filter(([key]) => key !== 'sign').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${appSecret}${pairs.map(([key, value]) => `${key}${value}`).join('')}${appSecret}`;
}

export function polyvSign(params: ReadonlyArray<readonly [string, string]>, appSecret: string, algorithm: 'md5' | 'sha256' = 'md5'): string {
  return createHash(algorithm).update(polyvSignedText(params, appSecret), 'utf8').digest('hex').toUpperCase();
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `sign` matches. With signatureMethod=SHA256 the digest is SHA-256; whether signatureMethod itself is
 * signed is undocumented (the official TypeScript SDK leaves it out), so both readings are accepted. */
export function verifyPolyvSign(params: ReadonlyArray<readonly [string, string]>, appSecret: string): boolean {
  const sign = params.find(([key]) => key === 'sign')?.[1];
  if (sign === undefined) return false;
  const method = params.find(([key]) => key === 'signatureMethod')?.[1];
  if (method === undefined || method.toUpperCase() === 'MD5') return same(sign, polyvSign(params, appSecret, 'md5'));
  if (method.toUpperCase() !== 'SHA256') return false;
  const withoutMethod = params.filter(([key]) => key !== 'signatureMethod');
  return same(sign, polyvSign(params, appSecret, 'sha256')) || same(sign, polyvSign(withoutMethod, appSecret, 'sha256'));
}

// Tencent UserSig (TLSSigAPIv2) verification for the sandbox, written from docs/providers.md §2.2 on node:crypto
// and node:zlib alone: it shares no code with the client's signer, so a mistake in one cannot hide in the other.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';

export interface DecodedUserSig {
  version: string;
  identifier: string;
  sdkAppId: number;
  time: number;
  expire: number;
  sig: string;
}

/** Undoes the URL-safe alphabet (`*`→`+`, `-`→`/`, `_`→`=`), base64, zlib (RFC 1950) and JSON; undefined if any step fails. */
export function decodeUserSig(userSig: string): DecodedUserSig | undefined {
  const base64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  // Buffer's base64 decoder skips characters it does not know; a real server would not, so check first.
  if (base64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(inflateSync(Buffer.from(base64, 'base64')).toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const doc = parsed as Record<string, unknown>;
  const [version, identifier, sdkAppId, time, expire, sig] = [
    doc['TLS.ver'],
    doc['TLS.identifier'],
    doc['TLS.sdkappid'],
    doc['TLS.time'],
    doc['TLS.expire'],
    doc['TLS.sig'],
  ];
  if (typeof version !== 'string' || typeof identifier !== 'string' || typeof sig !== 'string') return undefined;
  if (!Number.isSafeInteger(sdkAppId) || !Number.isSafeInteger(time) || !Number.isSafeInteger(expire)) return undefined;
  return { version, identifier, sdkAppId: sdkAppId as number, time: time as number, expire: expire as number, sig };
}

/** TLS.sig: standard base64 of HMAC-SHA256 keyed with the SecretKey's UTF-8 bytes over the four content lines. */
export function computeTlsSig(key: string, identifier: string, sdkAppId: number, time: number, expire: number): string {
  const content = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(content, 'utf8').digest('base64');
}

export interface UserSigExpectation {
  sdkAppId: number;
  key: string;
  identifier: string;
  /** Seconds since the epoch. */
  nowSeconds: number;
}

export type UserSigVerdict = { ok: true; sig: DecodedUserSig } | { ok: false; code: number; info: string };

/** Checks in the order a forged sig learns least: shape, identity, signature, then expiry. */
export function verifyUserSig(userSig: string, expected: UserSigExpectation): UserSigVerdict {
  const sig = decodeUserSig(userSig);
  if (!sig || sig.version !== '2.0') return { ok: false, code: 70003, info: 'usersig is invalid: it cannot be decoded' };
  if (sig.identifier !== expected.identifier) {
    return { ok: false, code: 70013, info: 'identifier in usersig does not match the identifier in the request' };
  }
  if (sig.sdkAppId !== expected.sdkAppId) {
    return { ok: false, code: 70014, info: 'sdkappid in usersig does not match the sdkappid in the request' };
  }
  const want = Buffer.from(computeTlsSig(expected.key, sig.identifier, sig.sdkAppId, sig.time, sig.expire), 'utf8');
  const got = Buffer.from(sig.sig, 'utf8');
  if (want.length !== got.length || !timingSafeEqual(want, got)) {
    return { ok: false, code: 70009, info: 'usersig verification failed: signed with another key' };
  }
  if (expected.nowSeconds > sig.time + sig.expire) return { ok: false, code: 70001, info: 'usersig expired, generate a new one' };
  return { ok: true, sig };
}

// The Tencent UserSig (TLSSigAPIv2, docs/providers.md §2.2), made locally from the app's secret key, and the
// keeper that makes one per run and replaces it at most once when Tencent calls it expired (ErrorCode 70001).
import { createHmac } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Redactor } from '../../http/redact.js';
import { USERSIG_LIFETIME_SECONDS } from './schemas.js';

export interface UserSigInput {
  sdkAppId: number;
  /** The app SecretKey as-is: its UTF-8 bytes are the HMAC key (it is not hex-decoded). */
  secretKey: string;
  identifier: string;
  /** Unix time in seconds (TLS.time). */
  time: number;
  /** Lifetime in seconds after `time` (TLS.expire). */
  expire: number;
}

/** Makes a UserSig: HMAC-SHA256 over four lines, a JSON document, zlib, then base64 with URL-safe substitutes. */
export function makeUserSig(input: UserSigInput): string {
  const content =
    `TLS.identifier:${input.identifier}\n` +
    `TLS.sdkappid:${input.sdkAppId}\n` +
    `TLS.time:${input.time}\n` +
    `TLS.expire:${input.expire}\n`;
  const sig = createHmac('sha256', Buffer.from(input.secretKey, 'utf8')).update(content, 'utf8').digest('base64');
  const document = JSON.stringify({
    'TLS.ver': '2.0',
    'TLS.identifier': input.identifier,
    'TLS.sdkappid': input.sdkAppId,
    'TLS.expire': input.expire,
    'TLS.time': input.time,
    'TLS.sig': sig,
  });
  // zlib with its header (RFC 1950), not gzip and not raw deflate: the server inflates it that way.
  return deflateSync(Buffer.from(document, 'utf8'))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}

export interface IssuedUserSig {
  value: string;
  /** 0 for the run's first UserSig, 1 after the one renewal. */
  generation: number;
}

export interface UserSigKeeperOptions {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  /** Milliseconds since the epoch (the context clock, so tests pin it). */
  now: () => number;
  redactor: Redactor;
  lifetimeSeconds?: number;
}

export class UserSigKeeper {
  private issued: IssuedUserSig | undefined;

  constructor(private readonly options: UserSigKeeperOptions) {}

  /** The run's current UserSig, made on first use. */
  current(): IssuedUserSig {
    return (this.issued ??= this.make(0));
  }

  /**
   * Called after a 70001 answer to a request signed with `stale`. Returns true when a retry should go ahead:
   * either another call has already renewed it, or this is the run's one renewal. False means give up.
   */
  renew(stale: IssuedUserSig): boolean {
    const latest = this.current();
    if (latest.generation !== stale.generation) return true;
    if (latest.generation >= 1) return false;
    this.issued = this.make(latest.generation + 1);
    return true;
  }

  private make(generation: number): IssuedUserSig {
    const value = makeUserSig({
      sdkAppId: this.options.sdkAppId,
      secretKey: this.options.secretKey,
      identifier: this.options.identifier,
      time: Math.floor(this.options.now() / 1000),
      expire: this.options.lifetimeSeconds ?? USERSIG_LIFETIME_SECONDS,
    });
    // Registered before it can reach a URL, a log line or an error message.
    this.options.redactor.add(value);
    return { value, generation };
  }
}

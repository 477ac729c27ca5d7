import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/http/redact.js';
import { makeUserSig, UserSigKeeper } from '../../../src/providers/tencent/usersig.js';
import { decodeUserSig, SECRET_KEY } from './harness.js';

// docs/providers.md §6: sdkappid 1400000000, Tencent's README key, TLS.time 1700000000.
const VECTORS = [
  { identifier: 'xiaojun', expire: 15552000, sig: 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=' },
  { identifier: 'xiaojun', expire: 86400, sig: 'SNF4FmVCPucoXsBOpbVF3fFCf57JPm0ezZ1jeVILlVc=' },
  { identifier: 'administrator', expire: 15552000, sig: 'JCzxanF8NTTXau4m+2h9wv7gYJnyNksm0xm1NEXU274=' },
  { identifier: 'administrator', expire: 86400, sig: 'yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=' },
];

describe('makeUserSig (TLSSigAPIv2)', () => {
  it.each(VECTORS)('matches the §6 vector for $identifier / $expire', ({ identifier, expire, sig }) => {
    const userSig = makeUserSig({ sdkAppId: 1400000000, secretKey: SECRET_KEY, identifier, time: 1700000000, expire });
    expect(userSig).toMatch(/^[A-Za-z0-9*_-]+$/);
    expect(decodeUserSig(userSig)).toEqual({
      'TLS.ver': '2.0',
      'TLS.identifier': identifier,
      'TLS.sdkappid': 1400000000,
      'TLS.time': 1700000000,
      'TLS.expire': expire,
      'TLS.sig': sig,
    });
  });

  it('keeps sdkappid, time and expire as JSON numbers', () => {
    const userSig = makeUserSig({ sdkAppId: 1400000000, secretKey: 'k', identifier: 'a', time: 1, expire: 2 });
    const decoded = decodeUserSig(userSig);
    expect(typeof decoded['TLS.sdkappid']).toBe('number');
    expect(typeof decoded['TLS.time']).toBe('number');
    expect(typeof decoded['TLS.expire']).toBe('number');
  });
});

describe('UserSigKeeper', () => {
  const options = (now: { ms: number }, redactor: Redactor) => ({
    sdkAppId: 1400000000,
    secretKey: SECRET_KEY,
    identifier: 'administrator',
    now: () => now.ms,
    redactor,
  });

  it('makes one UserSig valid for a day from the injected clock and registers it as a secret', () => {
    const redactor = new Redactor();
    const keeper = new UserSigKeeper(options({ ms: 1_700_000_000_999 }, redactor));
    const first = keeper.current();
    expect(keeper.current()).toBe(first);
    const decoded = decodeUserSig(first.value);
    expect(decoded['TLS.time']).toBe(1700000000);
    expect(decoded['TLS.expire']).toBe(86400);
    expect(decoded['TLS.sig']).toBe('yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=');
    expect(redactor.text(`sig=${first.value}`)).toBe('sig=[REDACTED]');
  });

  it('renews once, lets callers holding the old one retry, and refuses a second renewal', () => {
    const now = { ms: 1_700_000_000_000 };
    const redactor = new Redactor();
    const keeper = new UserSigKeeper(options(now, redactor));
    const first = keeper.current();
    now.ms += 90_000_000;
    expect(keeper.renew(first)).toBe(true);
    const second = keeper.current();
    expect(second.value).not.toBe(first.value);
    expect(decodeUserSig(second.value)['TLS.time']).toBe(1700090000);
    expect(redactor.text(second.value)).toBe('[REDACTED]');
    // A concurrent call that was signed with the first UserSig retries with the new one.
    expect(keeper.renew(first)).toBe(true);
    expect(keeper.current()).toBe(second);
    expect(keeper.renew(second)).toBe(false);
  });
});

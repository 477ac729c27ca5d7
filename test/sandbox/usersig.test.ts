// The sandbox's UserSig verifier against the vectors of docs/providers.md §6 and signatures built in the test.
import { describe, expect, it } from 'vitest';
import { computeTlsSig, decodeUserSig, verifyUserSig } from '../../src/sandbox/usersig.js';
import { makeUserSig } from './helpers.js';

// docs/providers.md §6: Tencent's README key, TLS.time pinned to 1700000000.
const APP = 1400000000;
const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const TIME = 1700000000;
// docs/providers.md §2.2: the whole UserSig the official Node generator printed for administrator / 86400.
const OFFICIAL =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIyNEcVTa0oyCxKVbKyMDOBCRVnpitZKVX6OKZql5uHh6aGlhYmhVlm6IdEmFuUGhnmh7hnamdaRhUYlhoHFORFmhnYKtUCAK0SM5I_';

describe('TLS.sig against docs/providers.md §6', () => {
  it.each([
    ['xiaojun', 15552000, 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4='],
    ['xiaojun', 86400, 'SNF4FmVCPucoXsBOpbVF3fFCf57JPm0ezZ1jeVILlVc='],
    ['administrator', 15552000, 'JCzxanF8NTTXau4m+2h9wv7gYJnyNksm0xm1NEXU274='],
    ['administrator', 86400, 'yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60='],
  ])('%s / %i', (identifier, expire, sig) => {
    expect(computeTlsSig(KEY, identifier, APP, TIME, expire)).toBe(sig);
  });
});

describe('decodeUserSig', () => {
  it('decodes the official UserSig string of §2.2', () => {
    expect(decodeUserSig(OFFICIAL)).toEqual({
      version: '2.0',
      identifier: 'administrator',
      sdkAppId: APP,
      time: TIME,
      expire: 86400,
      sig: 'yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=',
    });
  });

  it('verifies the official UserSig inside its lifetime and refuses it after', () => {
    const expected = { sdkAppId: APP, key: KEY, identifier: 'administrator' };
    expect(verifyUserSig(OFFICIAL, { ...expected, nowSeconds: TIME + 86400 }).ok).toBe(true);
    expect(verifyUserSig(OFFICIAL, { ...expected, nowSeconds: TIME + 86401 })).toMatchObject({ ok: false, code: 70001 });
  });

  it('verifies a UserSig built independently in the test', () => {
    const sig = makeUserSig({ sdkAppId: APP, key: KEY, identifier: 'xiaojun', time: TIME, expire: 15552000 });
    expect(verifyUserSig(sig, { sdkAppId: APP, key: KEY, identifier: 'xiaojun', nowSeconds: TIME + 10 })).toMatchObject({ ok: true });
  });

  it.each([
    ['standard base64 whose "+" became a space in the query', OFFICIAL.replace(/\*/g, ' ')],
    ['raw deflate instead of zlib', 'ywBLAA__'],
    ['plain text', 'hello world'],
    ['empty', ''],
  ])('refuses %s as undecodable', (_, text) => {
    expect(decodeUserSig(text)).toBeUndefined();
    expect(verifyUserSig(text, { sdkAppId: APP, key: KEY, identifier: 'administrator', nowSeconds: TIME })).toMatchObject({ code: 70003 });
  });

  it('refuses a document with a field of the wrong type or version', () => {
    const base = { sdkAppId: APP, key: KEY, identifier: 'administrator', time: TIME, expire: 86400 };
    const stringTime = makeUserSig(base, (doc) => (doc['TLS.time'] = String(TIME)));
    expect(decodeUserSig(stringTime)).toBeUndefined();
    const oldVersion = makeUserSig(base, (doc) => (doc['TLS.ver'] = '1.0'));
    expect(verifyUserSig(oldVersion, { sdkAppId: APP, key: KEY, identifier: 'administrator', nowSeconds: TIME })).toMatchObject({ code: 70003 });
  });

  it('tells identity, app, key and expiry failures apart', () => {
    const expected = { sdkAppId: APP, key: KEY, identifier: 'administrator', nowSeconds: TIME };
    const sig = (over: Partial<{ sdkAppId: number; key: string; identifier: string; expire: number }>): string =>
      makeUserSig({ sdkAppId: APP, key: KEY, identifier: 'administrator', time: TIME, expire: 86400, ...over });
    expect(verifyUserSig(sig({ identifier: 'xiaojun' }), expected)).toMatchObject({ code: 70013 });
    expect(verifyUserSig(sig({ sdkAppId: 1400000001 }), expected)).toMatchObject({ code: 70014 });
    expect(verifyUserSig(sig({ key: 'another-key' }), expected)).toMatchObject({ code: 70009 });
    expect(verifyUserSig(sig({ expire: 0 }), { ...expected, nowSeconds: TIME + 1 })).toMatchObject({ code: 70001 });
  });
});

// Polyv signing against the documented vectors (docs/providers.md §6) and the rules of §3.2.
import { describe, expect, it } from 'vitest';
import { polyvSign, sendableParams, signingString } from '../../../src/providers/polyv/sign.js';

const DOC_SECRET = 'fsq2k5weced1h8vui657xtdva66whf0g';
const DOC_PARAMS = {
  channelIds: '2477096,2272655',
  startDay: '2022-05-20',
  endDay: '2022-06-18',
  appId: 'g4rqgmmjuo',
  timestamp: 1660270926732,
  page: null,
  size: null,
};

describe('polyvSign', () => {
  it('matches the official doc vector, with the null page and size dropped', () => {
    expect(signingString(DOC_PARAMS, DOC_SECRET)).toBe(
      `${DOC_SECRET}appIdg4rqgmmjuochannelIds2477096,2272655endDay2022-06-18startDay2022-05-20timestamp1660270926732${DOC_SECRET}`,
    );
    expect(polyvSign(DOC_PARAMS, DOC_SECRET)).toBe('0D2BDA2FD04D93A2B8832B91FD973C4D');
  });

  it('matches the vector cross-checked with the Java LiveSignUtil', () => {
    const params = { appId: 'frlr1zazn3', timestamp: '1700000000000', channelId: '2812610', sessionId: 'g8h352spmc' };
    expect(polyvSign(params, 's3cr3t')).toBe('A2138DD0AE0D7557242B1AAC890172F4');
  });

  it('drops empty and blank values, so they change neither the signature nor what is sent', () => {
    const withBlanks = { ...DOC_PARAMS, sessionId: '', startTime: '   ', endTime: undefined };
    expect(polyvSign(withBlanks, DOC_SECRET)).toBe('0D2BDA2FD04D93A2B8832B91FD973C4D');
    expect(sendableParams(withBlanks).map(([name]) => name)).toEqual(['appId', 'channelIds', 'endDay', 'startDay', 'timestamp']);
  });

  it('signs raw values (not URL-encoded) in ASCII name order and never signs a sign', () => {
    const params = { b: 'x y&z', Zed: '讲师', a: '1', sign: 'OLD' };
    expect(signingString(params, 'k')).toBe('kZed讲师a1bx y&zk');
    expect(polyvSign(params, 'k')).toBe(polyvSign({ b: 'x y&z', Zed: '讲师', a: '1' }, 'k'));
  });

  it('is 32 uppercase hex digits and depends on the secret', () => {
    const one = polyvSign({ appId: 'a', timestamp: 1 }, 'secret-1');
    expect(one).toMatch(/^[0-9A-F]{32}$/);
    expect(polyvSign({ appId: 'a', timestamp: 1 }, 'secret-2')).not.toBe(one);
  });
});

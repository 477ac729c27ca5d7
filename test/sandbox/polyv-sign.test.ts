// The sandbox's Polyv sign verifier against the vectors of docs/providers.md §6.
import { describe, expect, it } from 'vitest';
import { polyvSign, polyvSignedText, verifyPolyvSign } from '../../src/sandbox/polyv-sign.js';

// docs/providers.md §6: the doc vector (page and size were null and are left out).
const DOC_SECRET = 'fsq2k5weced1h8vui657xtdva66whf0g';
const DOC_PARAMS: Array<[string, string]> = [
  ['channelIds', '2477096,2272655'],
  ['startDay', '2022-05-20'],
  ['endDay', '2022-06-18'],
  ['appId', 'g4rqgmmjuo'],
  ['timestamp', '1660270926732'],
];

describe('Polyv sign against docs/providers.md §6', () => {
  it('builds the documented sorted string', () => {
    expect(polyvSignedText(DOC_PARAMS, DOC_SECRET)).toBe(
      `${DOC_SECRET}appIdg4rqgmmjuochannelIds2477096,2272655endDay2022-06-18startDay2022-05-20timestamp1660270926732${DOC_SECRET}`,
    );
  });

  it('gives the doc MD5 vector', () => {
    expect(polyvSign(DOC_PARAMS, DOC_SECRET)).toBe('0D2BDA2FD04D93A2B8832B91FD973C4D');
    expect(verifyPolyvSign([...DOC_PARAMS, ['sign', '0D2BDA2FD04D93A2B8832B91FD973C4D']], DOC_SECRET)).toBe(true);
  });

  it('gives the Java LiveSignUtil vector', () => {
    const params: Array<[string, string]> = [
      ['appId', 'frlr1zazn3'],
      ['timestamp', '1700000000000'],
      ['channelId', '2812610'],
      ['sessionId', 'g8h352spmc'],
    ];
    expect(polyvSign(params, 's3cr3t')).toBe('A2138DD0AE0D7557242B1AAC890172F4');
    expect(verifyPolyvSign([['sign', 'A2138DD0AE0D7557242B1AAC890172F4'], ...params], 's3cr3t')).toBe(true);
  });

  it('gives the SHA-256 vectors, with signatureMethod signed or not', () => {
    expect(polyvSign(DOC_PARAMS, DOC_SECRET, 'sha256')).toBe('42703C82180F933545C0E6E3372B5F6303C3A54F77629AA34C4CE3443F7B3B27');
    const withMethod: Array<[string, string]> = [...DOC_PARAMS, ['signatureMethod', 'SHA256']];
    expect(polyvSign(withMethod, DOC_SECRET, 'sha256')).toBe('C19D35BD44B2BD0A538D420D93F80C17EAD9604042098EA38621A2B5663ECEDF');
    expect(verifyPolyvSign([...withMethod, ['sign', 'C19D35BD44B2BD0A538D420D93F80C17EAD9604042098EA38621A2B5663ECEDF']], DOC_SECRET)).toBe(true);
    expect(verifyPolyvSign([...withMethod, ['sign', '42703C82180F933545C0E6E3372B5F6303C3A54F77629AA34C4CE3443F7B3B27']], DOC_SECRET)).toBe(true);
  });

  it('refuses a lower-case, altered, missing or wrongly keyed sign', () => {
    const sign = '0D2BDA2FD04D93A2B8832B91FD973C4D';
    expect(verifyPolyvSign([...DOC_PARAMS, ['sign', sign.toLowerCase()]], DOC_SECRET)).toBe(false);
    expect(verifyPolyvSign([...DOC_PARAMS, ['sign', sign]], 'another-secret')).toBe(false);
    expect(verifyPolyvSign([...DOC_PARAMS.slice(1), ['sign', sign]], DOC_SECRET)).toBe(false);
    expect(verifyPolyvSign(DOC_PARAMS, DOC_SECRET)).toBe(false);
    expect(verifyPolyvSign([...DOC_PARAMS, ['signatureMethod', 'SHA1'], ['sign', sign]], DOC_SECRET)).toBe(false);
  });
});

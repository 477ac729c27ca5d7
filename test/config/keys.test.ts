import { describe, expect, it } from 'vitest';
import { findSetting, SETTINGS, settingKeys } from '../../src/config/keys.js';
import { checkBaseUrl } from '../../src/config/spec.js';
import { checkHeaders } from '../../src/providers/livecount/settings.js';

function check(key: string, raw: string) {
  const spec = findSetting(key);
  if (!spec) throw new Error(`no setting ${key}`);
  return spec.check(raw);
}

describe('base URL rule', () => {
  it.each([
    ['https://qyapi.weixin.qq.com', 'https://qyapi.weixin.qq.com'],
    ['https://lc.example.com/prefix/', 'https://lc.example.com/prefix'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:9', 'http://127.0.0.1:9'],
    ['http://127.45.6.7', 'http://127.45.6.7'],
    ['http://[::1]:3000/', 'http://[::1]:3000'],
  ])('accepts %s', (raw, normalised) => {
    expect(checkBaseUrl(raw)).toEqual({ ok: true, value: normalised });
  });

  it.each([
    ['http://example.com', /https/],
    ['http://128.0.0.1', /https/],
    ['http://localhost.example.com', /https/],
    ['ftp://localhost', /https/],
    ['https://user:pw@example.com', /user name or password/],
    ['https://token@example.com', /user name or password/],
    ['example.com', /URL/],
  ])('rejects %s', (raw, problem) => {
    const result = checkBaseUrl(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});

describe('per-key rules', () => {
  it('takes a numeric SDKAppID only', () => {
    expect(check('tencent.sdkAppId', ' 1400000000 ')).toEqual({ ok: true, value: '1400000000' });
    for (const bad of ['14000000x0', '0123', '-1', '']) expect(check('tencent.sdkAppId', bad).ok).toBe(false);
  });

  it('takes a known region, case-insensitively', () => {
    expect(check('tencent.region', 'SGP')).toEqual({ ok: true, value: 'sgp' });
    const bad = check('tencent.region', 'mars');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toContain('cn, sgp, kr');
  });

  it('takes a single path segment as the LiveCount domain, never "." or ".."', () => {
    expect(check('livecount.domain', '/acme/')).toEqual({ ok: true, value: 'acme' });
    for (const bad of ['a/b', '..', '.', ' ']) expect(check('livecount.domain', bad).ok).toBe(false);
  });
});

describe('livecount.headers', () => {
  it('normalises a JSON object of strings to compact JSON', () => {
    expect(checkHeaders('{ "X-Token" : "abc" }')).toEqual({ ok: true, value: '{"X-Token":"abc"}' });
    expect(checkHeaders('{}')).toEqual({ ok: true, value: '{}' });
  });

  it.each([
    ['[1]', /JSON object/],
    ['"x"', /JSON object/],
    ['null', /JSON object/],
    ['{bad', /JSON object/],
    ['{"X-Token": 5}', /string value/],
    ['{"Bad Name": "v"}', /not valid/],
    ['{"X": "a\\r\\nInjected: 1"}', /line break/],
  ])('rejects %s', (raw, problem) => {
    const result = checkHeaders(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});

it('lists every key of the contract table, secrets flagged', () => {
  expect(settingKeys()).toHaveLength(14);
  const secrets = settingKeys().filter((key) => findSetting(key)?.secret);
  expect(secrets).toEqual(['wecom.corpSecret', 'tencent.secretKey', 'polyv.appSecret', 'livecount.headers']);
});

it('assembles each provider\'s own settings: every key under its provider, every key and variable once', () => {
  for (const spec of SETTINGS) {
    expect(spec.key.startsWith(`${spec.provider}.`)).toBe(true);
    expect(spec.env.startsWith(`LIVESTATS_${spec.provider.toUpperCase()}_`)).toBe(true);
  }
  expect(new Set(SETTINGS.map((spec) => spec.key)).size).toBe(SETTINGS.length);
  expect(new Set(SETTINGS.map((spec) => spec.env)).size).toBe(SETTINGS.length);
  expect([...new Set(SETTINGS.map((spec) => spec.provider))]).toEqual(['wecom', 'tencent', 'polyv', 'livecount']);
});

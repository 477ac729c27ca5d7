import { describe, expect, it } from 'vitest';
import { requireSetting, resolveSetting, type SettingSources } from '../../src/config/resolve.js';
import { ObjectSettingsStore } from '../../src/config/store.js';
import { ConfigError, ExitCode, UsageError } from '../../src/errors.js';

function sources(partial: Partial<SettingSources> & { stored?: Record<string, Record<string, string>> } = {}): SettingSources {
  const store = new ObjectSettingsStore('/nonexistent/config.json');
  for (const [profile, values] of Object.entries(partial.stored ?? {})) {
    for (const [key, value] of Object.entries(values)) store.set(profile, key, value);
  }
  return { env: partial.env ?? {}, profile: partial.profile ?? 'default', store, options: partial.options };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const URLS = {
  option: 'https://option.example.com',
  env: 'https://env.example.com',
  profile: 'https://profile.example.com',
};

describe('precedence: option > env > profile > default', () => {
  const all = {
    options: { 'polyv.baseUrl': URLS.option },
    env: { LIVESTATS_POLYV_BASE_URL: URLS.env },
    stored: { default: { 'polyv.baseUrl': URLS.profile } },
  };

  it('takes the command-line option first', () => {
    expect(resolveSetting('polyv.baseUrl', sources(all))).toEqual({ key: 'polyv.baseUrl', value: URLS.option, source: 'option' });
  });

  it('then the environment variable', () => {
    expect(resolveSetting('polyv.baseUrl', sources({ ...all, options: {} }))).toMatchObject({ value: URLS.env, source: 'env' });
  });

  it('then the profile', () => {
    expect(resolveSetting('polyv.baseUrl', sources({ stored: all.stored }))).toMatchObject({ value: URLS.profile, source: 'profile' });
  });

  it('then the default', () => {
    expect(resolveSetting('polyv.baseUrl', sources())).toMatchObject({ value: 'https://api.polyv.net', source: 'default' });
  });

  it('treats an empty environment variable as unset', () => {
    const resolved = resolveSetting('polyv.baseUrl', sources({ env: { LIVESTATS_POLYV_BASE_URL: '' }, stored: all.stored }));
    expect(resolved.source).toBe('profile');
  });

  it('reports an unset key without a default as undefined', () => {
    expect(resolveSetting('wecom.corpId', sources())).toEqual({ key: 'wecom.corpId', value: undefined, source: undefined });
  });
});

describe('profiles', () => {
  it('keeps each profile apart', () => {
    const stored = { default: { 'wecom.corpId': 'ww-default' }, staging: { 'wecom.corpId': 'ww-staging' } };
    expect(resolveSetting('wecom.corpId', sources({ stored })).value).toBe('ww-default');
    expect(resolveSetting('wecom.corpId', sources({ stored, profile: 'staging' })).value).toBe('ww-staging');
    expect(resolveSetting('wecom.corpId', sources({ stored, profile: 'other' })).value).toBeUndefined();
  });
});

describe('missing and malformed values', () => {
  it('names the config key and the environment variable for a missing required setting (exit 3)', () => {
    const error = thrown(() => requireSetting('livecount.domain', sources({ profile: 'staging' })));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.config);
    expect((error as ConfigError).message).toContain('livecount.domain');
    expect((error as ConfigError).hint).toContain('LIVESTATS_LIVECOUNT_DOMAIN');
    expect((error as ConfigError).hint).toContain('--profile staging');
  });

  it('makes a malformed environment value a configuration error (exit 3) naming the variable', () => {
    const run = () => resolveSetting('tencent.sdkAppId', sources({ env: { LIVESTATS_TENCENT_SDKAPPID: 'abc' } }));
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/LIVESTATS_TENCENT_SDKAPPID/);
  });

  it('makes a malformed stored value a configuration error (exit 3) naming key and profile', () => {
    const run = () => resolveSetting('tencent.region', sources({ stored: { default: { 'tencent.region': 'mars' } } }));
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/tencent\.region in profile "default"/);
  });

  it('makes a malformed command-line value a usage error (exit 2)', () => {
    const error = thrown(() => resolveSetting('wecom.baseUrl', sources({ options: { 'wecom.baseUrl': 'http://example.com' } })));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.usage);
  });

  it('does not look past a malformed higher-precedence value to a valid lower one', () => {
    const both = sources({ env: { LIVESTATS_TENCENT_REGION: 'mars' }, stored: { default: { 'tencent.region': 'sgp' } } });
    expect(() => resolveSetting('tencent.region', both)).toThrow(ConfigError);
  });
});

// Every setting livestats knows: its config key, environment variable, default, whether it is secret,
// and how a value is checked. The single source for `config`, resolution and help text.
import { isIP } from 'node:net';

export type ProviderName = 'wecom' | 'tencent' | 'polyv' | 'livecount';

export const TENCENT_REGIONS = {
  cn: 'console.tim.qq.com',
  sgp: 'adminapisgp.im.qcloud.com',
  kr: 'adminapikr.im.qcloud.com',
  jpn: 'adminapijpn.im.qcloud.com',
  ger: 'adminapiger.im.qcloud.com',
  usa: 'adminapiusa.im.qcloud.com',
  idn: 'adminapiidn.im.qcloud.com',
  // Tencent: Mumbai appears on some API pages but not the overview (providers.md §2.1, probable).
  ind: 'adminapiind.im.qcloud.com',
} as const;
export type TencentRegion = keyof typeof TENCENT_REGIONS;

/** Result of checking one value: the normalised value, or why it is wrong. */
export type Checked = { ok: true; value: string } | { ok: false; problem: string };

export interface SettingSpec {
  key: string;
  env: string;
  provider: ProviderName;
  description: string;
  secret: boolean;
  /** Where a secret value's secret parts are: the whole value (default), or each value of a JSON object. */
  secretShape?: 'json-object';
  default?: string;
  check: (raw: string) => Checked;
}

const ok = (value: string): Checked => ({ ok: true, value });
const bad = (problem: string): Checked => ({ ok: false, problem });

function nonEmpty(raw: string): Checked {
  const value = raw.trim();
  return value === '' ? bad('must not be empty') : ok(value);
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** https only, except loopback hosts where plain http is allowed (the sandbox, local proxies). */
export function checkBaseUrl(raw: string): Checked {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return bad('must be a URL such as https://example.com');
  }
  if (url.username || url.password) return bad('must not contain a user name or password');
  if (url.protocol === 'https:') return ok(url.toString().replace(/\/+$/, ''));
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return ok(url.toString().replace(/\/+$/, ''));
  return bad('must use https:// (plain http:// is allowed only for localhost and 127.0.0.1)');
}

function checkSdkAppId(raw: string): Checked {
  const value = raw.trim();
  return /^[1-9]\d{0,11}$/.test(value) ? ok(value) : bad('must be the numeric SDKAppID, e.g. 1400000000');
}

function checkRegion(raw: string): Checked {
  const value = raw.trim().toLowerCase();
  return value in TENCENT_REGIONS ? ok(value) : bad(`must be one of ${Object.keys(TENCENT_REGIONS).join(', ')}`);
}

function checkDomain(raw: string): Checked {
  const value = raw.trim().replace(/^\/+|\/+$/g, '');
  if (value === '') return bad('must not be empty');
  // "." and ".." would be resolved away by URL parsing and send the request to another path.
  if (value === '.' || value === '..') return bad('must be a single path segment such as "acme"');
  return /^[A-Za-z0-9._~-]+$/.test(value) ? ok(value) : bad('must be a single path segment such as "acme"');
}

/** A JSON object of string header values; normalised to compact JSON. */
export function checkHeaders(raw: string): Checked {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return bad('must be a JSON object such as {"Authorization":"Bearer …"}');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return bad('must be a JSON object');
  for (const [name, value] of Object.entries(parsed)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return bad(`header name ${JSON.stringify(name)} is not valid`);
    if (typeof value !== 'string') return bad(`header ${name} must have a string value`);
    if (/[\r\n]/.test(value)) return bad(`header ${name} must not contain a line break`);
  }
  return ok(JSON.stringify(parsed));
}

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'wecom.corpId', env: 'LIVESTATS_WECOM_CORP_ID', provider: 'wecom', description: 'WeCom corp ID (企业ID)', secret: false, check: nonEmpty },
  { key: 'wecom.corpSecret', env: 'LIVESTATS_WECOM_CORP_SECRET', provider: 'wecom', description: 'secret of the app allowed to call the living APIs', secret: true, check: nonEmpty },
  { key: 'wecom.baseUrl', env: 'LIVESTATS_WECOM_BASE_URL', provider: 'wecom', description: 'WeCom API base URL', secret: false, default: 'https://qyapi.weixin.qq.com', check: checkBaseUrl },
  { key: 'tencent.sdkAppId', env: 'LIVESTATS_TENCENT_SDKAPPID', provider: 'tencent', description: 'Tencent Cloud Chat SDKAppID', secret: false, check: checkSdkAppId },
  { key: 'tencent.secretKey', env: 'LIVESTATS_TENCENT_SECRET_KEY', provider: 'tencent', description: 'Tencent Cloud Chat app secret key (signs UserSigs locally)', secret: true, check: nonEmpty },
  { key: 'tencent.identifier', env: 'LIVESTATS_TENCENT_IDENTIFIER', provider: 'tencent', description: 'app admin account', secret: false, default: 'administrator', check: nonEmpty },
  { key: 'tencent.region', env: 'LIVESTATS_TENCENT_REGION', provider: 'tencent', description: 'data centre region', secret: false, default: 'cn', check: checkRegion },
  { key: 'tencent.baseUrl', env: 'LIVESTATS_TENCENT_BASE_URL', provider: 'tencent', description: 'API base URL (default: derived from the region)', secret: false, check: checkBaseUrl },
  { key: 'polyv.appId', env: 'LIVESTATS_POLYV_APP_ID', provider: 'polyv', description: 'Polyv appId', secret: false, check: nonEmpty },
  { key: 'polyv.appSecret', env: 'LIVESTATS_POLYV_APP_SECRET', provider: 'polyv', description: 'Polyv appSecret (signs requests; never sent)', secret: true, check: nonEmpty },
  { key: 'polyv.baseUrl', env: 'LIVESTATS_POLYV_BASE_URL', provider: 'polyv', description: 'Polyv API base URL', secret: false, default: 'https://api.polyv.net', check: checkBaseUrl },
  { key: 'livecount.baseUrl', env: 'LIVESTATS_LIVECOUNT_BASE_URL', provider: 'livecount', description: 'LiveCount base URL', secret: false, default: 'https://dhr-pro.vchangyi.com', check: checkBaseUrl },
  { key: 'livecount.domain', env: 'LIVESTATS_LIVECOUNT_DOMAIN', provider: 'livecount', description: 'LiveCount domain (path segment after the base URL)', secret: false, check: checkDomain },
  { key: 'livecount.headers', env: 'LIVESTATS_LIVECOUNT_HEADERS', provider: 'livecount', description: 'extra HTTP headers as a JSON object (auth)', secret: true, secretShape: 'json-object', default: '{}', check: checkHeaders },
];

/** The parts of a setting's value that must never be printed: for the redactor and for masking. */
export function secretValuesOf(spec: SettingSpec, value: string): string[] {
  if (!spec.secret) return [];
  if (spec.secretShape !== 'json-object') return [value];
  try {
    return Object.values(JSON.parse(value) as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  } catch {
    return [value];
  }
}

const BY_KEY = new Map(SETTINGS.map((spec) => [spec.key, spec]));

export function findSetting(key: string): SettingSpec | undefined {
  return BY_KEY.get(key);
}

export function settingKeys(): string[] {
  return SETTINGS.map((spec) => spec.key);
}

// What a setting is (key, environment variable, default, secrecy, check) and the checks several providers share.
// Each provider declares its own settings in src/providers/<name>/settings.ts; keys.ts assembles them.
import { isIP } from 'node:net';

export type ProviderName = 'wecom' | 'tencent' | 'polyv' | 'livecount';

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

/** A provider's view of the settings of one run, resolved by precedence; what its typed loader reads. */
export interface ProviderSettingsReader {
  get(key: string): string | undefined;
  require(key: string): string;
}

export const ok = (value: string): Checked => ({ ok: true, value });
export const bad = (problem: string): Checked => ({ ok: false, problem });

export function nonEmpty(raw: string): Checked {
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

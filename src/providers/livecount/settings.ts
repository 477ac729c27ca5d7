// The LiveCount settings livestats stores and reads: base URL, the deployment's domain (one path segment) and
// the auth headers as a JSON object, whose values are secret. Resolution is src/config/'s job.
import { bad, checkBaseUrl, ok, type Checked, type SettingSpec } from '../../config/spec.js';

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

export const LIVECOUNT_SETTINGS: readonly SettingSpec[] = [
  { key: 'livecount.baseUrl', env: 'LIVESTATS_LIVECOUNT_BASE_URL', provider: 'livecount', description: 'LiveCount base URL', secret: false, default: 'https://dhr-pro.vchangyi.com', check: checkBaseUrl },
  { key: 'livecount.domain', env: 'LIVESTATS_LIVECOUNT_DOMAIN', provider: 'livecount', description: 'LiveCount domain (path segment after the base URL)', secret: false, check: checkDomain },
  { key: 'livecount.headers', env: 'LIVESTATS_LIVECOUNT_HEADERS', provider: 'livecount', description: 'extra HTTP headers as a JSON object (auth)', secret: true, secretShape: 'json-object', default: '{}', check: checkHeaders },
];

// How `config get` and `config list` show a value: secrets masked to their last four characters, and the
// livecount.headers JSON masked header by header so the names stay readable.
import type { SettingSpec } from '../../config/keys.js';

export const MASK = '****';
const SHORTEST_PARTLY_SHOWN = 8;

/** "****" plus the last 4 characters; a value shorter than 8 would give too much away, so it is all mask. */
export function maskSecret(value: string): string {
  return value.length < SHORTEST_PARTLY_SHOWN ? MASK : `${MASK}${value.slice(-4)}`;
}

/** A resolved (already checked and normalised) value as it may be printed. */
export function displayValue(spec: SettingSpec, value: string, showSecrets: boolean): string {
  if (!spec.secret || showSecrets) return value;
  if (spec.key === 'livecount.headers') {
    const headers = JSON.parse(value) as Record<string, string>;
    return JSON.stringify(Object.fromEntries(Object.entries(headers).map(([name, v]) => [name, maskSecret(v)])));
  }
  return maskSecret(value);
}

/** Every secret part of a value, for the redactor: the header values of livecount.headers, else the value. */
export function secretParts(spec: SettingSpec, value: string): string[] {
  if (!spec.secret) return [];
  if (spec.key !== 'livecount.headers') return [value];
  try {
    return Object.values(JSON.parse(value) as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  } catch {
    return [value];
  }
}

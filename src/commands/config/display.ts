// How `config get` and `config list` show a value: secrets masked to their last four characters, and the
// JSON-object secrets (livecount.headers) masked value by value so the header names stay readable.
import { secretValuesOf, type SettingSpec } from '../../config/keys.js';

export const MASK = '****';
const SHORTEST_PARTLY_SHOWN = 8;

/** "****" plus the last 4 characters; a value shorter than 8 would give too much away, so it is all mask. */
export function maskSecret(value: string): string {
  return value.length < SHORTEST_PARTLY_SHOWN ? MASK : `${MASK}${value.slice(-4)}`;
}

/** A resolved (already checked and normalised) value as it may be printed. */
export function displayValue(spec: SettingSpec, value: string, showSecrets: boolean): string {
  if (!spec.secret || showSecrets) return value;
  if (spec.secretShape === 'json-object') {
    const headers = JSON.parse(value) as Record<string, string>;
    return JSON.stringify(Object.fromEntries(Object.entries(headers).map(([name, v]) => [name, maskSecret(v)])));
  }
  return maskSecret(value);
}

/** Every secret part of a value, for the redactor: the header values of livecount.headers, else the value. */
export function secretParts(spec: SettingSpec, value: string): string[] {
  return secretValuesOf(spec, value);
}

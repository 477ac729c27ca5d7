// Every setting livestats knows, assembled from the providers' own declarations: the single list for `config`,
// resolution and help text, and the secret parts of a value for the redactor and for masking.
import { LIVECOUNT_SETTINGS } from '../providers/livecount/settings.js';
import { POLYV_SETTINGS } from '../providers/polyv/settings.js';
import { TENCENT_SETTINGS } from '../providers/tencent/settings.js';
import { WECOM_SETTINGS } from '../providers/wecom/settings.js';
import type { SettingSpec } from './spec.js';

export type { Checked, ProviderName, SettingSpec } from './spec.js';

export const SETTINGS: readonly SettingSpec[] = [...WECOM_SETTINGS, ...TENCENT_SETTINGS, ...POLYV_SETTINGS, ...LIVECOUNT_SETTINGS];

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

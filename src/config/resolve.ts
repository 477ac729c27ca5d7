// Resolves a setting by precedence: command-line option → LIVESTATS_* environment variable → profile → default.
// A malformed value is a usage error when it came from the command line, a configuration error otherwise.
import { ConfigError, UsageError } from '../errors.js';
import { findSetting } from './keys.js';
import type { ProviderSettingsReader, SettingSpec } from './spec.js';
import type { SettingsStore } from './store.js';

export type { ProviderSettingsReader } from './spec.js';

export type SettingSourceKind = 'option' | 'env' | 'profile' | 'default';

export interface ResolvedSetting {
  key: string;
  value: string | undefined;
  source: SettingSourceKind | undefined;
}

export interface SettingSources {
  env: Record<string, string | undefined>;
  profile: string;
  /** The stored profiles; undefined when they are ignored (--sandbox). */
  store: SettingsStore | undefined;
  /** Values given on the command line, by config key. */
  options?: Record<string, string | undefined>;
}

function spec(key: string): SettingSpec {
  const found = findSetting(key);
  if (!found) throw new Error(`unknown setting ${key}`);
  return found;
}

export function resolveSetting(key: string, sources: SettingSources): ResolvedSetting {
  const s = spec(key);
  const candidates: Array<[SettingSourceKind, string | undefined]> = [
    ['option', sources.options?.[key]],
    ['env', sources.env[s.env]],
    ['profile', sources.store?.get(sources.profile, key)],
    ['default', s.default],
  ];
  for (const [source, raw] of candidates) {
    if (raw === undefined || raw === '') continue;
    const checked = s.check(raw);
    if (checked.ok) return { key, value: checked.value, source };
    const where =
      source === 'option'
        ? `the command-line value for ${key}`
        : source === 'env'
          ? `${s.env} (environment)`
          : `${key} in profile "${sources.profile}"`;
    const message = `${where} ${checked.problem}`;
    if (source === 'option') throw new UsageError(message);
    throw new ConfigError(message, {
      hint:
        source === 'env'
          ? `Fix or unset ${s.env}.`
          : `Fix it with \`livestats config set ${key}\`${sources.profile === 'default' ? '' : ` --profile ${sources.profile}`}.`,
    });
  }
  return { key, value: undefined, source: undefined };
}

/** Resolves a setting that must have a value; a missing one names the config key and the variable. */
export function requireSetting(key: string, sources: SettingSources): string {
  const resolved = resolveSetting(key, sources);
  if (resolved.value !== undefined) return resolved.value;
  const s = spec(key);
  const profileFlag = sources.profile === 'default' ? '' : ` --profile ${sources.profile}`;
  throw new ConfigError(`missing setting ${key} (${s.description})`, {
    hint: `Set it with \`livestats config set ${key}${profileFlag}\` or the environment variable ${s.env}.`,
  });
}

/** `onRead` sees every value handed out (the session registers secrets with the redactor there). */
export function settingsReader(
  sources: SettingSources,
  onRead: (key: string, value: string | undefined) => void = () => undefined,
): ProviderSettingsReader {
  const read = <V extends string | undefined>(key: string, value: V): V => {
    onRead(key, value);
    return value;
  };
  return {
    get: (key) => read(key, resolveSetting(key, sources).value),
    require: (key) => read(key, requireSetting(key, sources)),
  };
}

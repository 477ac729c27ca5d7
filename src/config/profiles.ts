// Whether the profile a run names exists in the settings file: a misspelt --profile is an error listing the
// stored ones, not a run on empty settings. `default` may be absent (settings from the environment only).
import { ConfigError } from '../errors.js';
import type { SettingsStore } from './store.js';

export const DEFAULT_PROFILE = 'default';

export function checkProfile(store: SettingsStore, profile: string): void {
  const names = store.profiles();
  if (profile === DEFAULT_PROFILE || names.includes(profile)) return;
  const create = `create it with \`livestats config set <key> <value> --profile ${profile}\``;
  throw new ConfigError(`profile "${profile}" does not exist in ${store.path}`, {
    hint: names.length === 0 ? `No profile is stored yet; ${create}.` : `Existing profiles: ${names.join(', ')}; or ${create}.`,
  });
}

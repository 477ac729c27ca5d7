// What livestats' option values and positional arguments may be, for completion: output formats, config keys,
// Tencent regions, provider names, files and profiles. The command tree itself comes from model.ts.
import type { Argument, Option } from 'commander';
import { SETTINGS, settingKeys } from '../../config/keys.js';
import { TENCENT_REGIONS } from '../../providers/tencent/settings.js';
import { OUTPUT_FORMATS } from '../../output/sink.js';
import type { ArgumentSlot, ValueRules, Values } from './model.js';

const FILE_OPTIONS = new Set(['--output', '--from-file', '--state']);

/** Config values with a fixed set of choices, by key. */
const SETTING_CHOICES: Readonly<Record<string, readonly string[]>> = {
  'tencent.region': Object.keys(TENCENT_REGIONS),
};

/** Provider names in the order of the settings registry (wecom, tencent, polyv, livecount). */
export function providerNames(): string[] {
  return [...new Set(SETTINGS.map((spec) => spec.provider))];
}

const words = (list: readonly string[]): Values => ({ kind: 'words', words: list });

export const livestatsValues: ValueRules = {
  option(option: Option): Values | undefined {
    if (option.argChoices) return undefined;
    if (option.long === '--format') return words(OUTPUT_FORMATS);
    if (option.long === '--profile') return { kind: 'profiles' };
    if (option.long !== undefined && FILE_OPTIONS.has(option.long)) return { kind: 'files' };
    return undefined;
  },
  argument(path: string, index: number, argument: Argument): Omit<ArgumentSlot, 'index' | 'variadic'> | undefined {
    if (argument.argChoices) return undefined;
    const configKey = path === 'config set' || path === 'config get' || path === 'config unset';
    if (configKey && index === 0) return { values: words(settingKeys()) };
    if (path === 'config set' && index === 1) return { byPrevious: SETTING_CHOICES };
    if (path === 'doctor' && index === 0) return { values: words(providerNames()) };
    return undefined;
  },
};

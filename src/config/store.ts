// The credential store on disk (conf): one JSON file holding profiles, created 0600 in a 0700 directory.
// Loaded lazily, because conf pulls in a JSON-schema validator that start-up should not pay for.
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from './paths.js';

export interface SettingsStore {
  /** Path of the config file. */
  readonly path: string;
  get(profile: string, key: string): string | undefined;
  set(profile: string, key: string, value: string): void;
  /** True when the key was set. */
  unset(profile: string, key: string): boolean;
  /** Every key set in a profile, in setting-registry order where known. */
  entries(profile: string): Array<[string, string]>;
  profiles(): string[];
}

type ProfileData = Record<string, Record<string, string>>;
interface StoredConfig {
  profiles?: Record<string, ProfileData>;
}

export const CONFIG_FILE_NAME = 'config.json';

/** profiles → profile → provider → field → value; anything else in a hand-edited file would break set(). */
const storedConfigShape = z.looseObject({
  profiles: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.string()))).optional(),
});

/** Splits "wecom.corpId" into its provider and field so the file reads as nested JSON. */
function splitKey(key: string): [string, string] {
  const dot = key.indexOf('.');
  return dot === -1 ? [key, ''] : [key.slice(0, dot), key.slice(dot + 1)];
}

/** The store's logic over a plain object; the conf-backed store and the test store share it. */
export class ObjectSettingsStore implements SettingsStore {
  constructor(
    readonly path: string,
    protected data: StoredConfig = {},
    private readonly persist: (data: StoredConfig) => void = () => undefined,
  ) {}

  get(profile: string, key: string): string | undefined {
    const [group, field] = splitKey(key);
    const value = this.data.profiles?.[profile]?.[group]?.[field];
    return typeof value === 'string' ? value : undefined;
  }

  set(profile: string, key: string, value: string): void {
    const [group, field] = splitKey(key);
    const profiles = (this.data.profiles ??= {});
    const data = (profiles[profile] ??= {});
    (data[group] ??= {})[field] = value;
    this.persist(this.data);
  }

  unset(profile: string, key: string): boolean {
    const [group, field] = splitKey(key);
    const section = this.data.profiles?.[profile]?.[group];
    if (!section || !(field in section)) return false;
    delete section[field];
    if (Object.keys(section).length === 0) delete this.data.profiles![profile]![group];
    this.persist(this.data);
    return true;
  }

  entries(profile: string): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const [group, fields] of Object.entries(this.data.profiles?.[profile] ?? {})) {
      for (const [field, value] of Object.entries(fields ?? {})) {
        if (typeof value === 'string') out.push([`${group}.${field}`, value]);
      }
    }
    return out;
  }

  profiles(): string[] {
    return Object.keys(this.data.profiles ?? {});
  }
}

/** Opens the config file in `dir` through conf, creating the private directory; a malformed file is exit 3. */
export async function openConfigStore(dir: string): Promise<SettingsStore> {
  const { default: Conf } = await import('conf');
  const file = join(dir, CONFIG_FILE_NAME);
  ensurePrivateDir(dir);
  ensurePrivateFile(file);
  let conf: InstanceType<typeof Conf<StoredConfig>>;
  try {
    conf = new Conf<StoredConfig>({
      cwd: dir,
      configName: 'config',
      projectSuffix: '',
      configFileMode: PRIVATE_FILE_MODE,
      // A malformed file is the user's to fix, never silently emptied.
      clearInvalidConfig: false,
    });
  } catch (error) {
    const hint = `Fix or remove ${file}, then set the values again with \`livestats config set\`.`;
    // JSON.parse quotes the text around the mistake, which may be a secret: with --verbose the cause would be
    // printed, so a syntax error keeps only its position.
    if (error instanceof SyntaxError) {
      const at = /at position (\d+)/.exec(error.message)?.[1];
      throw new ConfigError(`the config file ${file} is not valid JSON${at === undefined ? '' : ` (at character ${at})`}`, { hint });
    }
    throw new ConfigError(`cannot read the config file ${file}: ${(error as Error).message}`, { cause: error, hint });
  }
  const data = conf.store;
  const shape = storedConfigShape.safeParse(data);
  if (!shape.success) {
    const where = shape.error.issues[0]?.path.join('.') ?? '';
    throw new ConfigError(`the config file ${file} has an unexpected shape at "${where}"`, {
      hint: `Fix or remove ${file}, then set the values again with \`livestats config set\`.`,
    });
  }
  return new ObjectSettingsStore(file, data, (changed) => {
    conf.store = changed;
    ensurePrivateFile(file);
  });
}

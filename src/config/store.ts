// The settings file (JSON profiles, 0600 in a 0700 directory): the one module that reads and writes it.
// Reads use node:fs, not conf: loading conf would add a start-up cost to every export (README, performance).
// config set|unset write through conf (atomic write, file mode); both paths accept the same files, fail alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import * as z from '../util/zod.js';
import { CONFIG_FILE_NAME, ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from './paths.js';

/** The store as a run that only reads settings sees it (openSettingsFile); settingsReader needs no more. */
export interface SettingsStore {
  /** Path of the config file. */
  readonly path: string;
  get(profile: string, key: string): string | undefined;
  /** Every key set in a profile, in setting-registry order where known. */
  entries(profile: string): Array<[string, string]>;
  profiles(): string[];
}

/** The store as `config set|unset` see it (openConfigStore). */
export interface WritableSettingsStore extends SettingsStore {
  set(profile: string, key: string, value: string): void;
  /** True when the key was set. */
  unset(profile: string, key: string): boolean;
}

type ProfileData = Record<string, Record<string, string>>;
interface StoredConfig {
  profiles?: Record<string, ProfileData>;
}

export { CONFIG_FILE_NAME };

/** profiles → profile → provider → field → value; anything else in a hand-edited file would break set(). */
const storedConfigShape = z.looseObject({
  profiles: z.optional(z.record(z.string(), z.record(z.string(), z.record(z.string(), z.string())))),
});

/** Splits "wecom.corpId" into its provider and field so the file reads as nested JSON. */
function splitKey(key: string): [string, string] {
  const dot = key.indexOf('.');
  return dot === -1 ? [key, ''] : [key.slice(0, dot), key.slice(dot + 1)];
}

/** The store's logic over a plain object; the conf-backed store, the read-only one and the test store share it. */
export class ObjectSettingsStore implements WritableSettingsStore {
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

/** What openSettingsFile returns: its type has no set()/unset(); reaching them anyway (by a cast) is a bug. */
class ReadonlyObjectSettingsStore extends ObjectSettingsStore {
  override set(): never {
    throw new Error(`${this.path} was opened read-only; open it with ctx.openStore() to change it`);
  }

  override unset(): never {
    throw new Error(`${this.path} was opened read-only; open it with ctx.openStore() to change it`);
  }
}

const fixHint = (file: string): string => `Fix or remove ${file}, then set the values again with \`livestats config set\`.`;

/**
 * The file's text as JSON, as conf parses it (its `deserialize` option is this function too). A UTF-8 byte-order
 * mark, which some Windows editors put at the start, is read as the space it stands for: JSON.parse alone would
 * refuse it (conf's default does), and a space keeps every error position true to the file.
 */
function parseConfigText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
}

/** The ConfigError for a file that could not be read or parsed. */
function readError(file: string, error: unknown): ConfigError {
  // JSON.parse quotes the text around the mistake, which may be a secret: with --verbose the cause would be
  // printed, so a syntax error keeps only its position.
  if (error instanceof SyntaxError) {
    const at = /at position (\d+)/.exec(error.message)?.[1];
    return new ConfigError(`the config file ${file} is not valid JSON${at === undefined ? '' : ` (at character ${at})`}`, {
      hint: fixHint(file),
    });
  }
  return new ConfigError(`cannot read the config file ${file}: ${(error as Error).message}`, { cause: error, hint: fixHint(file) });
}

/** The parsed file, checked to be profiles → profile → provider → field → string. */
function checkedShape(file: string, data: StoredConfig): StoredConfig {
  const shape = storedConfigShape.safeParse(data);
  if (!shape.success) {
    const where = shape.error.issues[0]?.path.join('.') ?? '';
    throw new ConfigError(`the config file ${file} has an unexpected shape at "${where}"`, { hint: fixHint(file) });
  }
  return data;
}

/**
 * Opens the config file in `dir` for reading only, without conf: the same directory and file modes, the same
 * accepted files and the same errors as openConfigStore. A missing file is an empty store.
 */
export function openSettingsFile(dir: string): SettingsStore {
  const file = join(dir, CONFIG_FILE_NAME);
  ensurePrivateDir(dir);
  ensurePrivateFile(file);
  let data: StoredConfig;
  try {
    // Like conf: whatever the JSON is, its own properties on an object without a prototype.
    data = Object.assign(Object.create(null) as StoredConfig, parseConfigText(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return new ReadonlyObjectSettingsStore(file);
    throw readError(file, error);
  }
  return new ReadonlyObjectSettingsStore(file, checkedShape(file, data));
}

/**
 * Opens the config file in `dir` through conf, for writing, creating the private directory; a malformed file is
 * exit 3. Only the commands that change the file open it this way (see the top of this file).
 */
export async function openConfigStore(dir: string): Promise<WritableSettingsStore> {
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
      deserialize: (text) => parseConfigText(text) as StoredConfig,
    });
  } catch (error) {
    throw readError(file, error);
  }
  const data = checkedShape(file, conf.store);
  return new ObjectSettingsStore(file, data, (changed) => {
    conf.store = changed;
    ensurePrivateFile(file);
  });
}

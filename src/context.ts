// The one object through which commands reach the outside world: streams, environment, clock, randomness,
// HTTP dispatcher, the credential store and the interrupt signal. Built once in main; replaced whole in tests.
import type { Dispatcher } from 'undici';
import { configDir } from './config/paths.js';
import type { SettingsStore, WritableSettingsStore } from './config/store.js';
import { Redactor } from './http/redact.js';
import { systemIOStreams, type IOStreams } from './io/iostreams.js';
import { Logger } from './io/log.js';

export interface Context {
  io: IOStreams;
  env: Record<string, string | undefined>;
  /** Milliseconds since the epoch. */
  now: () => number;
  random: () => number;
  sleep: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** A MockAgent in unit tests; undefined means a real keep-alive agent. */
  dispatcher: Dispatcher | undefined;
  /** The directory of the config file and the token cache. */
  configDir: string;
  /**
   * Opens the settings file for reading, on first use, without loading conf (see src/config/store.ts). What
   * exports, doctor and `config get|list` use.
   */
  openSettings: () => Promise<SettingsStore>;
  /** Opens the settings file for writing through conf (atomic write, file mode): only for `config set|unset`. */
  openStore: () => Promise<WritableSettingsStore>;
  /** Aborted on SIGINT. */
  signal: AbortSignal;
  version: string;
  /** Every secret read in this run; whatever reaches stdout or stderr goes through it. */
  redactor: Redactor;
  /** Every message on stderr (notes, warnings, verbose lines, the error), as text or JSON lines; redacted. */
  log: Logger;
}

export function createSystemContext(version: string, signal: AbortSignal): Context {
  const env = process.env;
  const dir = configDir(env);
  // Each kind is opened once; the module is imported on first use, so `--version` loads neither.
  let settings: Promise<SettingsStore> | undefined;
  let store: Promise<WritableSettingsStore> | undefined;
  const io = systemIOStreams(env);
  const redactor = new Redactor();
  return {
    io,
    env,
    now: Date.now,
    random: Math.random,
    sleep: undefined,
    dispatcher: undefined,
    configDir: dir,
    openSettings: () => (settings ??= import('./config/store.js').then((m) => m.openSettingsFile(dir))),
    openStore: () => (store ??= import('./config/store.js').then((m) => m.openConfigStore(dir))),
    signal,
    version,
    redactor,
    log: new Logger(() => io.stderr, redactor, Date.now),
  };
}

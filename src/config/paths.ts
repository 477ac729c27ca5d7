// Where livestats keeps its files: LIVESTATS_CONFIG_DIR, else $XDG_CONFIG_HOME/livestats, else the platform default.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function configDir(env: Record<string, string | undefined>): string {
  if (env.LIVESTATS_CONFIG_DIR) return env.LIVESTATS_CONFIG_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'livestats');
  if (process.platform === 'darwin' && !env.XDG_CONFIG_HOME) return join(homedir(), 'Library', 'Preferences', 'livestats');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'livestats');
}

/** The settings file's name inside the config directory. */
export const CONFIG_FILE_NAME = 'config.json';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory private to the user, and tightens it when it already exists with looser modes. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32' && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Tightens a file that exists with looser modes than 0600 (created by hand, or by an older tool). */
export function ensurePrivateFile(file: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
}

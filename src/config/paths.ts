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

/**
 * Creates the directory (and any missing parents) private to the user. A directory that already exists keeps
 * its mode: it may be shared on purpose (LIVESTATS_CONFIG_DIR=/tmp); `warn` hears when others can write to it.
 */
export function ensurePrivateDir(dir: string, warn?: (line: string) => void): void {
  const created = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (created === undefined && warn) warnIfShared(dir, warn);
}

/** Warns when an existing directory is group- or world-writable (others could swap the files in it). */
export function warnIfShared(dir: string, warn: (line: string) => void): void {
  if (process.platform === 'win32') return;
  let mode: number;
  try {
    mode = statSync(dir).mode;
  } catch {
    return;
  }
  if ((mode & 0o022) !== 0) {
    warn(`the config directory ${dir} is writable by others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); livestats leaves its mode as it is`);
  }
}

/** Tightens a file that exists with looser modes than 0600 (created by hand, or by an older tool). */
export function ensurePrivateFile(file: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
}

// The on-disk cache of WeCom access tokens: one 0600 file per app, named and keyed by the corp ID and the
// sha256 of its secret (never the secret), replaced atomically and refreshed under a file lock so that
// concurrent runs fetch once; where the directory cannot be made (HOME=/nonexistent, read-only) the run goes on
// without a cache after one warning. When to read, fetch or drop a token is token.ts's decision.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from '../../config/paths.js';
import * as z from '../../util/zod.js';

const CACHE_VERSION = 1;

const entrySchema = z.object({
  version: z.literal(CACHE_VERSION),
  corp_id: z.string(),
  secret_sha256: z.string(),
  access_token: z.string().check(z.minLength(1)),
  /** Milliseconds since the epoch, already shortened by the expiry margin. */
  expires_at: z.number(),
});

export type CacheRead =
  | { state: 'fresh'; token: string; expiresAt: number }
  | { state: 'expired'; token: string }
  | { state: 'missing' }
  | { state: 'unreadable' };

/** A live holder touches its lock every LOCK_STALE_MS / 2; an older lock was left by a crashed run. */
const LOCK_STALE_MS = 10_000;
/** Waits up to about two minutes for another run's gettoken (timeouts and retries included). */
const LOCK_RETRIES = { retries: 130, factor: 1.3, minTimeout: 20, maxTimeout: 1_000 };

export interface TokenCacheOptions {
  dir: string;
  corpId: string;
  corpSecret: string;
  now: () => number;
  warn: (line: string) => void;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class TokenCache {
  readonly file: string;
  private readonly corpId: string;
  private readonly secretHash: string;
  /** Set once the directory could not be created: the cache is off for the rest of the run. */
  private off = false;

  constructor(private readonly options: TokenCacheOptions) {
    this.corpId = options.corpId;
    this.secretHash = sha256(options.corpSecret);
    // Every app has its own secret and token (doc 91039), so the key is the app, not only the corp.
    this.file = join(options.dir, `wecom-token-${sha256(`${this.corpId}\n${this.secretHash}`).slice(0, 32)}.json`);
  }

  async read(): Promise<CacheRead> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? { state: 'missing' } : { state: 'unreadable' };
    }
    let entry: z.output<typeof entrySchema>;
    try {
      entry = entrySchema.parse(JSON.parse(text));
    } catch {
      return { state: 'unreadable' };
    }
    if (entry.corp_id !== this.corpId || entry.secret_sha256 !== this.secretHash) return { state: 'unreadable' };
    // A cache hit is never rewritten: a copy left readable by others (restored from a backup, an older tool)
    // is tightened here, or a token would stay on disk at 0644 for as long as it is fresh.
    try {
      ensurePrivateFile(this.file);
    } catch (error) {
      this.options.warn(`could not make the WeCom token cache private (${(error as Error).message})`);
    }
    return entry.expires_at > this.options.now()
      ? { state: 'fresh', token: entry.access_token, expiresAt: entry.expires_at }
      : { state: 'expired', token: entry.access_token };
  }

  /** Replaces the cache file whole (temp file + rename), so a reader never sees half a token. */
  async write(token: string, expiresAt: number): Promise<void> {
    if (!this.usableDir()) return;
    const entry = { version: CACHE_VERSION, corp_id: this.corpId, secret_sha256: this.secretHash, access_token: token, expires_at: expiresAt };
    const temp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(entry)}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    ensurePrivateFile(this.file);
  }

  async remove(): Promise<void> {
    if (this.off) return;
    await rm(this.file, { force: true });
  }

  /** Creates the directory on first need; when it cannot be, warns once and turns the cache off. */
  private usableDir(): boolean {
    if (this.off) return false;
    try {
      ensurePrivateDir(this.options.dir);
      return true;
    } catch (error) {
      this.off = true;
      this.options.warn(`no WeCom token cache in this run: cannot create ${this.options.dir} (${(error as Error).message})`);
      return false;
    }
  }

  /**
   * Runs `fn` holding the cache lock. When the lock cannot be had (a stuck run, an unwritable directory) it
   * runs `fn` anyway: at worst two runs both call gettoken, which is better than failing the export.
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    let release: (() => Promise<void>) | undefined;
    if (!this.usableDir()) return fn();
    try {
      // Loaded here, not up front: a run whose cached token is fresh, the usual cron run, never locks.
      const { default: lockfile } = await import('proper-lockfile');
      release = await lockfile.lock(this.file, {
        realpath: false,
        stale: LOCK_STALE_MS,
        retries: LOCK_RETRIES,
        onCompromised: (error) => this.options.warn(`the WeCom token cache lock was lost (${error.message})`),
      });
    } catch (error) {
      this.options.warn(`could not lock the WeCom token cache (${(error as Error).message}); going on without the lock`);
    }
    try {
      return await fn();
    } finally {
      await release?.().catch(() => undefined);
    }
  }
}

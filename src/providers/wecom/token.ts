// The WeCom access token of one app: memory first, then the disk cache, then gettoken under the cache lock
// (docs/providers.md §1.2, §1.6). gettoken is never retried on a bad secret: WeCom bans an IP that keeps sending one.
import type { ProviderSession } from '../../session/provider-session.js';
import { parseResponse } from '../../http/validate.js';
import { busyRetry, wecomFailure } from './errcodes.js';
import { gettokenRequest, loadWecomSettings, type WecomSettings } from './requests.js';
import { envelopeSchema, GETTOKEN, PROVIDER, TOKEN_EXPIRY_MARGIN_S, tokenSchema } from './schemas.js';
import { TokenCache, type CacheRead } from './token-cache.js';

export interface IssuedToken {
  token: string;
  expiresInS: number;
}

/** One gettoken exchange with WeCom itself: no cache; only "busy" answers are retried. */
export async function requestToken(session: Pick<ProviderSession, 'http' | 'redactor'>, settings: WecomSettings): Promise<IssuedToken> {
  const where = { provider: PROVIDER, endpoint: GETTOKEN };
  const response = await session.http.requestJson({
    ...where,
    build: () => gettokenRequest(settings),
    retryOn: busyRetry(session.http.retries),
  });
  const raw = (response.body as { access_token?: unknown } | null)?.access_token;
  if (typeof raw === 'string') session.redactor.add(raw);
  const envelope = parseResponse(envelopeSchema, response.body, where);
  if (envelope.errcode !== 0) throw wecomFailure(envelope.errcode, envelope.errmsg, { endpoint: GETTOKEN });
  const issued = parseResponse(tokenSchema, response.body, where);
  return { token: issued.access_token, expiresInS: issued.expires_in };
}

export class WecomTokens {
  private current: string | undefined;
  private readonly cache: TokenCache;

  constructor(
    private readonly session: ProviderSession,
    private readonly settings: WecomSettings,
  ) {
    this.cache = new TokenCache({
      dir: session.stateDir,
      corpId: settings.corpId,
      corpSecret: settings.corpSecret,
      now: session.ctx.now,
      warn: (line) => session.warn(line),
    });
  }

  /** The token to use now: this run's, else a fresh cached one, else a new one. */
  async get(): Promise<string> {
    if (this.current !== undefined) return this.current;
    const cached = await this.readCache();
    if (cached.state === 'fresh') {
      this.session.log(`WeCom token cache hit (valid for ${Math.round((cached.expiresAt - this.session.ctx.now()) / 1000)} s more)`);
      return this.use(cached.token);
    }
    this.session.log(`WeCom token cache miss (${cached.state})`);
    return this.use(await this.fetchLocked(undefined));
  }

  /** Drops a token WeCom rejected and gets another; the caller retries its request once with it. */
  async refresh(rejected: string, errcode: number): Promise<string> {
    this.session.log(`WeCom rejected the access token (errcode ${errcode}); refreshing it`);
    this.current = undefined;
    return this.use(await this.fetchLocked(rejected));
  }

  private async fetchLocked(rejected: string | undefined): Promise<string> {
    return this.cache.withLock(async () => {
      // Another run may have refreshed the token while this one waited for the lock.
      const again = await this.readCache();
      if (again.state === 'fresh' && again.token !== rejected) {
        this.session.log('WeCom token cache hit (refreshed by another run)');
        return again.token;
      }
      if (rejected !== undefined && 'token' in again && again.token === rejected) {
        await this.cache.remove().catch((error: Error) => this.session.warn(`could not drop the cached WeCom token: ${error.message}`));
      }
      const issued = await requestToken(this.session, this.settings);
      this.session.log(`WeCom token refreshed (expires in ${issued.expiresInS} s)`);
      const lifetimeS = issued.expiresInS - TOKEN_EXPIRY_MARGIN_S;
      if (lifetimeS > 0) {
        await this.cache
          .write(issued.token, this.session.ctx.now() + lifetimeS * 1000)
          .catch((error: Error) => this.session.warn(`could not write the WeCom token cache: ${error.message}`));
      }
      return issued.token;
    });
  }

  /** Tokens from disk are secrets too: registered before anything else can print them. */
  private async readCache(): Promise<CacheRead> {
    const read = await this.cache.read();
    if ('token' in read) this.session.redactor.add(read.token);
    return read;
  }

  private use(token: string): string {
    this.session.redactor.add(token);
    this.current = token;
    return token;
  }
}

/** One WeCom app as a run sees it: its settings and its token source. */
export interface WecomApi {
  session: ProviderSession;
  settings: WecomSettings;
  tokens: WecomTokens;
}

/** Reads the settings (a ConfigError if one is missing) without touching the network or the cache. */
export function connectWecom(session: ProviderSession): WecomApi {
  const settings = loadWecomSettings(session);
  return { session, settings, tokens: new WecomTokens(session, settings) };
}

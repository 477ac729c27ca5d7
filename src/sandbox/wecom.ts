// WeCom: cgi-bin/gettoken and cgi-bin/living/get_watch_stat as docs/providers.md §1 documents them: HTTP 200 with
// errcode in the body, tokens that expire, an opaque next_key returned on every page and `ending` as the only
// end signal. The viewer rows themselves come from wecom-data.ts.
import { SANDBOX_CREDENTIALS } from './credentials.js';
import { FORBIDDEN_ID, MISSING_ID } from './ids.js';
import { jsonReply, parseJsonObject, type ProtocolContext, type ProtocolFault, type SandboxReply, type SandboxRequest } from './protocol.js';
import { decodeNextKey, encodeNextKey, livingFor, viewerPage } from './wecom-data.js';

export function error(errcode: number, message: string): SandboxReply {
  // Real errmsg text carries a hint and a lookup link; clients must branch on errcode only.
  const errmsg = `${message}, hint: [sandbox-${errcode}], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
  return jsonReply(200, { errcode, errmsg });
}

/** Issued tokens and their expiry; expired ones are kept (bounded) so they answer 42001 rather than 40014. */
export class TokenStore {
  private readonly expiry = new Map<string, number>();

  issue(token: string, expiresAt: number): void {
    if (this.expiry.size >= 10_000) {
      const oldest = this.expiry.keys().next().value;
      if (oldest !== undefined) this.expiry.delete(oldest);
    }
    this.expiry.set(token, expiresAt);
  }

  check(token: string, now: number): 'valid' | 'expired' | 'unknown' {
    const expiresAt = this.expiry.get(token);
    if (expiresAt === undefined) return 'unknown';
    return now < expiresAt ? 'valid' : 'expired';
  }

  expire(token: string): void {
    if (this.expiry.has(token)) this.expiry.set(token, 0);
  }
}

export function handleGetToken(req: SandboxRequest, ctx: ProtocolContext, tokens: TokenStore): SandboxReply {
  const corpId = req.url.searchParams.get('corpid');
  const secret = req.url.searchParams.get('corpsecret');
  if (!corpId) return error(41002, 'corpid missing');
  if (!secret) return error(41004, 'corpsecret missing');
  if (corpId !== SANDBOX_CREDENTIALS.wecom.corpId) return error(40013, 'invalid corpid');
  if (secret !== SANDBOX_CREDENTIALS.wecom.corpSecret) return error(40001, 'invalid credential');
  const ttl = ctx.options.tokenTtlSeconds;
  const token = `sbx${ctx.nextId(61)}`;
  tokens.issue(token, ctx.now() + ttl * 1000);
  ctx.stats.tokensIssued++;
  return jsonReply(200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: ttl });
}

/**
 * What every WeCom data call checks first: injected "busy" and rate-limit faults, then the access token in the
 * query string. Undefined when the call may go on.
 */
export function refuseCall(req: SandboxRequest, ctx: ProtocolContext, tokens: TokenStore, fault?: ProtocolFault): SandboxReply | undefined {
  if (fault === 'busy') return error(-1, 'system busy');
  if (fault === 'qps') return error(45009, 'api freq out of limit');
  const token = req.url.searchParams.get('access_token');
  if (!token) return error(41001, 'access_token missing');
  const state = tokens.check(token, ctx.now());
  if (state === 'unknown') return error(40014, 'invalid access_token');
  if (state === 'expired') return error(42001, 'access_token expired');
  if (fault === 'expireToken') {
    // WeCom may invalidate a token before expires_in runs out (docs/providers.md §1.2).
    tokens.expire(token);
    return error(42001, 'access_token expired');
  }
  return undefined;
}

export function handleWatchStat(req: SandboxRequest, ctx: ProtocolContext, tokens: TokenStore, fault?: ProtocolFault): SandboxReply {
  const refused = refuseCall(req, ctx, tokens, fault);
  if (refused) return refused;

  const body = parseJsonObject(req.body);
  if (!body) return error(47001, 'data format error');
  const livingId = body.livingid;
  if (typeof livingId !== 'string' || livingId === '') return error(40058, 'livingid missing');
  if (livingId === FORBIDDEN_ID) return error(92008, 'current app has no permission to operate this living');
  if (livingId === MISSING_ID || !/^[A-Za-z0-9_-]{1,128}$/.test(livingId)) return error(40058, 'invalid livingid');
  const rawKey = body.next_key === 0 ? '0' : body.next_key;
  if (rawKey !== undefined && typeof rawKey !== 'string') return error(40058, 'invalid next_key');

  const living = livingFor(livingId);
  const offset = decodeNextKey(living, rawKey);
  if (offset === undefined) return error(40058, 'invalid next_key');
  const pageSize = ctx.options.wecomPageSize;
  const end = Math.min(living.size, offset + pageSize);
  const page = viewerPage(living, offset, pageSize, fault === 'extraFields');

  let ending = end >= living.size ? 1 : 0;
  // next_key is present on the last page too: only `ending` says the data is complete (doc 93636).
  let nextKey = encodeNextKey(living, end);
  if (fault === 'repeatNextKey') {
    nextKey = rawKey ?? '0';
    ending = 0;
  }
  const endingField = fault === 'missingField' ? '' : `"ending":${ending},`;
  const extra = fault === 'extraFields' ? '"sandbox_extra":{"note":"undocumented field"},' : '';
  return {
    status: 200,
    body: `{"errcode":0,"errmsg":"ok",${extra}${endingField}"next_key":${JSON.stringify(nextKey)},"stat_info":{"users":${page.users},"external_users":${page.externalUsers}}}`,
  };
}

// The WeCom settings livestats needs and the requests it sends, built the same way for the wire and for
// --dry-run. Sending, retrying and parsing are token.ts's, watch-stat.ts's and livings.ts's.
import type { ProviderSession } from '../../session/provider-session.js';
import type { HttpRequest } from '../../http/client.js';

export interface WecomSettings {
  corpId: string;
  corpSecret: string;
  /** No trailing slash (config/keys.ts normalises it). */
  baseUrl: string;
}

export const DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';

/** Where --dry-run shows the access token it would have fetched. */
export const TOKEN_PLACEHOLDER = 'ACCESS_TOKEN';

/** Reads the settings by precedence; a missing one is a ConfigError naming the key and the variable. */
export function loadWecomSettings(session: Pick<ProviderSession, 'settings'>): WecomSettings {
  return {
    corpId: session.settings.require('wecom.corpId'),
    // The session registers the secret with the redactor as it is read.
    corpSecret: session.settings.require('wecom.corpSecret'),
    baseUrl: session.settings.get('wecom.baseUrl') ?? DEFAULT_BASE_URL,
  };
}

export function gettokenRequest(settings: WecomSettings): HttpRequest {
  const query = new URLSearchParams({ corpid: settings.corpId, corpsecret: settings.corpSecret });
  return { method: 'GET', url: `${settings.baseUrl}/cgi-bin/gettoken?${query.toString()}` };
}

export function watchStatRequest(baseUrl: string, accessToken: string, livingid: string, nextKey: string): HttpRequest {
  // WeCom: the token goes in the query string, never the body (41001, doc 90313).
  const query = new URLSearchParams({ access_token: accessToken });
  return {
    method: 'POST',
    url: `${baseUrl}/cgi-bin/living/get_watch_stat?${query.toString()}`,
    json: { livingid, next_key: nextKey },
  };
}

/** One page of a member's living ids; `cursor` "" on the first call, always sent as a string (providers.md §7.1). */
export function userLivingIdsRequest(baseUrl: string, accessToken: string, userid: string, cursor: string, limit: number): HttpRequest {
  const query = new URLSearchParams({ access_token: accessToken });
  return {
    method: 'POST',
    url: `${baseUrl}/cgi-bin/living/get_user_all_livingid?${query.toString()}`,
    json: { userid, cursor, limit },
  };
}

/** WeCom: get_living_info is a GET with the living id in the query, no body (doc 96835; providers.md §7.2). */
export function livingInfoRequest(baseUrl: string, accessToken: string, livingid: string): HttpRequest {
  const query = new URLSearchParams({ access_token: accessToken, livingid });
  return { method: 'GET', url: `${baseUrl}/cgi-bin/living/get_living_info?${query.toString()}` };
}

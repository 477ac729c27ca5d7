// The report's WeCom source: the viewers of the given livings, a page at a time, through the same token handling,
// get_watch_stat walk, retries and limits as `livestats watch`. The only place the report touches that code.
import type { TimeWindow } from '../../cli/time-window.js';
import type { HttpRequest } from '../../http/client.js';
import { DEFAULT_INFO_CONCURRENCY, discoverLivings, mayHaveViewers } from '../../providers/wecom/livings.js';
import { gettokenRequest, TOKEN_PLACEHOLDER, userLivingIdsRequest, watchStatRequest } from '../../providers/wecom/requests.js';
import { FIRST_NEXT_KEY, LIST_LIMIT } from '../../providers/wecom/schemas.js';
import { connectWecom } from '../../providers/wecom/token.js';
import { watchPages } from '../../providers/wecom/watch-stat.js';
import type { ProviderSession } from '../../session/provider-session.js';
import type { Viewer } from '../watch-stats.js';

export async function* viewerPages(session: ProviderSession, livingIds: readonly string[]): AsyncGenerator<readonly Viewer[], void, undefined> {
  const wecom = connectWecom(session);
  // A bad secret or IP fails here, before any page is asked for.
  await wecom.tokens.get();
  yield* watchPages(wecom, livingIds, { lookahead: true });
}

/** The livings `watch --user` would export for the window, in its order: by start, then id. */
export async function livingIdsOf(session: ProviderSession, userids: readonly string[], window: TimeWindow): Promise<string[]> {
  const wecom = connectWecom(session);
  await wecom.tokens.get();
  const found = await discoverLivings(wecom, userids, window, { concurrency: session.global.concurrency ?? DEFAULT_INFO_CONCURRENCY });
  return found.filter(mayHaveViewers).map((living) => living.livingid);
}

/** --dry-run with --user: gettoken and each member's first list request. */
export function wecomUserRequests(session: ProviderSession, userids: readonly string[]): HttpRequest[] {
  const { settings } = connectWecom(session);
  return [gettokenRequest(settings), ...userids.map((user) => userLivingIdsRequest(settings.baseUrl, TOKEN_PLACEHOLDER, user, '', LIST_LIMIT))];
}

export function wecomRequests(session: ProviderSession, livingIds: readonly string[]): HttpRequest[] {
  const { settings } = connectWecom(session);
  return [gettokenRequest(settings), ...livingIds.map((id) => watchStatRequest(settings.baseUrl, TOKEN_PLACEHOLDER, id, FIRST_NEXT_KEY))];
}

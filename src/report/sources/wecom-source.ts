// The report's WeCom source: the viewers of the given livings, a page at a time, through the same token handling,
// get_watch_stat walk, retries and limits as `livestats watch`. The only place the report touches that code.
import type { HttpRequest } from '../../http/client.js';
import { gettokenRequest, TOKEN_PLACEHOLDER, watchStatRequest } from '../../providers/wecom/requests.js';
import { FIRST_NEXT_KEY } from '../../providers/wecom/schemas.js';
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

export function wecomRequests(session: ProviderSession, livingIds: readonly string[]): HttpRequest[] {
  const { settings } = connectWecom(session);
  return [gettokenRequest(settings), ...livingIds.map((id) => watchStatRequest(settings.baseUrl, TOKEN_PLACEHOLDER, id, FIRST_NEXT_KEY))];
}

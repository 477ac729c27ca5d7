// Walks get_watch_stat for one living, next_key after next_key until ending == 1, retrying a page once
// with a fresh token when WeCom rejects the old one; then chains the livings' walks into watch rows.
// Output (limits, summaries, formats) is the command's and export-runner's concern.
import { ProviderError } from '../../errors.js';
import { paginate, type CursorPage } from '../../http/paginate.js';
import { parseResponse } from '../../http/validate.js';
import { busyRetry, isTokenRejected, wecomFailure } from './errcodes.js';
import { FlatRows } from './flat-rows.js';
import { watchStatRequest } from './requests.js';
import { pageRows, type WatchRow } from './rows.js';
import {
  envelopeSchema,
  FIRST_NEXT_KEY,
  isPlainWatchStatPage,
  PROVIDER,
  WATCH_STAT,
  watchStatSchema,
  type WatchStatPage,
} from './schemas.js';
import type { WecomApi } from './token.js';

const DETAIL = { provider: PROVIDER, endpoint: WATCH_STAT };

async function fetchPage(api: WecomApi, livingid: string, nextKey: string): Promise<CursorPage<WatchStatPage>> {
  const where = { provider: PROVIDER, endpoint: `${WATCH_STAT} (living ${livingid})` };
  const retryOn = busyRetry(api.session.http.retries);
  let token = await api.tokens.get();
  let refreshed = false;
  for (;;) {
    const used = token;
    const response = await api.session.http.requestJson({
      provider: PROVIDER,
      endpoint: WATCH_STAT,
      build: () => watchStatRequest(api.settings.baseUrl, used, livingid, nextKey),
      retryOn,
    });
    const envelope = parseResponse(envelopeSchema, response.body, where);
    if (envelope.errcode !== 0) {
      // WeCom: a token can be invalidated before expires_in (doc 91039): refresh once, retry this same page.
      if (!refreshed && isTokenRejected(envelope.errcode, WATCH_STAT)) {
        refreshed = true;
        token = await api.tokens.refresh(used, envelope.errcode);
        continue;
      }
      throw wecomFailure(envelope.errcode, envelope.errmsg, { endpoint: WATCH_STAT, livingid }, refreshed);
    }
    // zod only when the quick check has doubts: it then either names the field at fault or accepts the page.
    const page = isPlainWatchStatPage(response.body) ? response.body : parseResponse(watchStatSchema, response.body, where);
    // WeCom: only ending == 1 ends the walk; an empty page with ending 0 does not (doc 93636).
    if (page.ending === 1) return { page, next: undefined };
    if (!page.next_key) {
      throw new ProviderError(`${PROVIDER} ${WATCH_STAT} for living ${livingid} answered ending ${page.ending} without a next_key`, DETAIL, {
        hint: 'WeCom gave no way to the next page; try again later, or report it with --verbose output.',
      });
    }
    return { page, next: page.next_key };
  }
}

/** The validated pages of one living; breaking out of the loop stops the requests. */
export function walkLiving(api: WecomApi, livingid: string): AsyncGenerator<WatchStatPage, void, undefined> {
  return paginate((cursor) => fetchPage(api, livingid, cursor ?? FIRST_NEXT_KEY), FIRST_NEXT_KEY, {
    onRepeatedCursor(key) {
      throw new ProviderError(
        `${PROVIDER} ${WATCH_STAT} for living ${livingid} returned next_key ${JSON.stringify(key)} again without ending: the walk would loop`,
        DETAIL,
        { hint: 'WeCom keeps handing back the same page; try again later, or report the living id.' },
      );
    },
  });
}

async function* livingPages(api: WecomApi, livingIds: readonly string[]): AsyncGenerator<WatchRow[], void, undefined> {
  // WeCom: get_watch_stat's concurrency limit (45033) is undocumented, so livings are walked one at a time (providers.md §1.3).
  for (const livingid of livingIds) {
    for await (const page of walkLiving(api, livingid)) yield pageRows(livingid, page);
  }
}

/**
 * Every viewer of every living, one walk per living in the order given; stopping early stops the requests.
 * `prefetch` overlaps the next page's request with writing this page's rows; off for --limit, which must not
 * fetch a page past the last row it writes.
 */
export function watchRows(
  api: WecomApi,
  livingIds: readonly string[],
  options: { prefetch: boolean } = { prefetch: true },
): AsyncIterableIterator<WatchRow> {
  return new FlatRows(livingPages(api, livingIds), { readAhead: options.prefetch });
}

// Walks get_watch_stat for one living, next_key after next_key until ending == 1 (each page one callWecom, so
// a rejected token is refreshed once as for every WeCom call); then chains the livings' walks into pages of watch rows.
// The next page is asked for while this one is parsed and written (paginate's lookahead): get_watch_stat
// pages can only be walked one after the other, so overlapping our work with WeCom's is the only speed-up.
// Output (limits, summaries, formats) is the command's and export-runner's concern.
import { ProviderError } from '../../errors.js';
import { paginate, type CursorPage, type NextCursorHint } from '../../http/paginate.js';
import { parseResponse } from '../../http/validate.js';
import { callWecom } from './call.js';
import { peekNextKey } from './peek.js';
import { watchStatRequest } from './requests.js';
import { pageRows, type WatchRow } from './rows.js';
import { FIRST_NEXT_KEY, PROVIDER, WATCH_STAT, watchStatSchema, type WatchStatPage } from './schemas.js';
import type { WecomApi } from './token.js';

const DETAIL = { provider: PROVIDER, endpoint: WATCH_STAT };

async function fetchPage(api: WecomApi, livingid: string, nextKey: string, hint: NextCursorHint): Promise<CursorPage<WatchRow[]>> {
  const subject = `${WATCH_STAT} (living ${livingid})`;
  const body = await callWecom(api, {
    endpoint: WATCH_STAT,
    subject,
    build: (token) => watchStatRequest(api.settings.baseUrl, token, livingid, nextKey),
    failing: { endpoint: WATCH_STAT, livingid },
    // The next page's key, read from the raw body, lets its request leave before this page is parsed.
    onBody: (raw) => {
      const guess = peekNextKey(raw);
      return guess === undefined ? undefined : hint(guess);
    },
  });
  return nextCursor(livingid, parseResponse(watchStatSchema, body, { provider: PROVIDER, endpoint: subject }));
}

/** A success page's rows and where the walk goes next. */
function nextCursor(livingid: string, page: WatchStatPage): CursorPage<WatchRow[]> {
  // WeCom: only ending == 1 ends the walk; an empty page with ending 0 does not (doc 93636).
  if (page.ending === 1) return { page: pageRows(livingid, page), next: undefined };
  if (!page.next_key) {
    const problem = `${PROVIDER} ${WATCH_STAT} for living ${livingid} answered ending ${page.ending} without a next_key`;
    throw new ProviderError(problem, DETAIL, {
      hint: 'WeCom gave no way to the next page; try again later, or report it with --verbose output.',
    });
  }
  return { page: pageRows(livingid, page), next: page.next_key };
}

/**
 * The rows of one living, a page at a time; breaking out of the loop stops the requests. `lookahead` asks for the
 * next page while this one is parsed and written; off for --limit, which must fetch no page past its last row.
 */
export function walkLiving(api: WecomApi, livingid: string, lookahead: boolean): AsyncGenerator<WatchRow[], void, undefined> {
  return paginate((cursor, hint) => fetchPage(api, livingid, cursor ?? FIRST_NEXT_KEY, hint), FIRST_NEXT_KEY, {
    lookahead,
    onRepeatedCursor(key) {
      throw new ProviderError(
        `${PROVIDER} ${WATCH_STAT} for living ${livingid} returned next_key ${JSON.stringify(key)} again without ending: the walk would loop`,
        DETAIL,
        { hint: 'WeCom keeps handing back the same page; try again later, or report the living id.' },
      );
    },
  });
}

/**
 * Every viewer of every living as pages of rows, one walk per living in the order given; stopping early stops
 * the requests. WeCom: get_watch_stat's concurrency limit (45033) is undocumented, so livings are walked one
 * at a time and each walk has at most one request out (docs/providers.md §1.3).
 */
export async function* watchPages(
  api: WecomApi,
  livingIds: readonly string[],
  options: { lookahead: boolean } = { lookahead: true },
): AsyncGenerator<WatchRow[], void, undefined> {
  for (const livingid of livingIds) {
    yield* walkLiving(api, livingid, options.lookahead);
  }
}

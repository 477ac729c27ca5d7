// Cursor pagination as an async generator: yields pages as they arrive, stops fetching when the consumer
// breaks out, and refuses to follow a cursor it has already followed (a provider-side loop).
//
// With `lookahead`, the next page is asked for before the consumer needs it, one page ahead and never more
// than one request at a time: as soon as a page's body has arrived and its cursor can be read from the raw
// text (before the body is parsed), or at the latest when the page is handed out. A guess read from raw text
// is only ever used when the parsed page names the same cursor; otherwise its page is dropped, unused.

export interface CursorPage<P> {
  page: P;
  /** The cursor for the next request, or undefined when this page is the last. */
  next: string | undefined;
}

/**
 * Called by fetchPage with the next cursor read early from a page's raw body (see RequestOptions.onBody):
 * paginate may start that page's request now. The returned promise lets the request leave before parsing.
 */
export type NextCursorHint = (cursor: string) => Promise<void> | void;

export interface PaginateOptions {
  /** Called when the provider hands back a cursor already used: throw a provider error from here. */
  onRepeatedCursor: (cursor: string) => never;
  /** Ask for the next page while this one is parsed and written. Off for --limit: no page past the last row. */
  lookahead?: boolean;
}

/** The page asked for ahead of the walk, and the cursor it was asked with. */
interface Ahead<P> {
  cursor: string;
  page: Promise<CursorPage<P>>;
}

export async function* paginate<P>(
  fetchPage: (cursor: string | undefined, hint: NextCursorHint) => Promise<CursorPage<P>>,
  firstCursor: string | undefined,
  options: PaginateOptions,
): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  let current: Promise<CursorPage<P>>;
  let ahead: Ahead<P> | undefined;
  const dropped: Array<Promise<unknown>> = [];

  const fetchWithHint = (cursor: string | undefined): Promise<CursorPage<P>> => {
    // Only the page being waited for may start the next one: a page already ahead (or dropped) waits its
    // turn, so at most one page is fetched beyond the one being written, whatever the consumer's speed.
    const hint: NextCursorHint = (guess) => {
      if (page !== current || ahead !== undefined || seen.has(guess)) return;
      ahead = { cursor: guess, page: fetchWithHint(guess) };
      return letRequestsLeave();
    };
    const page = fetchPage(cursor, options.lookahead ? hint : () => undefined);
    // A failure is reported when (and if) the walk reaches that page, not as an unhandled rejection before.
    page.catch(() => undefined);
    return page;
  };

  let cursor = firstCursor;
  current = fetchWithHint(cursor);
  try {
    for (;;) {
      if (cursor !== undefined) seen.add(cursor);
      const { page, next } = await current;
      if (options.lookahead && next !== undefined && !seen.has(next) && ahead?.cursor !== next) {
        // No guess, or a wrong one (its page is dropped): ask for the next page now, before handing this one out.
        if (ahead !== undefined) dropped.push(ahead.page);
        ahead = { cursor: next, page: fetchWithHint(next) };
      }
      yield page;
      if (next === undefined) return;
      if (seen.has(next)) options.onRepeatedCursor(next);
      cursor = next;
      if (ahead?.cursor === next) current = ahead.page;
      else {
        if (ahead !== undefined) dropped.push(ahead.page);
        current = fetchWithHint(next);
      }
      ahead = undefined;
    }
  } finally {
    // Stopped early, failed, or a wrong guess: requests still out complete before the walk ends, so nothing
    // is in flight when the caller closes its connections.
    if (ahead !== undefined) dropped.push(ahead.page);
    await Promise.allSettled(dropped);
  }
}

/**
 * undici writes a request on a kept-alive connection from a setImmediate that it schedules when the request
 * is dispatched; two turns of the check phase let that run (and the request leave) before the synchronous
 * work that follows, parsing a page and writing its rows, holds the event loop.
 */
function letRequestsLeave(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

// Cursor pagination as an async generator: yields pages as they arrive, stops fetching when the consumer
// breaks out, and refuses to follow a cursor it has already followed (a provider-side loop).

export interface CursorPage<P> {
  page: P;
  /** The cursor for the next request, or undefined when this page is the last. */
  next: string | undefined;
}

export interface PaginateOptions {
  /** Called when the provider hands back a cursor already used: throw a provider error from here. */
  onRepeatedCursor: (cursor: string) => never;
}

export async function* paginate<P>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<P>>,
  firstCursor: string | undefined,
  options: PaginateOptions,
): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  let cursor = firstCursor;
  for (;;) {
    if (cursor !== undefined) seen.add(cursor);
    const { page, next } = await fetchPage(cursor);
    yield page;
    if (next === undefined) return;
    if (seen.has(next)) options.onRepeatedCursor(next);
    cursor = next;
  }
}

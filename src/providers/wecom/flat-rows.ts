// Hands out rows one at a time from a source that produces them a page at a time. It only iterates;
// what a page is and when to stop fetching belong to the source (closing this closes the source).

/**
 * An async iterator over the items of async batches. Each row costs one already-resolved promise instead of
 * an async generator's suspend and resume: measured ~180 vs ~400 ns per row, in a budget of ~3 µs per row.
 */
export class FlatRows<T> implements AsyncIterableIterator<T> {
  private batch: readonly T[] = [];
  private index = 0;

  constructor(private readonly batches: AsyncIterator<readonly T[]>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.index < this.batch.length) return Promise.resolve({ value: this.batch[this.index++] as T, done: false });
    return this.batches.next().then((result): Promise<IteratorResult<T, undefined>> | IteratorResult<T, undefined> => {
      if (result.done) return { value: undefined, done: true };
      this.batch = result.value;
      this.index = 0;
      return this.next();
    });
  }

  /** Called when the consumer stops early (--limit, a broken pipe): closes the source, so no further page is fetched. */
  async return(): Promise<IteratorResult<T, undefined>> {
    this.batch = [];
    await this.batches.return?.();
    return { value: undefined, done: true };
  }
}

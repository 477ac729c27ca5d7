// Runs an async function over items with at most `concurrency` in flight and yields the results in input
// order. At most `concurrency` results wait in memory, so a slow first item holds back the window, not RAM.
// The first failure stops new work and is thrown once the items before it have been yielded.

export async function* mapOrdered<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R, void, undefined> {
  if (!(concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
  const iterator = (Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]()) as
    | Iterator<T>
    | AsyncIterator<T>;
  const window: Array<Promise<{ ok: true; value: R } | { ok: false; error: unknown }>> = [];
  let index = 0;
  let exhausted = false;
  let failed = false;

  const fill = async (): Promise<void> => {
    while (!exhausted && !failed && window.length < concurrency) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const settled = fn(next.value, index++).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => {
          failed = true;
          return { ok: false as const, error };
        },
      );
      window.push(settled);
    }
  };

  try {
    await fill();
    while (window.length > 0) {
      const result = await window.shift()!;
      if (!result.ok) throw result.error;
      // Start the next item before handing this result over, so fetching overlaps with the consumer's writing.
      await fill();
      yield result.value;
    }
  } finally {
    // Consumer stopped early (--limit, a closed pipe) or an item failed: let in-flight work settle quietly.
    failed = true;
    await Promise.allSettled(window);
    if (!exhausted) await iterator.return?.();
  }
}

// Requests over many items, a bounded number in flight, answers handed on in input order: p-map's
// pMapIterable, which also stops starting items at the first failure and throws it after the earlier results.
// What it leaves out: when the consumer stops early or an item fails, the items still in flight finish before
// the iteration ends, so that nothing is in flight when the caller closes its connections.
import { pMapIterable } from 'p-map';

export async function* mapInOrder<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R, void, undefined> {
  const running = new Set<Promise<R>>();
  const tracked = (item: T, index: number): Promise<R> => {
    const work = fn(item, index);
    running.add(work);
    const settled = (): void => void running.delete(work);
    work.then(settled, settled);
    return work;
  };
  try {
    yield* pMapIterable(items, tracked, { concurrency }) as AsyncIterable<R>;
  } finally {
    await Promise.allSettled(running);
  }
}

// mapInOrder(): results in input order whatever order the work finishes in, a hard cap on work in flight,
// the first failure surfacing after the results before it, and nothing new started after a failure or a break.
import { describe, expect, it } from 'vitest';
import { mapInOrder } from '../../src/http/in-order.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Work whose completion the test controls, tracking what is in flight. */
function controlledWork(count: number) {
  const gates = Array.from({ length: count }, () => deferred<string>());
  const started: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fn = async (item: number, index: number): Promise<string> => {
    expect(index).toBe(item);
    started.push(item);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await (gates[item] as Deferred<string>).promise;
    } finally {
      inFlight--;
    }
  };
  return { gates, started, fn, maxInFlight: () => maxInFlight };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('mapInOrder', () => {
  it('yields results in input order when the work finishes out of order', async () => {
    const work = controlledWork(5);
    const results = collect(mapInOrder([0, 1, 2, 3, 4], 5, work.fn));
    await settle();
    for (const i of [4, 2, 3, 0, 1]) {
      work.gates[i]?.resolve(`r${i}`);
      await settle();
    }
    expect(await results).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });

  it('keeps at most `concurrency` items in flight', async () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await collect(
      mapInOrder(items, 4, async (item) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Uneven durations so completions interleave.
        await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
        inFlight--;
        return item * 2;
      }),
    );
    expect(results).toEqual(items.map((i) => i * 2));
    expect(maxInFlight).toBe(4);
  });

  it('starts no more than `concurrency` before the first result is taken', async () => {
    const work = controlledWork(10);
    const iterator = mapInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, work.fn)[Symbol.asyncIterator]();
    const first = iterator.next();
    await settle();
    expect(work.started).toEqual([0, 1, 2]);

    work.gates[0]?.resolve('r0');
    expect(await first).toEqual({ done: false, value: 'r0' });
    // The next item starts as soon as the first result is handed over.
    expect(work.started).toEqual([0, 1, 2, 3]);
    expect(work.maxInFlight()).toBe(3);
    for (const gate of work.gates) gate.resolve('done');
    await iterator.return(undefined);
  });

  it('accepts an async iterable of items', async () => {
    async function* source() {
      yield 'a';
      yield 'b';
      yield 'c';
    }
    expect(await collect(mapInOrder(source(), 2, async (s, i) => `${i}:${s}`))).toEqual(['0:a', '1:b', '2:c']);
  });

  it('throws the first failure after yielding every earlier result, and starts nothing after it', async () => {
    const work = controlledWork(8);
    const seen: string[] = [];
    const run = (async () => {
      for await (const value of mapInOrder([0, 1, 2, 3, 4, 5, 6, 7], 3, work.fn)) seen.push(value);
    })();
    await settle();
    expect(work.started).toEqual([0, 1, 2]);

    work.gates[2]?.reject(new Error('item 2 failed'));
    await settle();
    work.gates[0]?.resolve('r0');
    await settle();
    work.gates[1]?.resolve('r1');

    await expect(run).rejects.toThrow('item 2 failed');
    expect(seen).toEqual(['r0', 'r1']);
    // Item 2 failed while 0 and 1 were still running: no new item was started after that.
    expect(work.started).toEqual([0, 1, 2]);
  });

  it('stops starting new items when the consumer breaks out early', async () => {
    const started: number[] = [];
    const items = Array.from({ length: 100 }, (_, i) => i);
    const seen: number[] = [];
    for await (const value of mapInOrder(items, 4, async (item) => {
      started.push(item);
      return item;
    })) {
      seen.push(value);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    // What was in flight at the break (a window of 4 after the third result) and nothing more.
    expect(started.length).toBeLessThanOrEqual(3 + 4);
    expect(Math.max(...started)).toBeLessThan(7);
  });

  it('closes the item source when stopped early', async () => {
    let closed = false;
    function* source() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const value of mapInOrder(source(), 2, async (i) => i)) {
      if (value === 1) break;
    }
    expect(closed).toBe(true);
  });

  it('waits for work in flight to settle before returning from a break', async () => {
    const work = controlledWork(3);
    const iterator = mapInOrder([0, 1, 2], 3, work.fn)[Symbol.asyncIterator]();
    const first = iterator.next();
    await settle();
    work.gates[0]?.resolve('r0');
    await first;

    let returned = false;
    const closing = iterator.return(undefined).then(() => {
      returned = true;
    });
    await settle();
    expect(returned).toBe(false);
    work.gates[1]?.resolve('r1');
    work.gates[2]?.reject(new Error('ignored after the break'));
    await closing;
    expect(returned).toBe(true);
  });
});

// paginate(): pages in order, no request past the last page or past the consumer's break, and a provider
// that hands back a cursor already followed is stopped instead of looping forever.
import { describe, expect, it } from 'vitest';
import { paginate, type CursorPage } from '../../src/http/paginate.js';

class RepeatedCursor extends Error {}

const options = {
  onRepeatedCursor: (cursor: string): never => {
    throw new RepeatedCursor(`cursor ${cursor} repeated`);
  },
};

/** A fake paged API over `pages`: the cursor is the index of the page as a string. */
function fakeApi(pages: string[][]) {
  const cursors: Array<string | undefined> = [];
  const fetchPage = async (cursor: string | undefined): Promise<CursorPage<string[]>> => {
    cursors.push(cursor);
    const index = cursor === undefined ? 0 : Number(cursor);
    const page = pages[index] ?? [];
    return { page, next: index + 1 < pages.length ? String(index + 1) : undefined };
  };
  return { fetchPage, cursors };
}

describe('paginate', () => {
  it('yields every page in order and stops when there is no next cursor', async () => {
    const api = fakeApi([['a', 'b'], ['c'], ['d', 'e']]);

    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, undefined, options)) pages.push(page);

    expect(pages).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    expect(api.cursors).toEqual([undefined, '1', '2']);
  });

  it('makes one request for a single page', async () => {
    const api = fakeApi([['only']]);

    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, undefined, options)) pages.push(page);

    expect(pages).toEqual([['only']]);
    expect(api.cursors).toHaveLength(1);
  });

  it('starts from the given first cursor', async () => {
    const api = fakeApi([['a'], ['b'], ['c']]);

    const pages: string[][] = [];
    for await (const page of paginate(api.fetchPage, '1', options)) pages.push(page);

    expect(pages).toEqual([['b'], ['c']]);
    expect(api.cursors).toEqual(['1', '2']);
  });

  it('fetches nothing more once the consumer breaks out', async () => {
    const api = fakeApi([['a'], ['b'], ['c'], ['d']]);

    for await (const page of paginate(api.fetchPage, undefined, options)) {
      if (page[0] === 'b') break;
    }

    expect(api.cursors).toEqual([undefined, '1']);
  });

  it('fetches lazily: nothing before the first next(), one page per next()', async () => {
    const api = fakeApi([['a'], ['b'], ['c']]);
    const pages = paginate(api.fetchPage, undefined, options);

    expect(api.cursors).toHaveLength(0);
    await pages.next();
    expect(api.cursors).toHaveLength(1);
    await pages.next();
    expect(api.cursors).toHaveLength(2);
    await pages.return();
  });

  it('calls onRepeatedCursor when a cursor comes back, after yielding the page that carried it', async () => {
    const cursors: Array<string | undefined> = [];
    const loops = async (cursor: string | undefined): Promise<CursorPage<string>> => {
      cursors.push(cursor);
      if (cursor === undefined) return { page: 'p0', next: 'k1' };
      if (cursor === 'k1') return { page: 'p1', next: 'k2' };
      return { page: 'p2', next: 'k1' };
    };
    const seen: string[] = [];
    let repeated: string | undefined;

    const run = async () => {
      for await (const page of paginate(loops, undefined, {
        onRepeatedCursor: (cursor) => {
          repeated = cursor;
          throw new RepeatedCursor(cursor);
        },
      }))
        seen.push(page);
    };

    await expect(run()).rejects.toBeInstanceOf(RepeatedCursor);
    expect(seen).toEqual(['p0', 'p1', 'p2']);
    expect(repeated).toBe('k1');
    expect(cursors).toEqual([undefined, 'k1', 'k2']);
  });

  it('treats a next cursor equal to the first cursor as repeated', async () => {
    const fetchPage = async (): Promise<CursorPage<number>> => ({ page: 1, next: 'start' });

    const run = async () => {
      for await (const page of paginate(fetchPage, 'start', options)) void page;
    };

    await expect(run()).rejects.toThrow('cursor start repeated');
  });

  it('passes a fetch error through and stops', async () => {
    let calls = 0;
    const fetchPage = async (cursor: string | undefined): Promise<CursorPage<number>> => {
      calls++;
      if (cursor === 'c1') throw new Error('boom');
      return { page: calls, next: 'c1' };
    };
    const seen: number[] = [];

    const run = async () => {
      for await (const page of paginate(fetchPage, undefined, options)) seen.push(page);
    };

    await expect(run()).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
    expect(calls).toBe(2);
  });
});
